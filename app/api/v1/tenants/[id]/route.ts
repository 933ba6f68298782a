import { getPlatformTenant } from "@/lib/api/v1/platform-tenants";
import { fromApiTier, toPlatformTenantResource } from "@/lib/api/v1/serializers";
import * as routes from "@/lib/api/v1/tenants";
import { apiRoute } from "@/lib/http/api";
import { AppError } from "@/lib/errors";
import {
  adminChangeTier,
  adminDeleteTenant,
  adminReactivateTenant,
  adminSuspendTenant,
  adminUpdateTenant,
} from "@/lib/lifecycle/tenants";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getTenant, async ({ ctx, params }) =>
  toPlatformTenantResource(await getPlatformTenant(ctx.operator(), params.id)),
);

// Each change is its own audited operation; everything that could refuse is checked first so a
// refused request changes nothing (only a slug taken in the meantime can still interrupt it).
export const PATCH = apiRoute(routes.updateTenant, async ({ ctx, params, body }) => {
  const operator = ctx.operator();
  const before = await getPlatformTenant(operator, params.id);
  if (body.status === "suspended" && before.status === "DELETED") {
    throw new AppError("conflict", "A deleted tenant cannot be suspended; restore it with status “active” first.");
  }
  const name = body.name ?? before.name;
  const slug = body.slug ?? before.slug;
  if (name !== before.name || slug !== before.slug) await adminUpdateTenant(operator, params.id, { name, slug });
  if (body.tier && fromApiTier(body.tier) !== before.tier) {
    await adminChangeTier(operator, params.id, { tier: fromApiTier(body.tier) });
  }
  if (body.status === "suspended" && before.status !== "SUSPENDED") {
    await adminSuspendTenant(operator, params.id, { reason: body.suspended_reason });
  }
  if (body.status === "active" && before.status !== "ACTIVE") await adminReactivateTenant(operator, params.id);
  return toPlatformTenantResource(await getPlatformTenant(operator, params.id));
});

export const DELETE = apiRoute(routes.deleteTenant, async ({ ctx, params }) => {
  await adminDeleteTenant(ctx.operator(), params.id);
  return toPlatformTenantResource(await getPlatformTenant(ctx.operator(), params.id));
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
