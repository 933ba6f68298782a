import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { deleteArticle, getArticle, updateArticle } from "@/lib/knowledge/articles";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getArticle, async ({ ctx, params }) =>
  routes.toArticle(await getArticle(await ctx.tenantContext(), params.id)),
);

export const PATCH = apiRoute(routes.updateArticle, async ({ ctx, params, body }) =>
  routes.toArticle(await updateArticle(await ctx.tenantContext(), params.id, body)),
);

export const DELETE = apiRoute(routes.deleteArticle, async ({ ctx, params }) => {
  await deleteArticle(await ctx.tenantContext(), params.id);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
