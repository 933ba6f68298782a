import { getApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { toApiKeyResource } from "@/lib/api-keys/schemas";
import * as routes from "@/lib/api/v1/api-keys";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getApiKey, async ({ ctx, params }) =>
  toApiKeyResource(await getApiKey(await ctx.tenantContext(), params.id)),
);

export const DELETE = apiRoute(routes.revokeApiKey, async ({ ctx, params }) =>
  toApiKeyResource(await revokeApiKey(await ctx.tenantContext(), params.id)),
);
