import * as routes from "@/lib/api/v1/tenant";
import { toTenantResource } from "@/lib/api/v1/serializers";
import { apiRoute } from "@/lib/http/api";
import { updateTenantSettings } from "@/lib/tenancy/tenants";

export const GET = apiRoute(routes.getCurrentTenant, async ({ ctx }) =>
  toTenantResource((await ctx.tenantContext()).tenant),
);

export const PATCH = apiRoute(routes.updateCurrentTenant, async ({ ctx, body }) =>
  toTenantResource(await updateTenantSettings(await ctx.tenantContext(), body)),
);
