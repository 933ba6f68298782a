// The account-level side of the ledger: the billing profile and card (customer states), the trial
// reminder, dunning (derived from payments) and the tenant's tier (derived from live
// subscriptions). Like the rest of the ledger, every function here runs inside the caller's tenant
// transaction and ends in the same state whatever order the events arrived in.
import type { Prisma } from "../db/generated/client";
import type { Tier } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";
import { env } from "../env";
import { writeAudit, type Actor } from "../tenancy/audit";
import { TIERS } from "../tenancy/tiers";
import type { BillingNotice, CustomerState } from "./events";
import { isNewer, plainStamp } from "./ordering";

/** Days an account may stay past due before it is downgraded to FREE (BILLING_GRACE_DAYS). */
export const DUNNING_GRACE_DAYS = env.BILLING_GRACE_DAYS;
const DAY_MS = 86_400_000;

/** Statuses in which a subscription gives the tenant its tier. */
export const LIVE_STATUSES = ["TRIALING", "ACTIVE", "PAST_DUE"] as const;

/** Statuses in which a subscription is paid for, so usage beyond the quota is billed, not refused. */
const BILLED_STATUSES = ["ACTIVE", "PAST_DUE"] as const;

export function toInputJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
}

/**
 * A customer state: profile and provider link follow the newest state; the card follows the newest
 * state that speaks about it (a state may leave it out), so it has its own timestamp.
 */
export async function applyCustomer(tx: TenantTx, tenantId: string, e: CustomerState): Promise<void> {
  const account = await tx.billingAccount.findUnique({ where: { tenantId } });
  const profileNewer =
    !account || isNewer(plainStamp(e.at, e.deleted ? 1 : 0), plainStamp(account.providerUpdatedAt ?? new Date(0), 0));
  const card = e.deleted ? null : e.paymentMethod;
  const cardNewer =
    card !== undefined &&
    (!account?.paymentMethodUpdatedAt ||
      isNewer(plainStamp(e.at, e.deleted ? 1 : 0), plainStamp(account.paymentMethodUpdatedAt, 0)));
  if (!profileNewer && !cardNewer) return;
  const providerLink =
    e.provider === "STRIPE"
      ? { stripeCustomerId: e.deleted ? null : e.providerId }
      : e.provider === "PAYPAL"
        ? { paypalPayerId: e.deleted ? null : e.providerId }
        : {};
  const data = {
    ...(profileNewer
      ? {
          ...providerLink,
          providerUpdatedAt: e.at,
          ...(e.deleted ? {} : { email: e.email, name: e.name, address: toInputJson(e.address) }),
        }
      : {}),
    ...(cardNewer ? { paymentMethod: toInputJson(card), paymentMethodUpdatedAt: e.at } : {}),
  };
  await tx.billingAccount.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
}

/** The latest moment the tenant paid (a successful payment or a paid invoice), or null. */
async function lastPaidAt(tx: TenantTx): Promise<Date | null> {
  const [payment, invoice] = await Promise.all([
    tx.payment.aggregate({ where: { status: "SUCCEEDED" }, _max: { paidAt: true } }),
    tx.invoice.aggregate({ where: { status: "PAID" }, _max: { paidAt: true } }),
  ]);
  const times = [payment._max.paidAt, invoice._max.paidAt].filter((t): t is Date => t !== null);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}

/**
 * Dunning is derived from the ledger, never accumulated, so it ends the same whatever the order
 * of delivery: while a subscription is live, the account is past due since its first failed
 * payment after the last successful one, and the grace period runs DUNNING_GRACE_DAYS from there.
 * Without a live subscription there is nothing to dun (a declined first checkout is not a debt).
 */
export async function recomputeDunning(
  tx: TenantTx,
  tenantId: string,
): Promise<{ started: boolean; cleared: boolean }> {
  const paid = await lastPaidAt(tx);
  const [firstFailure, live, account] = await Promise.all([
    tx.payment.aggregate({
      where: { status: "FAILED", ...(paid ? { providerCreatedAt: { gt: paid } } : {}) },
      _min: { providerCreatedAt: true },
    }),
    tx.subscription.count({ where: { status: { in: [...LIVE_STATUSES] } } }),
    tx.billingAccount.findUnique({ where: { tenantId }, select: { pastDueSince: true } }),
  ]);
  const since = live > 0 ? firstFailure._min.providerCreatedAt : null;
  const stored = account?.pastDueSince ?? null;
  if ((since?.getTime() ?? null) === (stored?.getTime() ?? null)) return { started: false, cleared: false };
  const data = {
    pastDueSince: since,
    graceEndsAt: since ? new Date(since.getTime() + DUNNING_GRACE_DAYS * DAY_MS) : null,
  };
  await tx.billingAccount.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  return { started: stored === null && since !== null, cleared: stored !== null && since === null };
}

/** Remembers the trial reminder (customer.subscription.trial_will_end and its PayPal/local twins). */
export async function applyNotice(tx: TenantTx, tenantId: string, e: BillingNotice): Promise<void> {
  if (e.notice !== "trial_will_end") return;
  const account = await tx.billingAccount.findUnique({ where: { tenantId }, select: { trialEndingNotifiedAt: true } });
  if (account?.trialEndingNotifiedAt && account.trialEndingNotifiedAt >= e.at) return;
  await tx.billingAccount.upsert({
    where: { tenantId },
    create: { tenantId, trialEndingNotifiedAt: e.at },
    update: { trialEndingNotifiedAt: e.at },
  });
}
const TIER_RANK = (tier: Tier) => TIERS.indexOf(tier);

export interface TierSync {
  /** The tier moved (from → to). */
  tierChanged: { from: Tier; to: Tier } | null;
  /** The tier, the trial or overage billing changed: API limits must be re-read (auth epoch). */
  limitsChanged: boolean;
}

/**
 * Makes the tenant's tier follow its subscriptions: the highest tier among live ones, FREE when
 * none is live. A live subscription replaces Tessera's own trial (its trial, if any, is the
 * provider's now). While one is paid for (ACTIVE, PAST_DUE), API calls beyond the quota are billed
 * as metered overage instead of refused (`overageBilling`).
 */
export async function syncTenantTier(tx: TenantTx, tenantId: string, actor: Actor): Promise<TierSync> {
  const [tenant, live] = await Promise.all([
    tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { tier: true, trialTier: true, overageBilling: true },
    }),
    tx.subscription.findMany({ where: { status: { in: [...LIVE_STATUSES] } }, select: { tier: true, status: true } }),
  ]);
  const tier = live.reduce<Tier>((best, s) => (TIER_RANK(s.tier) > TIER_RANK(best) ? s.tier : best), "FREE");
  const clearTrial = live.length > 0 && tenant.trialTier !== null;
  const overageBilling = live.some((s) => (BILLED_STATUSES as readonly string[]).includes(s.status));
  if (tier === tenant.tier && !clearTrial && overageBilling === tenant.overageBilling) {
    return { tierChanged: null, limitsChanged: false };
  }
  await tx.tenant.update({
    where: { id: tenantId },
    data: { tier, overageBilling, ...(clearTrial ? { trialTier: null, trialEndsAt: null } : {}) },
  });
  if (tier !== tenant.tier || clearTrial) {
    await writeAudit(tx, tenantId, actor, {
      action: "billing.tier_changed",
      targetType: "tenant",
      targetId: tenantId,
      before: { tier: tenant.tier, trialTier: tenant.trialTier },
      after: { tier, trialTier: clearTrial ? null : tenant.trialTier },
    });
  }
  return { tierChanged: tier === tenant.tier ? null : { from: tenant.tier, to: tier }, limitsChanged: true };
}
