// What a tenant-scoped operation knows about its caller. Built once at the request boundary
// (lib/http/tenant.ts) and passed to every lib/tenancy function.
import type { Role, Tier } from "../db/generated/enums";
import type { Tenant } from "../db/generated/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "./audit";
import { can, type Permission } from "./permissions";
import { effectiveTier } from "./tiers";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  isPlatformAdmin: boolean;
}

export interface TenantContext {
  user: SessionUser;
  tenant: Tenant;
  role: Role;
  /** The tier whose limits apply now (trial tier while the trial runs). */
  tier: Tier;
}

export function buildTenantContext(user: SessionUser, tenant: Tenant, role: Role, now = new Date()): TenantContext {
  return { user, tenant, role, tier: effectiveTier(tenant, now) };
}

export function actorOf(ctx: { user: SessionUser }): Actor {
  return { id: ctx.user.id, email: ctx.user.email };
}

export function assertCan(ctx: TenantContext, permission: Permission): void {
  if (!can(ctx.role, permission)) throw AppError.forbidden();
}

export function assertActive(ctx: TenantContext): void {
  if (ctx.tenant.status === "SUSPENDED") {
    throw new AppError("forbidden", "This workspace is suspended. Contact support to reactivate it.");
  }
}
