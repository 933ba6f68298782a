import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { deleteDocument, getDocument } from "@/lib/knowledge/documents";

export const GET = apiRoute(routes.getDocument, async ({ ctx, params }) => {
  const { text, ...doc } = await getDocument(await ctx.tenantContext(), params.id);
  return { ...routes.toDocument({ ...doc, textLength: text.length }), text };
});

export const DELETE = apiRoute(routes.deleteDocument, async ({ ctx, params }) => {
  await deleteDocument(await ctx.tenantContext(), params.id);
});
