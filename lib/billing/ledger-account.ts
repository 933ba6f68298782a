// The account-level side of the ledger: the billing profile and card (customer states), the trial
// reminder, dunning (derived from payments) and the tenant's tier (derived from live
// subscriptions). Like the rest of the ledger, every function here runs inside the caller's tenant
// transaction and ends in the same state whatever order the events arrived in.
import type { Prisma } from "../db/generated/client";
import type { BillingProvider, SubscriptionStatus, Tier } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";
import { env } from "../env";
import { writeAudit, type Actor } from "../tenancy/audit";
import { TIERS } from "../tenancy/tiers";
import type { BillingNotice, CustomerState } from "./events";
import { UNPAID_SINCE } from "./ledger-sql";
import { isNewer, plainStamp } from "./ordering";
import { DAY_MS } from "@/lib/calendar";

/** Days an account may stay past due before it is downgraded to FREE (BILLING_GRACE_DAYS). */
export const DUNNING_GRACE_DAYS = env.BILLING_GRACE_DAYS;

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

export interface LiveSubscription {
  provider: BillingProvider;
  providerId: string;
  tier: Tier;
  status: SubscriptionStatus;
}

/** The tenant's live subscriptions (what dunning and the tier are derived from). */
export function liveSubscriptions(tx: TenantTx): Promise<LiveSubscription[]> {
  return tx.subscription.findMany({
    where: { status: { in: [...LIVE_STATUSES] } },
    select: { provider: true, providerId: true, tier: true, status: true },
  });
}

/**
 * Dunning is derived from the ledger, never accumulated, so it ends the same whatever the order
 * of delivery: while subscriptions are live, the account is past due since the earliest moment
 * one of them became unpaid (its first failed payment after its last successful one), and the
 * grace period runs DUNNING_GRACE_DAYS from there. Without a live subscription there is nothing
 * to dun (a declined first checkout is not a debt).
 */
export async function recomputeDunning(
  tx: TenantTx,
  tenantId: string,
  /** The live subscriptions, when the caller has just read them (liveSubscriptions). */
  known?: readonly LiveSubscription[],
): Promise<{ started: boolean; cleared: boolean }> {
  const unpaid =
    known?.length === 0 ? [] : await tx.$queryRawUnsafe<{ since: Date | null }[]>(`SELECT ${UNPAID_SINCE} AS since`);
  const since = unpaid[0]?.since ?? null;
  const account = await tx.billingAccount.findUnique({ where: { tenantId }, select: { pastDueSince: true } });
  const change = dunningChange(since, account?.pastDueSince ?? null);
  if (!change) return { started: false, cleared: false };
  await tx.billingAccount.upsert({ where: { tenantId }, create: { tenantId, ...change.data }, update: change.data });
  return { started: change.started, cleared: change.cleared };
}

/**
 * What dunning becomes when the account has been unpaid since `since` (UNPAID_SINCE, ledger-sql.ts)
 * and `stored` is what the account holds: null when nothing changes.
 */
export function dunningChange(since: Date | null, stored: Date | null) {
  if ((since?.getTime() ?? null) === (stored?.getTime() ?? null)) return null;
  return {
    data: {
      pastDueSince: since,
      graceEndsAt: since ? new Date(since.getTime() + DUNNING_GRACE_DAYS * DAY_MS) : null,
    },
    started: stored === null && since !== null,
    cleared: stored !== null && since === null,
  };
}

/**
 * The notices still worth sending once the events are applied: never a "payment failed" (or
 * "action required") for an invoice the ledger already holds as paid or void, or for a
 * subscription paid since the failure or no longer live; never a trial reminder for a subscription
 * no longer trialing, or older than one already remembered. Deliveries out of order can therefore
 * send fewer notices than in order, never a stale one, and a duplicate delivery sends none.
 */
export async function currentNotices(tx: TenantTx, notices: BillingNotice[]): Promise<BillingNotice[]> {
  const current: BillingNotice[] = [];
  for (const notice of notices) {
    const key = { provider_providerId: { provider: notice.provider, providerId: notice.providerId } };
    if (notice.notice === "payment_failed" || notice.notice === "payment_action_required") {
      const invoice = await tx.invoice.findUnique({ where: key, select: { status: true } });
      if (invoice && (invoice.status === "PAID" || invoice.status === "VOID")) continue;
      if (!invoice) {
        // A provider that names the subscription instead (PayPal): paid since, or ended?
        const subscription = await tx.subscription.findUnique({ where: key, select: { status: true } });
        const paidSince = await tx.invoice.count({
          where: {
            provider: notice.provider,
            subscriptionProviderId: notice.providerId,
            status: "PAID",
            paidAt: { gt: notice.at },
          },
        });
        if (paidSince > 0) continue;
        if (subscription && !(LIVE_STATUSES as readonly string[]).includes(subscription.status)) continue;
      }
    } else if (notice.notice === "trial_will_end") {
      const subscription = await tx.subscription.findUnique({ where: key, select: { status: true } });
      if (subscription && subscription.status !== "TRIALING") continue;
      const account = await tx.billingAccount.findFirst({ select: { trialEndingNotifiedAt: true } });
      if (account?.trialEndingNotifiedAt && account.trialEndingNotifiedAt > notice.at) continue;
    }
    current.push(notice);
  }
  return current;
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

export interface TierSyncOptions {
  /** The live subscriptions, when the caller has just read them (liveSubscriptions). */
  live?: readonly LiveSubscription[];
  /**
   * The events just applied include a live state of a subscription (TRIALING, ACTIVE, PAST_DUE),
   * whether or not it is the newest state the ledger holds.
   */
  liveStateSeen?: boolean;
}

/**
 * Makes the tenant's tier follow its subscriptions: the highest tier among live ones, FREE when
 * none is live. A subscription that has been live replaces Tessera's own trial (its trial, if any,
 * is the provider's now) — decided from the recorded history, not from what is live at processing
 * time: a subscription created and deleted clears the trial whichever of the two arrives first.
 * While one is paid for (ACTIVE, PAST_DUE), API calls beyond the quota are billed as metered
 * overage instead of refused (`overageBilling`). Tier and overage follow the newest state of each
 * subscription, which is itself order-independent.
 */
export async function syncTenantTier(
  tx: TenantTx,
  tenantId: string,
  actor: Actor,
  options: TierSyncOptions = {},
): Promise<TierSync> {
  const known: Promise<readonly LiveSubscription[]> = options.live
    ? Promise.resolve(options.live)
    : liveSubscriptions(tx);
  const [tenant, live] = await Promise.all([
    tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { tier: true, trialTier: true, overageBilling: true },
    }),
    known,
  ]);
  const decided = tierDecision(tenant, live, Boolean(options.liveStateSeen));
  if (!decided) return { tierChanged: null, limitsChanged: false };
  const { tier, overageBilling, clearTrial } = decided;
  await tx.tenant.update({
    where: { id: tenantId },
    data: { tier, overageBilling, ...(clearTrial ? { trialTier: null, trialEndsAt: null } : {}) },
  });
  if (tier !== tenant.tier || clearTrial) {
    await writeAudit(tx, tenantId, actor, { ...decided.audit, targetId: tenantId });
  }
  return { tierChanged: decided.tierChanged, limitsChanged: true };
}

export interface TenantTierState {
  tier: Tier;
  trialTier: Tier | null;
  overageBilling: boolean;
}

/**
 * The tier, overage billing and trial the tenant's live subscriptions give it (see syncTenantTier);
 * null when they are what it has.
 */
export function tierDecision(
  tenant: TenantTierState,
  live: readonly { tier: Tier; status: string }[],
  liveStateSeen: boolean,
) {
  const tier = live.reduce<Tier>((best, s) => (TIER_RANK(s.tier) > TIER_RANK(best) ? s.tier : best), "FREE");
  const clearTrial = tenant.trialTier !== null && (live.length > 0 || liveStateSeen);
  const overageBilling = live.some((s) => (BILLED_STATUSES as readonly string[]).includes(s.status));
  if (tier === tenant.tier && !clearTrial && overageBilling === tenant.overageBilling) return null;
  return {
    tier,
    overageBilling,
    clearTrial,
    tierChanged: tier === tenant.tier ? null : { from: tenant.tier, to: tier },
    /** The audit entry to write: the tier moved, or the trial ended. */
    audit: {
      action: "billing.tier_changed",
      targetType: "tenant",
      before: { tier: tenant.tier, trialTier: tenant.trialTier },
      after: { tier, trialTier: clearTrial ? null : tenant.trialTier },
    },
  };
}
