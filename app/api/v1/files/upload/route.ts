// Direct upload: the body is the file, streamed to the store (not buffered, and not through
// proxy.ts, whose matcher leaves this path out so large bodies are never held in memory).
import * as routes from "@/lib/api/v1/files";
import { uploadFile } from "@/lib/files/files";
import { toFileKind } from "@/lib/files/schemas";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  return header !== null && /^\d{1,15}$/.test(header.trim()) ? Number(header) : null;
}

export const POST = apiRoute(routes.uploadFile, async ({ ctx, query, request }) =>
  routes.toFileResource(
    await uploadFile(await ctx.tenantContext(), {
      body: request.body,
      declaredSize: declaredLength(request),
      name: query.filename,
      kind: toFileKind(query.kind),
    }),
  ),
);

// This static path shadows /api/v1/files/{id} for every method, so it answers the others itself
// with the JSON 405.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
