import * as routes from "@/lib/api/v1/files";
import { isoDateTime } from "@/lib/iso";
import { presignUpload } from "@/lib/files/files";
import { toFileKind } from "@/lib/files/schemas";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.presignFileUpload, async ({ ctx, body }) => {
  const { file, upload } = await presignUpload(await ctx.tenantContext(), {
    name: body.name,
    size: body.size,
    contentType: body.content_type,
    kind: toFileKind(body.kind),
  });
  return {
    file: routes.toFileResource(file),
    upload: {
      url: upload.url,
      method: upload.method,
      headers: upload.headers,
      expires_at: isoDateTime(upload.expiresAt),
    },
  };
});

// This static path shadows /api/v1/files/{id} for every method, so it answers the others itself
// with the JSON 405.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
