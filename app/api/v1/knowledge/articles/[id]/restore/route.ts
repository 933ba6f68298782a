import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { restoreVersion } from "@/lib/knowledge/articles";

export const POST = apiRoute(routes.restoreArticleVersion, async ({ ctx, params, body }) =>
  routes.toArticle(await restoreVersion(await ctx.tenantContext(), params.id, body.version)),
);
