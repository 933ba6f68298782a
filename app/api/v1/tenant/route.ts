import * as routes from "@/lib/api/v1/tenant";
import { toTenantResource } from "@/lib/api/v1/serializers";
import { apiRoute } from "@/lib/http/api";
import { updateTenantSettings } from "@/lib/tenancy/tenants";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getCurrentTenant, async ({ ctx }) =>
  toTenantResource((await ctx.tenantContext()).tenant),
);

export const PATCH = apiRoute(routes.updateCurrentTenant, async ({ ctx, body }) =>
  toTenantResource(await updateTenantSettings(await ctx.tenantContext(), body)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, DELETE, OPTIONS } = otherMethods(["GET", "PATCH"]);
