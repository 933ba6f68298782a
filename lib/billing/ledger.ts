// The ledger: applies provider-neutral billing events (lib/billing/events.ts) to the tenant's
// billing tables inside the caller's tenant transaction. Every write is an idempotent upsert keyed
// by (provider, providerId); a state replaces the stored one only when it is newer (ordering.ts),
// and every subscription state is kept as a version, so delivering the same history shuffled and
// with duplicates ends in exactly the same rows.
import type { Tier } from "../db/generated/enums";
import { env } from "../env";
import type { Prisma } from "../db/generated/client";
import type { TenantTx } from "../db/tenant";
import { writeAudit, type Actor } from "../tenancy/audit";
import { TIERS } from "../tenancy/tiers";
import type {
  BillingNotice,
  CustomerState,
  DisputeState,
  InvoiceState,
  OrderState,
  PaymentState,
  RefundRecord,
  SubscriptionState,
  TenantBillingEvent,
} from "./events";
import { mrrOf } from "./mrr";
import { isNewer, STATUS_RANK, type Stamp } from "./ordering";

/** Days an account may stay past due before it is downgraded to FREE (BILLING_GRACE_DAYS). */
export const DUNNING_GRACE_DAYS = env.BILLING_GRACE_DAYS;
const DAY_MS = 86_400_000;

/** Statuses in which a subscription gives the tenant its tier. */
export const LIVE_STATUSES = ["TRIALING", "ACTIVE", "PAST_DUE"] as const;

/** What happened, for the work done after the transaction commits (emails, auth epoch). */
export interface LedgerEffects {
  tierChanged: { from: Tier; to: Tier } | null;
  /** Notices to mail to the billing contacts (a failed payment's is among them). */
  notices: BillingNotice[];
  dunningStarted: boolean;
  dunningCleared: boolean;
}

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
}

function subscriptionStamp(s: {
  at: Date;
  status: SubscriptionState["status"];
  tier: Tier;
  interval: string;
  unitAmount: number;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
}): Stamp {
  return {
    at: s.at,
    rank: STATUS_RANK.subscription[s.status],
    tiebreak: [
      s.cancelAtPeriodEnd ? 1 : 0,
      s.currentPeriodEnd?.toISOString() ?? "",
      TIERS.indexOf(s.tier),
      s.interval,
      String(s.unitAmount).padStart(12, "0"),
    ].join("|"),
  };
}

async function applySubscription(tx: TenantTx, tenantId: string, e: SubscriptionState): Promise<void> {
  const data = {
    tier: e.tier,
    interval: e.interval,
    status: e.status,
    currency: e.currency,
    unitAmount: e.unitAmount,
    currentPeriodStart: e.currentPeriodStart,
    currentPeriodEnd: e.currentPeriodEnd,
    trialEnd: e.trialEnd,
    cancelAtPeriodEnd: e.cancelAtPeriodEnd,
    canceledAt: e.canceledAt,
    providerUpdatedAt: e.at,
  };
  const stored = await tx.subscription.findUnique({
    where: { provider_providerId: { provider: e.provider, providerId: e.providerId } },
  });
  let subscriptionId: string;
  if (!stored) {
    const created = await tx.subscription.create({
      data: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data },
    });
    subscriptionId = created.id;
  } else {
    subscriptionId = stored.id;
    const storedStamp = subscriptionStamp({ ...stored, at: stored.providerUpdatedAt });
    if (isNewer(subscriptionStamp(e), storedStamp)) {
      await tx.subscription.update({ where: { tenantId_id: { tenantId, id: stored.id } }, data });
    }
  }

  // The version history: one row per provider instant; the later-in-lifecycle state wins a tie.
  const version = {
    tier: e.tier,
    interval: e.interval,
    status: e.status,
    currency: e.currency,
    unitAmount: e.unitAmount,
    mrr: mrrOf(e.status, e.interval, e.unitAmount),
  };
  const key = { tenantId_subscriptionId_effectiveAt: { tenantId, subscriptionId, effectiveAt: e.at } };
  const existing = await tx.subscriptionVersion.findUnique({ where: key });
  if (!existing) {
    await tx.subscriptionVersion.create({ data: { tenantId, subscriptionId, effectiveAt: e.at, ...version } });
  } else {
    const existingStamp = subscriptionStamp({
      ...existing,
      at: existing.effectiveAt,
      cancelAtPeriodEnd: false,
      currentPeriodEnd: null,
    });
    const incoming = subscriptionStamp({ ...e, cancelAtPeriodEnd: false, currentPeriodEnd: null });
    if (isNewer(incoming, existingStamp)) await tx.subscriptionVersion.update({ where: key, data: version });
  }
}

function plainStamp(at: Date, rank: number): Stamp {
  return { at, rank, tiebreak: "" };
}

async function applyInvoice(tx: TenantTx, tenantId: string, e: InvoiceState): Promise<void> {
  const data = {
    number: e.number,
    status: e.status,
    currency: e.currency,
    subtotal: e.subtotal,
    tax: e.tax,
    total: e.total,
    amountPaid: e.amountPaid,
    amountDue: e.amountDue,
    lines: json(e.lines),
    subscriptionProviderId: e.subscriptionProviderId,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    dueAt: e.dueAt,
    paidAt: e.paidAt,
    hostedUrl: e.hostedUrl,
    pdfUrl: e.pdfUrl,
    providerUpdatedAt: e.at,
  };
  const where = { provider_providerId: { provider: e.provider, providerId: e.providerId } };
  const stored = await tx.invoice.findUnique({ where });
  if (!stored) {
    await tx.invoice.create({
      data: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data },
    });
  } else if (
    isNewer(
      plainStamp(e.at, STATUS_RANK.invoice[e.status]),
      plainStamp(stored.providerUpdatedAt, STATUS_RANK.invoice[stored.status]),
    )
  ) {
    await tx.invoice.update({ where, data });
  }
}

async function refundedTotal(tx: TenantTx, e: { provider: PaymentState["provider"]; providerId: string }) {
  const sum = await tx.refund.aggregate({
    where: { provider: e.provider, paymentProviderId: e.providerId },
    _sum: { amount: true },
  });
  return sum._sum.amount ?? 0;
}

async function applyPayment(tx: TenantTx, tenantId: string, e: PaymentState): Promise<void> {
  const where = { provider_providerId: { provider: e.provider, providerId: e.providerId } };
  const [stored, refunded, disputes] = await Promise.all([
    tx.payment.findUnique({ where }),
    refundedTotal(tx, e),
    tx.dispute.count({ where: { provider: e.provider, paymentProviderId: e.providerId } }),
  ]);
  const data = {
    status: e.status,
    currency: e.currency,
    amount: e.amount,
    amountRefunded: Math.max(e.amountRefunded ?? 0, refunded),
    disputed: Boolean(e.disputed) || disputes > 0,
    invoiceProviderId: e.invoiceProviderId,
    orderProviderId: e.orderProviderId,
    description: e.description,
    failureMessage: e.failureMessage,
    paidAt: e.paidAt,
    providerUpdatedAt: e.at,
  };
  if (!stored) {
    await tx.payment.create({
      data: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data },
    });
    return;
  }
  const newer = isNewer(
    plainStamp(e.at, STATUS_RANK.payment[e.status]),
    plainStamp(stored.providerUpdatedAt, STATUS_RANK.payment[stored.status]),
  );
  // Refunds and disputes only ever accumulate, whatever the order of the states carrying them.
  const amountRefunded = Math.max(stored.amountRefunded, data.amountRefunded);
  const disputed = stored.disputed || data.disputed;
  if (newer) {
    await tx.payment.update({ where, data: { ...data, amountRefunded, disputed } });
  } else if (amountRefunded !== stored.amountRefunded || disputed !== stored.disputed) {
    await tx.payment.update({ where, data: { amountRefunded, disputed } });
  }
}

async function applyRefund(tx: TenantTx, tenantId: string, e: RefundRecord): Promise<void> {
  const where = { provider_providerId: { provider: e.provider, providerId: e.providerId } };
  const data = {
    paymentProviderId: e.paymentProviderId,
    currency: e.currency,
    amount: e.amount,
    reason: e.reason,
    status: e.status,
  };
  await tx.refund.upsert({
    where,
    create: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.at, ...data },
    update: data,
  });
  const payment = await tx.payment.findUnique({
    where: { provider_providerId: { provider: e.provider, providerId: e.paymentProviderId } },
  });
  if (payment) {
    const refunded = await refundedTotal(tx, { provider: e.provider, providerId: e.paymentProviderId });
    if (refunded > payment.amountRefunded) {
      await tx.payment.update({
        where: { tenantId_id: { tenantId, id: payment.id } },
        data: { amountRefunded: refunded },
      });
    }
  }
}

async function applyDispute(tx: TenantTx, tenantId: string, e: DisputeState): Promise<void> {
  const where = { provider_providerId: { provider: e.provider, providerId: e.providerId } };
  const data = {
    paymentProviderId: e.paymentProviderId,
    currency: e.currency,
    amount: e.amount,
    reason: e.reason,
    status: e.status,
    providerUpdatedAt: e.at,
  };
  const stored = await tx.dispute.findUnique({ where });
  if (!stored) {
    await tx.dispute.create({
      data: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data },
    });
  } else if (isNewer(plainStamp(e.at, 0), plainStamp(stored.providerUpdatedAt, 0))) {
    await tx.dispute.update({ where, data });
  }
  await tx.payment.updateMany({
    where: { provider: e.provider, providerId: e.paymentProviderId, disputed: false },
    data: { disputed: true },
  });
}

async function applyOrder(tx: TenantTx, tenantId: string, e: OrderState): Promise<void> {
  const where = { provider_providerId: { provider: e.provider, providerId: e.providerId } };
  const stored = await tx.order.findUnique({ where });
  const data = {
    status: e.status,
    currency: e.currency,
    amount: e.amount,
    providerUpdatedAt: e.at,
    // Facts learnt from one state are kept when a later state does not repeat them.
    description: e.description ?? stored?.description ?? null,
    captureProviderId: e.captureProviderId ?? stored?.captureProviderId ?? null,
    approveUrl: e.approveUrl ?? stored?.approveUrl ?? null,
  };
  if (!stored) {
    await tx.order.create({
      data: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data },
    });
  } else if (
    isNewer(
      plainStamp(e.at, STATUS_RANK.order[e.status]),
      plainStamp(stored.providerUpdatedAt, STATUS_RANK.order[stored.status]),
    )
  ) {
    await tx.order.update({ where, data });
  } else {
    // An older state only fills in facts the stored one lacks (so the result is order-independent).
    const gaps = {
      description: stored.description ?? e.description,
      captureProviderId: stored.captureProviderId ?? e.captureProviderId,
      approveUrl: stored.approveUrl ?? e.approveUrl,
    };
    if (
      gaps.description !== stored.description ||
      gaps.captureProviderId !== stored.captureProviderId ||
      gaps.approveUrl !== stored.approveUrl
    ) {
      await tx.order.update({ where, data: gaps });
    }
  }
}

async function applyCustomer(tx: TenantTx, tenantId: string, e: CustomerState): Promise<void> {
  const account = await tx.billingAccount.findUnique({ where: { tenantId } });
  if (
    account &&
    !isNewer(plainStamp(e.at, e.deleted ? 1 : 0), plainStamp(account.providerUpdatedAt ?? new Date(0), 0))
  ) {
    return;
  }
  const providerLink =
    e.provider === "STRIPE"
      ? { stripeCustomerId: e.deleted ? null : e.providerId }
      : e.provider === "PAYPAL"
        ? { paypalPayerId: e.deleted ? null : e.providerId }
        : {};
  const data = {
    ...providerLink,
    providerUpdatedAt: e.at,
    ...(e.deleted
      ? { paymentMethod: json(null) }
      : {
          email: e.email,
          name: e.name,
          address: json(e.address),
          ...(e.paymentMethod !== undefined ? { paymentMethod: json(e.paymentMethod) } : {}),
        }),
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
async function applyNotice(tx: TenantTx, tenantId: string, e: BillingNotice): Promise<void> {
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

/**
 * Makes the tenant's tier follow its subscriptions: the highest tier among live ones, FREE when
 * none is live. A live subscription replaces Tessera's own trial (its trial, if any, is the
 * provider's now).
 */
export async function syncTenantTier(
  tx: TenantTx,
  tenantId: string,
  actor: Actor,
): Promise<LedgerEffects["tierChanged"]> {
  const [tenant, live] = await Promise.all([
    tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { tier: true, trialTier: true } }),
    tx.subscription.findMany({ where: { status: { in: [...LIVE_STATUSES] } }, select: { tier: true } }),
  ]);
  const tier = live.reduce<Tier>((best, s) => (TIER_RANK(s.tier) > TIER_RANK(best) ? s.tier : best), "FREE");
  const clearTrial = live.length > 0 && tenant.trialTier !== null;
  if (tier === tenant.tier && !clearTrial) return null;
  await tx.tenant.update({
    where: { id: tenantId },
    data: { tier, ...(clearTrial ? { trialTier: null, trialEndsAt: null } : {}) },
  });
  await writeAudit(tx, tenantId, actor, {
    action: "billing.tier_changed",
    targetType: "tenant",
    targetId: tenantId,
    before: { tier: tenant.tier },
    after: { tier },
  });
  return tier === tenant.tier ? null : { from: tenant.tier, to: tier };
}

/**
 * Serialises a tenant's ledger transactions (held until commit). Every apply reads a row, compares
 * and writes; two concurrent deliveries for one tenant would otherwise each decide on a stale read
 * (a lost update of a newer subscription state, a tier or dunning state computed without the
 * other's rows).
 */
export async function lockTenantLedger(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`billing-ledger:${tenantId}`}))`;
}

/** Applies `events` for one tenant inside `tx` (a withTenant transaction). */
export async function applyBillingEvents(
  tx: TenantTx,
  tenantId: string,
  events: readonly TenantBillingEvent[],
  actor: Actor,
): Promise<LedgerEffects> {
  const effects: LedgerEffects = { tierChanged: null, notices: [], dunningStarted: false, dunningCleared: false };
  await lockTenantLedger(tx, tenantId);
  let subscriptionsTouched = false;
  let moneyTouched = false;
  for (const event of events) {
    switch (event.kind) {
      case "subscription":
        await applySubscription(tx, tenantId, event);
        subscriptionsTouched = true;
        break;
      case "invoice":
        await applyInvoice(tx, tenantId, event);
        moneyTouched = true;
        break;
      case "payment":
        await applyPayment(tx, tenantId, event);
        moneyTouched = true;
        break;
      case "refund":
        await applyRefund(tx, tenantId, event);
        break;
      case "dispute":
        await applyDispute(tx, tenantId, event);
        break;
      case "order":
        await applyOrder(tx, tenantId, event);
        break;
      case "customer":
        await applyCustomer(tx, tenantId, event);
        break;
      case "notice":
        effects.notices.push(event);
        await applyNotice(tx, tenantId, event);
        break;
    }
  }
  // Subscriptions count too: dunning exists only while one is live.
  if (moneyTouched || subscriptionsTouched) {
    const dunning = await recomputeDunning(tx, tenantId);
    effects.dunningStarted = dunning.started;
    effects.dunningCleared = dunning.cleared;
  }
  if (subscriptionsTouched) effects.tierChanged = await syncTenantTier(tx, tenantId, actor);
  return effects;
}
