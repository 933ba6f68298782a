import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { listVersions } from "@/lib/knowledge/articles";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listArticleVersions, async ({ ctx, params }) => ({
  data: (await listVersions(await ctx.tenantContext(), params.id)).map(routes.toVersion),
}));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
