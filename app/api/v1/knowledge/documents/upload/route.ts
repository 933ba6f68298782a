// Direct upload: the body is the document, streamed to the store (not buffered, and not through
// proxy.ts, whose matcher leaves this path out so large bodies are never held in memory). The
// text is extracted afterwards by the background job (202, status queued).
import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";
import { uploadDocument } from "@/lib/knowledge/documents";

function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  return header !== null && /^\d{1,15}$/.test(header.trim()) ? Number(header) : null;
}

export const POST = apiRoute(routes.uploadDocument, async ({ ctx, query, request }) =>
  routes.toDocument(
    await uploadDocument(await ctx.tenantContext(), {
      body: request.body,
      declaredSize: declaredLength(request),
      name: query.filename,
      collectionId: query.collection_id ?? null,
    }),
  ),
);

// This static path shadows /api/v1/knowledge/documents/{id} for every method, so it answers the
// others itself with the JSON 405 (the upload path is also outside proxy.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
