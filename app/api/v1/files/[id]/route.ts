import * as routes from "@/lib/api/v1/files";
import { deleteFile, getFile } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getFile, async ({ ctx, params }) =>
  routes.toFileResource(await getFile(await ctx.tenantContext(), params.id)),
);

export const DELETE = apiRoute(routes.deleteFile, async ({ ctx, params }) => {
  await deleteFile(await ctx.tenantContext(), params.id);
});
