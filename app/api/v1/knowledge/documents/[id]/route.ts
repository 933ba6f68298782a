import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { deleteDocument, getDocument } from "@/lib/knowledge/documents";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getDocument, async ({ ctx, params }) => {
  const { text, ...doc } = await getDocument(await ctx.tenantContext(), params.id);
  return { ...routes.toDocument({ ...doc, textLength: text.length }), text };
});

export const DELETE = apiRoute(routes.deleteDocument, async ({ ctx, params }) => {
  await deleteDocument(await ctx.tenantContext(), params.id);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, OPTIONS } = otherMethods(["GET", "DELETE"]);
