import { rollApiKey } from "@/lib/api-keys/keys";
import { toApiKeyResource } from "@/lib/api-keys/schemas";
import * as routes from "@/lib/api/v1/api-keys";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.rollApiKey, async ({ ctx, params, body }) => {
  const { key, secret } = await rollApiKey(
    await ctx.tenantContext(),
    params.id,
    { graceSeconds: body?.grace_seconds ?? 0 },
    { grantableScopes: ctx.apiKey ? ctx.scopes : undefined },
  );
  return { ...toApiKeyResource(key), secret };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
