import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { restoreVersion } from "@/lib/knowledge/articles";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.restoreArticleVersion, async ({ ctx, params, body }) =>
  routes.toArticle(await restoreVersion(await ctx.tenantContext(), params.id, body.version)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
