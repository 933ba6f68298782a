import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { searchKnowledgeBase } from "@/lib/knowledge/search";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.searchKnowledge, async ({ ctx, query }) => {
  const result = await searchKnowledgeBase(await ctx.tenantContext(), query.q, { limit: query.limit });
  return { query: result.query, mode: result.mode, ranking: result.ranking, data: result.hits.map(routes.toSearchHit) };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
