import * as routes from "@/lib/api/v1/files";
import { completeUpload } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.completeFileUpload, async ({ ctx, params }) =>
  routes.toFileResource(await completeUpload(await ctx.tenantContext(), params.id)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
