// Tenants: creation (with the owner and a trial), lookup, settings and white-label branding.
import "server-only";

import type { z } from "zod";

import { invalidateNameCache, invalidateTenantCache } from "../cache/namespaces";
import { getDb } from "../db/client";
import type { Tenant } from "../db/generated/client";
import type { Tier } from "../db/generated/enums";
import { withTenant } from "../db/tenant";
import { env } from "../env";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { writeAudit, type Actor } from "./audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "./context";
import { claimChanges } from "./domains";
import { brandingSchema, createTenantSchema, updateTenantSchema } from "./schemas";
import { DEFAULT_TRIAL_TIER, tierHasFeature, trialEndsAtFrom } from "./tiers";

export const slugTaken = () => new AppError("conflict", "That URL is taken.", { slug: ["That URL is taken."] });

export interface CreateTenantOptions {
  /** Paid tier to start on (operators); FREE otherwise. */
  tier?: Tier;
  /** Start a trial of this tier (default PROFESSIONAL); null for no trial. */
  trialTier?: Tier | null;
  now?: Date;
  /** Make the actor the tenant's OWNER (default). Operators creating for someone else pass false. */
  actorIsOwner?: boolean;
  /** The audit action and extra fields for its "after" snapshot. */
  auditAction?: string;
  auditExtra?: Record<string, unknown>;
}

/** Creates a tenant with `actor` as OWNER and (by default) a 14-day trial of PROFESSIONAL. */
export async function createTenant(
  input: z.input<typeof createTenantSchema>,
  actor: Actor & { id: string },
  options?: CreateTenantOptions & { actorIsOwner?: true },
): Promise<Tenant>;
/** An operator (a platform key has no user id) creates a tenant for someone else: no owner yet. */
export async function createTenant(
  input: z.input<typeof createTenantSchema>,
  actor: Actor,
  options: CreateTenantOptions & { actorIsOwner: false },
): Promise<Tenant>;
export async function createTenant(
  input: z.input<typeof createTenantSchema>,
  actor: Actor,
  options: CreateTenantOptions = {},
): Promise<Tenant> {
  const data = parseInput(createTenantSchema, input);
  const now = options.now ?? new Date();
  const trialTier = options.trialTier === null ? null : (options.trialTier ?? data.trialTier ?? DEFAULT_TRIAL_TIER);
  const db = await getDb();
  // A "no such workspace" may be cached for the slug: it names this tenant now.
  await invalidateNameCache({ slug: data.slug });
  try {
    return await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: {
          name: data.name,
          slug: data.slug,
          tier: options.tier ?? "FREE",
          trialTier,
          trialEndsAt: trialTier ? trialEndsAtFrom(now) : null,
          createdAt: now,
        },
      });
      if (options.actorIsOwner ?? true) {
        // The overloads give an owning actor a user id.
        if (!actor.id) throw new Error("createTenant: the owner has no user id");
        await tx.membership.create({ data: { tenantId: tenant.id, userId: actor.id, role: "OWNER" } });
      }
      await writeAudit(tx, tenant.id, actor, {
        action: options.auditAction ?? "tenant.created",
        targetType: "tenant",
        targetId: tenant.id,
        after: {
          name: tenant.name,
          slug: tenant.slug,
          tier: tenant.tier,
          trialTier,
          trialEndsAt: tenant.trialEndsAt,
          ...options.auditExtra,
        },
      });
      return tenant;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

export interface TenantSummary {
  id: string;
  name: string;
  slug: string;
  role: string;
  status: string;
}

/** The workspaces a user belongs to (deleted ones hidden), for the switcher. */
export async function listTenantsForUser(userId: string): Promise<TenantSummary[]> {
  const db = await getDb();
  const rows = await db.membership.findMany({
    where: { userId, tenant: { status: { not: "DELETED" } } },
    include: { tenant: { select: { id: true, name: true, slug: true, status: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  return rows.map((m) => ({ ...m.tenant, role: m.role }));
}

export async function updateTenantSettings(
  ctx: TenantContext,
  input: z.input<typeof updateTenantSchema>,
): Promise<Tenant> {
  assertCan(ctx, "settings:update");
  assertActive(ctx);
  const data = parseInput(updateTenantSchema, input);
  const updated = await withTenant(ctx.tenant.id, async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
    const after = await tx.tenant.update({ where: { id: ctx.tenant.id }, data: { name: data.name } });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "tenant.updated",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  });
  await invalidateTenantCache(ctx.tenant.id);
  return updated;
}

/**
 * Logo, primary colour and custom domain: plans with custom branding only. The domain is a claim
 * until its DNS proves it (lib/tenancy/domains.ts): saving one starts or keeps a pending claim,
 * saving none removes the verified domain and any claim.
 */
export async function updateBranding(
  ctx: TenantContext,
  input: z.input<typeof brandingSchema>,
  now = new Date(),
): Promise<Tenant> {
  assertCan(ctx, "branding:update");
  assertActive(ctx);
  if (!tierHasFeature(ctx.tier, "custom_branding")) {
    throw new AppError("limit_exceeded", "Custom branding is part of the White label plan.");
  }
  const { customDomain, ...brand } = parseInput(brandingSchema, input);
  const appHost = new URL(env.APP_URL).hostname.toLowerCase();
  const { before, after: updated } = await withTenant(ctx.tenant.id, async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
    const domain = claimChanges(before, customDomain, { now, appHost });
    const after = await tx.tenant.update({ where: { id: ctx.tenant.id }, data: { ...brand, ...domain } });
    const pick = (t: Tenant) => ({
      brandLogoUrl: t.brandLogoUrl,
      brandPrimaryColor: t.brandPrimaryColor,
      customDomain: t.customDomain,
      pendingDomain: t.pendingDomain,
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "tenant.branding_updated",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      before: pick(before),
      after: pick(after),
    });
    return { before, after };
  });
  await invalidateTenantCache(ctx.tenant.id, { domains: [before.customDomain, updated.customDomain] });
  return updated;
}
