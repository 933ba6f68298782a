import * as routes from "@/lib/api/v1/files";
import { openFile } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";
import { fileResponse } from "@/lib/http/file-response";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.downloadFile, async ({ ctx, params, query }) => {
  const { file, body } = await openFile(await ctx.tenantContext(), params.id);
  return fileResponse(file, body, { inline: query.inline === "true" });
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
