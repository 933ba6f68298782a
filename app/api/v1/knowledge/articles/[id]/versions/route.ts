import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { listVersions } from "@/lib/knowledge/articles";

export const GET = apiRoute(routes.listArticleVersions, async ({ ctx, params }) => ({
  data: (await listVersions(await ctx.tenantContext(), params.id)).map(routes.toVersion),
}));
