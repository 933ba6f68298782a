import { getApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { toApiKeyResource } from "@/lib/api-keys/schemas";
import * as routes from "@/lib/api/v1/api-keys";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getApiKey, async ({ ctx, params }) =>
  toApiKeyResource(await getApiKey(await ctx.tenantContext(), params.id)),
);

export const DELETE = apiRoute(routes.revokeApiKey, async ({ ctx, params }) =>
  toApiKeyResource(await revokeApiKey(await ctx.tenantContext(), params.id)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, OPTIONS } = otherMethods(["GET", "DELETE"]);
