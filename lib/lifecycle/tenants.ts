// The platform operator's view of tenants: server-side listing for thousands of rows and the
// lifecycle operations (create, edit, tier, trial, suspend, soft delete with a grace period).
// Every change writes the tenant's audit log with the operator as actor. The reads take the
// authorised Operator (lib/http/operator.ts): they cannot be called without one.
import "server-only";

import { bumpAuthEpoch } from "../api-keys/epoch";
import { z } from "zod";

import { cancelTenantSubscriptions, purgeTenant } from "../billing/tenant-closure";
import { invalidateTenantCache } from "../cache/namespaces";
import { getDb } from "../db/client";
import { withTenant } from "../db/tenant";
import type { Prisma, Tenant } from "../db/generated/client";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { singleLineText } from "@/lib/text";
import { logger } from "../observability/logger";
import { listAuditEntries, writeAudit, type Actor } from "../tenancy/audit";
import { createOwnerInvitation, type CreatedInvitation } from "../tenancy/invitations";
import { emailSchema } from "../auth/schemas";
import { slugSchema, tenantNameSchema, tierSchema } from "../tenancy/schemas";
import { createTenant, slugTaken } from "../tenancy/tenants";
import { effectiveTier, isTrialActive } from "../tenancy/tiers";
import { DAY_MS } from "@/lib/calendar";

export const DELETE_GRACE_DAYS = 30;

export const ADMIN_TENANT_STATUSES = ["active", "trialing", "suspended", "deleted"] as const;
export const ADMIN_SORT_FIELDS = ["name", "slug", "tier", "status", "createdAt", "trialEndsAt", "members"] as const;

export const adminListSchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  tier: z
    .union([tierSchema, z.literal("")])
    .optional()
    .default(""),
  status: z
    .union([z.enum(ADMIN_TENANT_STATUSES), z.literal("")])
    .optional()
    .default(""),
  sort: z.enum(ADMIN_SORT_FIELDS).optional().default("createdAt"),
  dir: z.enum(["asc", "desc"]).optional().default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  pageSize: z.coerce.number().int().min(5).max(200).optional().default(25),
});
export type AdminListQuery = z.infer<typeof adminListSchema>;

export interface AdminTenantRow {
  id: string;
  name: string;
  slug: string;
  tier: Tenant["tier"];
  effectiveTier: Tenant["tier"];
  status: Tenant["status"];
  trialing: boolean;
  trialEndsAt: string | null;
  purgeAfter: string | null;
  members: number;
  createdAt: string;
}

export async function adminListTenants(
  operator: Operator,
  input: Partial<Record<keyof AdminListQuery, unknown>>,
  now = new Date(),
): Promise<{ rows: AdminTenantRow[]; total: number; query: AdminListQuery }> {
  assertOperator(operator);
  const query = parseInput(adminListSchema, input);
  const where: Prisma.TenantWhereInput = {};
  if (query.q) {
    where.OR = [
      { name: { contains: query.q, mode: "insensitive" } },
      { slug: { contains: query.q.toLowerCase() } },
      { memberships: { some: { role: "OWNER", user: { email: { contains: query.q.toLowerCase() } } } } },
    ];
  }
  if (query.tier) where.tier = query.tier;
  if (query.status === "active") Object.assign(where, { status: "ACTIVE" });
  if (query.status === "suspended") Object.assign(where, { status: "SUSPENDED" });
  if (query.status === "deleted") Object.assign(where, { status: "DELETED" });
  if (query.status === "trialing") Object.assign(where, { status: "ACTIVE", trialEndsAt: { gt: now } });

  const orderBy: Prisma.TenantOrderByWithRelationInput[] =
    query.sort === "members"
      ? [{ memberships: { _count: query.dir } }, { id: "asc" }]
      : [
          { [query.sort]: query.sort === "trialEndsAt" ? { sort: query.dir, nulls: "last" } : query.dir },
          { id: "asc" },
        ];

  const db = await getDb();
  const [total, tenants] = await Promise.all([
    db.tenant.count({ where }),
    db.tenant.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { _count: { select: { memberships: true } } },
    }),
  ]);
  const rows = tenants.map((t) => ({
    id: t.id,
    name: t.name,
    slug: t.slug,
    tier: t.tier,
    effectiveTier: effectiveTier(t, now),
    status: t.status,
    trialing: isTrialActive(t, now),
    trialEndsAt: t.trialEndsAt?.toISOString() ?? null,
    purgeAfter: t.purgeAfter?.toISOString() ?? null,
    members: t._count.memberships,
    createdAt: t.createdAt.toISOString(),
  }));
  return { rows, total, query };
}

export async function adminGetTenant(operator: Operator, id: string) {
  assertOperator(operator);
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { id },
    include: {
      memberships: { include: { user: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!tenant) throw AppError.notFound("No such tenant.");
  return tenant;
}

/** A tenant's recent audit entries for the operator's tenant page, read inside that tenant (RLS). */
export async function adminTenantAudit(operator: Operator, tenantId: string, limit = 25) {
  assertOperator(operator);
  return withTenant(tenantId, (tx) => listAuditEntries(tx, { limit }));
}

export async function adminTenantCounts(operator: Operator, now = new Date()) {
  assertOperator(operator);
  const db = await getDb();
  const [byStatus, byTier, trialing] = await Promise.all([
    db.tenant.groupBy({ by: ["status"], _count: { _all: true } }),
    db.tenant.groupBy({ by: ["tier"], where: { status: { not: "DELETED" } }, _count: { _all: true } }),
    db.tenant.count({ where: { status: "ACTIVE", trialEndsAt: { gt: now } } }),
  ]);
  return {
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r._count._all])),
    byTier: Object.fromEntries(byTier.map((r) => [r.tier, r._count._all])),
    trialing,
  };
}

export const adminCreateTenantSchema = z.object({
  name: tenantNameSchema,
  slug: slugSchema,
  tier: tierSchema.default("FREE"),
  trial: z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .transform((v) => v === true || v === "on" || v === "true")
    .default(true),
  ownerEmail: emailSchema,
  ownerName: singleLineText().max(80).optional(),
});

/**
 * Creates a tenant for a customer. An existing user whose email address is verified becomes owner
 * at once; otherwise (no account, or an account whose address nobody has proven to own) an owner
 * invitation is sent to the address (its link is returned for the operator to pass on), so only
 * whoever reads that mailbox can take the tenant.
 */
export async function adminCreateTenant(
  operator: Actor,
  input: z.input<typeof adminCreateTenantSchema>,
  { baseUrl, now = new Date() }: { baseUrl: string; now?: Date },
): Promise<{ tenant: Tenant; invitation: CreatedInvitation | null }> {
  const data = parseInput(adminCreateTenantSchema, input);
  const db = await getDb();
  const account = await db.user.findUnique({ where: { email: data.ownerEmail } });
  const owner = account?.emailVerified ? account : null;
  const trialTier = data.trial ? (data.tier === "FREE" ? "PROFESSIONAL" : data.tier) : null;
  const paidTier = data.trial ? "FREE" : data.tier;
  if (owner) {
    const tenant = await createTenant({ name: data.name, slug: data.slug }, owner, { tier: paidTier, trialTier, now });
    await writeAudit(db, tenant.id, operator, {
      action: "tenant.created_by_operator",
      targetType: "tenant",
      targetId: tenant.id,
      after: { owner: owner.email },
    });
    return { tenant, invitation: null };
  }
  const tenant = await createTenant({ name: data.name, slug: data.slug }, operator, {
    tier: paidTier,
    trialTier,
    now,
    actorIsOwner: false,
    auditAction: "tenant.created_by_operator",
    auditExtra: { pendingOwner: data.ownerEmail, ...(data.ownerName ? { pendingOwnerName: data.ownerName } : {}) },
  });
  const invitation = await createOwnerInvitation(tenant, operator, data.ownerEmail, { baseUrl, now });
  return { tenant, invitation };
}

type Change = {
  action: string;
  /** The update, or a function of the current row (read once, in the same transaction). */
  data: Prisma.TenantUpdateInput | ((before: Tenant) => Prisma.TenantUpdateInput);
  allow?: (t: Tenant) => string | null;
};

async function applyChange(operator: Actor, tenantId: string, change: Change): Promise<Tenant> {
  const db = await getDb();
  let previous: Tenant | undefined;
  try {
    const updated = await db.$transaction(async (tx) => {
      const before = await tx.tenant.findUnique({ where: { id: tenantId } });
      if (!before) throw AppError.notFound("No such tenant.");
      previous = before;
      const refusal = change.allow?.(before);
      if (refusal) throw new AppError("conflict", refusal);
      const data = typeof change.data === "function" ? change.data(before) : change.data;
      const after = await tx.tenant.update({ where: { id: tenantId }, data });
      const keys = Object.keys(data) as (keyof Tenant)[];
      const pick = (t: Tenant) => Object.fromEntries(keys.map((k) => [k, t[k]]));
      await writeAudit(tx, tenantId, operator, {
        action: change.action,
        targetType: "tenant",
        targetId: tenantId,
        before: pick(before),
        after: pick(after),
      });
      return after;
    });
    // Cached API key lookups carry the tenant's tier and status: invalidate them.
    await bumpAuthEpoch(tenantId);
    await invalidateTenantCache(tenantId, {
      slugs: [previous?.slug, updated.slug],
      domains: [previous?.customDomain, updated.customDomain],
    });
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

export const adminUpdateTenantSchema = z.object({ name: tenantNameSchema, slug: slugSchema });

export async function adminUpdateTenant(
  operator: Actor,
  tenantId: string,
  input: z.input<typeof adminUpdateTenantSchema>,
) {
  const data = parseInput(adminUpdateTenantSchema, input);
  return applyChange(operator, tenantId, { action: "tenant.updated_by_operator", data });
}

export async function adminChangeTier(operator: Actor, tenantId: string, input: { tier: unknown }) {
  const { tier } = parseInput(z.object({ tier: tierSchema }), input);
  return applyChange(operator, tenantId, { action: "tenant.tier_changed", data: { tier } });
}

export const extendTrialSchema = z.object({
  days: z.coerce.number().int("Whole days only.").min(1, "At least 1 day.").max(90, "At most 90 days."),
  tier: tierSchema.exclude(["FREE"]).optional(),
});

/** Extends a running trial, or starts a new one from now if it lapsed (default PROFESSIONAL). */
export async function adminExtendTrial(
  operator: Actor,
  tenantId: string,
  input: z.input<typeof extendTrialSchema>,
  now = new Date(),
) {
  const { days, tier } = parseInput(extendTrialSchema, input);
  return applyChange(operator, tenantId, {
    action: "tenant.trial_extended",
    data: (tenant) => {
      const from = isTrialActive(tenant, now) && tenant.trialEndsAt ? tenant.trialEndsAt : now;
      return {
        trialTier: tier ?? tenant.trialTier ?? "PROFESSIONAL",
        trialEndsAt: new Date(from.getTime() + days * DAY_MS),
      };
    },
  });
}

export async function adminSuspendTenant(operator: Actor, tenantId: string, input: { reason?: unknown }) {
  const { reason } = parseInput(z.object({ reason: z.string().trim().min(3, "Give a reason.").max(300) }), input);
  return applyChange(operator, tenantId, {
    action: "tenant.suspended",
    data: { status: "SUSPENDED", suspendedReason: reason },
    allow: (t) => (t.status === "ACTIVE" ? null : "Only active tenants can be suspended."),
  });
}

export async function adminReactivateTenant(operator: Actor, tenantId: string) {
  return applyChange(operator, tenantId, {
    action: "tenant.reactivated",
    data: { status: "ACTIVE", suspendedReason: null, deletedAt: null, purgeAfter: null },
    allow: (t) =>
      t.purgedAt
        ? "A purged tenant cannot be restored."
        : t.status === "ACTIVE"
          ? "The tenant is already active."
          : null,
  });
}

/**
 * Soft delete: hidden and inaccessible at once, restorable until purgeAfter. Its live provider
 * subscriptions are canceled first (if one cannot be, nothing changes); restoring the tenant does
 * not restart them.
 */
export async function adminDeleteTenant(operator: Actor, tenantId: string, now = new Date()) {
  const db = await getDb();
  const current = await db.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
  if (!current) throw AppError.notFound("No such tenant.");
  if (current.status === "DELETED") throw new AppError("conflict", "The tenant is already deleted.");
  await cancelTenantSubscriptions(tenantId, operator, now);
  return applyChange(operator, tenantId, {
    action: "tenant.deleted",
    data: { status: "DELETED", deletedAt: now, purgeAfter: new Date(now.getTime() + DELETE_GRACE_DAYS * DAY_MS) },
    allow: (t) => (t.status === "DELETED" ? "The tenant is already deleted." : null),
  });
}

/**
 * Purges tenants whose grace period has passed (an idempotent scheduled job): each one's live
 * subscriptions are canceled first; its accounting records are kept, anonymised, behind a
 * tombstone (lib/billing/tenant-closure.ts); everything else it owns is deleted. A tenant whose
 * subscription cannot be canceled now is left for the next run.
 */
export async function purgeDeletedTenants(now = new Date()): Promise<number> {
  const db = await getDb();
  const due = await db.tenant.findMany({
    where: { status: "DELETED", purgeAfter: { lte: now }, purgedAt: null },
    select: { id: true },
  });
  let purged = 0;
  for (const { id } of due) {
    try {
      await purgeTenant(id, now);
      await invalidateTenantCache(id, { everything: true });
      purged += 1;
    } catch (error) {
      logger.error("tenant purge failed; retried next run", { tenantId: id, error });
    }
  }
  return purged;
}
