import { createApiKey, listApiKeys } from "@/lib/api-keys/keys";
import { toApiKeyResource } from "@/lib/api-keys/schemas";
import { keysetPage } from "@/lib/cursor";
import * as routes from "@/lib/api/v1/api-keys";
import { requestSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listApiKeys, async ({ ctx, query }) => {
  const keys = await listApiKeys(await ctx.tenantContext());
  const filtered = keys.filter((key) =>
    query.status === "all" ? true : query.status === "revoked" ? key.revokedAt !== null : key.revokedAt === null,
  );
  const page = keysetPage(filtered, (key) => ({ at: key.createdAt, id: key.id }), "desc", query.limit, query.cursor);
  return { data: page.data.map(toApiKeyResource), next_cursor: page.next_cursor };
});

export const POST = apiRoute(routes.createApiKey, async ({ ctx, body, request }) => {
  const tenant = await ctx.tenantContext();
  const { key, secret } = await withAbuseLimit("api_key_create", requestSubject(request, tenant.user.id), () =>
    createApiKey(tenant, body, { grantableScopes: ctx.apiKey ? ctx.scopes : undefined }),
  );
  return { ...toApiKeyResource(key), secret };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
