import * as routes from "@/lib/api/v1/files";
import { completeUpload } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(routes.completeFileUpload, async ({ ctx, params }) =>
  routes.toFileResource(await completeUpload(await ctx.tenantContext(), params.id)),
);
