import * as routes from "@/lib/api/v1/files";
import { openFile } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";
import { fileResponse } from "@/lib/http/file-response";

export const GET = apiRoute(routes.downloadFile, async ({ ctx, params, query }) => {
  const { file, body } = await openFile(await ctx.tenantContext(), params.id);
  return fileResponse(file, body, { inline: query.inline === "true" });
});
