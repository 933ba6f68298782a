import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { createCollection, listCollections } from "@/lib/knowledge/collections";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listCollections, async ({ ctx }) => ({
  data: (await listCollections(await ctx.tenantContext())).map(routes.toCollection),
}));

export const POST = apiRoute(routes.createCollection, async ({ ctx, body }) =>
  routes.toCollection(await createCollection(await ctx.tenantContext(), body)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
