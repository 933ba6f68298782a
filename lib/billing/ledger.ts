// The ledger: applies provider-neutral billing events (lib/billing/events.ts) to the tenant's
// billing tables inside the caller's tenant transaction. Every write is an idempotent upsert keyed
// by (provider, providerId); a state replaces the stored one only when it is newer (ordering.ts),
// and every subscription state is kept as a version, so delivering the same history shuffled and
// with duplicates ends in exactly the same rows. Subscriptions, invoices and payments are applied a
// run of events at a time (ledger-rows.ts), with the outcome of one by one.
import type { Tier } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";
import type { Actor } from "../tenancy/audit";
import type { BillingNotice, DisputeState, OrderState, PaymentState, RefundRecord, TenantBillingEvent } from "./events";
import {
  applyCustomer,
  applyNotice,
  currentNotices,
  LIVE_STATUSES,
  liveSubscriptions,
  recomputeDunning,
  syncTenantTier,
} from "./ledger-account";
import { isRowEvent, LedgerRows, type RowEvent } from "./ledger-rows";
import { isNewer, isNewerStatus, STATUS_RANK } from "./ordering";

export { DUNNING_GRACE_DAYS, LIVE_STATUSES, recomputeDunning, syncTenantTier } from "./ledger-account";

/** What happened, for the work done after the transaction commits (emails, auth epoch). */
export interface LedgerEffects {
  tierChanged: { from: Tier; to: Tier } | null;
  /** Tier, trial or overage billing changed: cached API limits must be re-read (auth epoch). */
  limitsChanged: boolean;
  /** Notices to mail to the billing contacts (a failed payment's is among them). */
  notices: BillingNotice[];
  dunningStarted: boolean;
  dunningCleared: boolean;
}

async function refundedTotal(tx: TenantTx, e: { provider: PaymentState["provider"]; providerId: string }) {
  const sum = await tx.refund.aggregate({
    where: { provider: e.provider, paymentProviderId: e.providerId },
    _sum: { amount: true },
  });
  return sum._sum.amount ?? 0;
}

const REFUND_RANK: Record<string, number> = { pending: 0, requires_action: 1, succeeded: 2, failed: 3, canceled: 4 };

async function applyRefund(tx: TenantTx, tenantId: string, e: RefundRecord): Promise<void> {
  const where = { provider_providerId: { provider: e.provider, providerId: e.providerId } };
  const data = {
    paymentProviderId: e.paymentProviderId,
    currency: e.currency,
    amount: e.amount,
    reason: e.reason,
    status: e.status,
    providerUpdatedAt: e.at,
  };
  const stored = await tx.refund.findUnique({ where });
  const stamp = (at: Date, status: string) => ({ at, rank: REFUND_RANK[status] ?? 0, tiebreak: status });
  if (!stored) {
    await tx.refund.create({
      data: { tenantId, provider: e.provider, providerId: e.providerId, providerCreatedAt: e.at, ...data },
    });
  } else if (
    isNewer(stamp(e.at, e.status), stamp(stored.providerUpdatedAt ?? stored.providerCreatedAt, stored.status))
  ) {
    // The first state seen keeps providerCreatedAt; an earlier one arriving later moves it back.
    const providerCreatedAt = e.at < stored.providerCreatedAt ? e.at : stored.providerCreatedAt;
    await tx.refund.update({ where, data: { ...data, providerCreatedAt } });
  } else if (e.at < stored.providerCreatedAt) {
    await tx.refund.update({ where, data: { providerCreatedAt: e.at } });
  }
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

/** Stripe's won/lost/warning_closed and PayPal's RESOLVED end a dispute: they win a same-instant tie. */
const DISPUTE_CLOSED = /^(won|lost|warning_closed|charge_refunded|resolved|closed)$/i;

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
  } else if (
    isNewer(
      { at: e.at, rank: DISPUTE_CLOSED.test(e.status) ? 1 : 0, tiebreak: e.status },
      { at: stored.providerUpdatedAt, rank: DISPUTE_CLOSED.test(stored.status) ? 1 : 0, tiebreak: stored.status },
    )
  ) {
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
  } else if (isNewerStatus(STATUS_RANK.order, e, stored)) {
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
  const effects: LedgerEffects = {
    tierChanged: null,
    limitsChanged: false,
    notices: [],
    dunningStarted: false,
    dunningCleared: false,
  };
  await lockTenantLedger(tx, tenantId);
  let subscriptionsTouched = false;
  let liveStateSeen = false;
  let moneyTouched = false;
  // Subscriptions, invoices and payments in a row are applied together (ledger-rows.ts): one read
  // per table and one write per row for the run, the same outcome as one by one. A run ends at an
  // event of another kind, which reads the ledger itself, so the run is written before it.
  let run: RowEvent[] = [];
  const applyRun = async () => {
    if (run.length === 0) return;
    const rows = await LedgerRows.load(tx, tenantId, run);
    for (const event of run) rows.apply(event);
    run = [];
    await LedgerRows.writeAll(tx, [rows]);
  };
  for (const event of events) {
    if (isRowEvent(event)) {
      run.push(event);
      if (event.kind === "subscription") {
        subscriptionsTouched = true;
        liveStateSeen ||= (LIVE_STATUSES as readonly string[]).includes(event.status);
      } else moneyTouched = true;
      continue;
    }
    await applyRun();
    switch (event.kind) {
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
  await applyRun();
  // Subscriptions count too: dunning exists only while one is live.
  // One read of the live subscriptions serves both (dunning writes no subscription).
  const live = moneyTouched || subscriptionsTouched ? await liveSubscriptions(tx) : [];
  if (moneyTouched || subscriptionsTouched) {
    const dunning = await recomputeDunning(tx, tenantId, live);
    effects.dunningStarted = dunning.started;
    effects.dunningCleared = dunning.cleared;
  }
  if (subscriptionsTouched) Object.assign(effects, await syncTenantTier(tx, tenantId, actor, { liveStateSeen, live }));
  // Decided on the whole ledger as it now stands, so nothing stale is mailed.
  if (effects.notices.length) effects.notices = await currentNotices(tx, effects.notices);
  return effects;
}
