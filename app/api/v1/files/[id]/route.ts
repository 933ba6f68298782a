import * as routes from "@/lib/api/v1/files";
import { deleteFile, getFile } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getFile, async ({ ctx, params }) =>
  routes.toFileResource(await getFile(await ctx.tenantContext(), params.id)),
);

export const DELETE = apiRoute(routes.deleteFile, async ({ ctx, params }) => {
  await deleteFile(await ctx.tenantContext(), params.id);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, OPTIONS } = otherMethods(["GET", "DELETE"]);
