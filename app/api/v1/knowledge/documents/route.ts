import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { listDocuments } from "@/lib/knowledge/documents";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listDocuments, async ({ ctx }) => ({
  data: (await listDocuments(await ctx.tenantContext())).map(routes.toDocument),
}));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
