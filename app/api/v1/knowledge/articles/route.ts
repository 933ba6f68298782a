import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { createArticle, listArticles } from "@/lib/knowledge/articles";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listArticles, async ({ ctx, query }) => {
  const articles = await listArticles(await ctx.tenantContext(), {
    q: query.q,
    collectionId: query.collection_id,
    tag: query.tag,
    published: query.published === undefined ? undefined : query.published === "true",
    limit: query.limit,
  });
  return { data: articles.map(routes.toArticleSummary) };
});

export const POST = apiRoute(routes.createArticle, async ({ ctx, body }) =>
  routes.toArticle(await createArticle(await ctx.tenantContext(), body)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
