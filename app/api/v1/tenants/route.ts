import { getPlatformTenant, listPlatformTenants } from "@/lib/api/v1/platform-tenants";
import { fromApiTier, toOwnerInvitation, toPlatformTenantResource } from "@/lib/api/v1/serializers";
import * as routes from "@/lib/api/v1/tenants";
import { env } from "@/lib/env";
import { apiRoute } from "@/lib/http/api";
import { adminCreateTenant } from "@/lib/lifecycle/tenants";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listTenants, async ({ ctx, query }) => {
  const now = new Date();
  const page = await listPlatformTenants(ctx.operator(), query, now);
  return { data: page.rows.map((row) => toPlatformTenantResource(row, now)), next_cursor: page.next_cursor };
});

export const POST = apiRoute(routes.createTenant, async ({ ctx, body }) => {
  const { tenant, invitation } = await adminCreateTenant(
    ctx.operator(),
    {
      name: body.name,
      slug: body.slug,
      tier: fromApiTier(body.tier),
      trial: body.trial,
      ownerEmail: body.owner_email,
      ownerName: body.owner_name,
    },
    // Links in owner invitations use APP_URL, never the caller's Host header.
    { baseUrl: env.APP_URL },
  );
  return {
    ...toPlatformTenantResource(await getPlatformTenant(ctx.operator(), tenant.id)),
    owner_invitation: toOwnerInvitation(invitation),
  };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
