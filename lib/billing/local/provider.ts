// The local provider: the embedded default when no Stripe or PayPal keys are set. It plays the
// payment provider's part itself (a simulated checkout page, test cards, renewals on the billing
// cron) and reports every change as domain events through the same webhook pipeline and ledger as
// the real providers, so the rest of Tessera cannot tell the difference.
import "server-only";

import { getDb } from "../../db/client";
import { withTenant } from "../../db/tenant";
import { AppError } from "@/lib/errors";
import { formatMoney } from "../../format";
import { priceOf } from "../catalog";
import type { TenantBillingEvent } from "../events";
import type { PlanChangePreview, PlanTarget, SubscriptionProvider, SubscriptionRef } from "../provider";
import { assertLocalProviderEnabled } from "../provider-mode";
import { planLabel, prorate, type ProrationSubject } from "../proration";
import { subscriptionRefOf, subscriptionStateOf } from "../stored-subscription";
import { chargeOutcome } from "./cards";
import { deliverLocal } from "./deliver";
import { signCheckoutSession } from "./session-token";
import {
  amountToCollect,
  creditBalance,
  invoiceNumberFor,
  invoiceState,
  invoiceStateFromRow,
  opId,
  paymentState,
  planLine,
  readAccount,
} from "./state";

async function loadSubscription(ref: SubscriptionRef) {
  return withTenant(ref.tenantId, async (tx) => {
    const row = await tx.subscription.findFirst({ where: { provider: "LOCAL", providerId: ref.providerId } });
    if (!row) throw AppError.notFound("Subscription not found.");
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ref.tenantId }, select: { slug: true } });
    return { row, slug: tenant.slug, account: await readAccount(tx), balance: await creditBalance(tx) };
  });
}

function subjectOf(row: Awaited<ReturnType<typeof loadSubscription>>["row"]): ProrationSubject {
  return subscriptionRefOf(row, () => new AppError("bad_request", "This subscription's plan cannot be changed here."));
}

/** The preview, with the workspace's credit balance applied to what is due now. */
async function previewLocalPlanChange(ref: SubscriptionRef, target: PlanTarget, now: Date): Promise<PlanChangePreview> {
  const { row, balance } = await loadSubscription(ref);
  const subject = subjectOf(row);
  if (row.status === "TRIALING") {
    return {
      currency: subject.currency,
      lines: [
        { description: `No charge during the trial; ${planLabel(target.tier, target.interval)} afterwards`, amount: 0 },
      ],
      dueNow: 0,
      nextAmount: priceOf(target.tier, target.interval, subject.currency),
      nextBillingAt: row.currentPeriodEnd,
    };
  }
  const proration = prorate(subject, target, now);
  const applied = Math.min(balance, Math.max(0, proration.dueNow));
  return {
    currency: proration.currency,
    lines:
      applied > 0
        ? [...proration.lines, { description: "Credit from your balance", amount: -applied }]
        : proration.lines,
    dueNow: proration.dueNow - applied,
    nextAmount: proration.nextAmount,
    nextBillingAt: proration.nextBillingAt,
  };
}

/** Changes the plan at `now`: a proration invoice, and a payment when something is left to collect. */
export async function changeLocalPlan(
  ref: SubscriptionRef,
  target: PlanTarget,
  idempotencyKey: string,
  now: Date,
): Promise<{ redirectUrl: null }> {
  // A simulated proration "paid" with a test card would be a free upgrade where money is real.
  assertLocalProviderEnabled();
  const op = opId(idempotencyKey);
  const eventId = `local:change:${op}`;
  const { row, slug, account, balance } = await loadSubscription(ref);
  const subject = subjectOf(row);

  if (row.status === "TRIALING") {
    // During a trial nothing is charged: the new price applies from the trial's end.
    const state = subscriptionStateOf(row, now, {
      tier: target.tier,
      interval: target.interval,
      unitAmount: priceOf(target.tier, target.interval, subject.currency),
    });
    await deliverLocal(ref.tenantId, eventId, "subscription.updated", [state], now);
    return { redirectUrl: null };
  }

  const proration = prorate(subject, target, now);
  const applied = Math.min(balance, Math.max(0, proration.dueNow));
  const lines = proration.lines.map((line) => planLine(line.description, line.amount));
  if (proration.dueNow < 0) {
    lines.push(
      planLine(
        `Credit of ${formatMoney(-proration.dueNow, subject.currency)} added to your balance for future invoices`,
        0,
      ),
    );
  }
  const invoiceId = `in_local_${op}`;
  const number = await withTenant(ref.tenantId, (tx) => invoiceNumberFor(tx, slug, invoiceId));
  const draft = {
    providerId: invoiceId,
    number,
    currency: subject.currency,
    lines,
    subscriptionProviderId: row.providerId,
    periodStart: proration.periodStart,
    periodEnd: proration.periodEnd,
    applied,
    at: now,
  };
  const collect = amountToCollect(draft);
  if (collect > 0) {
    const charge = chargeOutcome(account.paymentMethod);
    // Like Stripe's payment_behavior=pending_if_incomplete: a failed charge leaves the plan as it was.
    if (!charge.ok) {
      throw new AppError(
        "bad_request",
        `${charge.message} The plan was not changed; update your payment method and try again.`,
      );
    }
  }
  const events: TenantBillingEvent[] = [
    subscriptionStateOf(row, now, {
      tier: target.tier,
      interval: target.interval,
      unitAmount: proration.unitAmount,
      currentPeriodStart: proration.periodStart,
      currentPeriodEnd: proration.periodEnd,
    }),
    invoiceState(draft, true),
  ];
  if (collect > 0) {
    events.push(
      paymentState({
        providerId: `py_local_${op}`,
        invoiceProviderId: invoiceId,
        currency: subject.currency,
        amount: collect,
        description: `Change to ${planLabel(target.tier, target.interval)}`,
        failureMessage: null,
        at: now,
      }),
    );
  }
  await deliverLocal(ref.tenantId, eventId, "subscription.updated", events, now);
  return { redirectUrl: null };
}

async function setCancelAtPeriodEnd(ref: SubscriptionRef, cancel: boolean, key: string, now: Date): Promise<void> {
  // Resuming means renewing with simulated payments: only where simulation serves. Cancelling is always allowed.
  if (!cancel) assertLocalProviderEnabled();
  const { row } = await loadSubscription(ref);
  const state = subscriptionStateOf(row, now, { cancelAtPeriodEnd: cancel });
  const eventId = `local:${cancel ? "cancel_at_period_end" : "resume"}:${opId(key)}`;
  await deliverLocal(ref.tenantId, eventId, "subscription.updated", [state], now);
}

async function cancelLocalNow(ref: SubscriptionRef, key: string, now: Date): Promise<void> {
  const { row } = await loadSubscription(ref);
  const state = subscriptionStateOf(row, now, { status: "CANCELED", canceledAt: now, cancelAtPeriodEnd: false });
  const events: TenantBillingEvent[] = [state];
  // An invoice still open (a failed renewal) will never be collected now.
  const open = await withTenant(ref.tenantId, (tx) =>
    tx.invoice.findMany({ where: { provider: "LOCAL", subscriptionProviderId: row.providerId, status: "OPEN" } }),
  );
  for (const invoice of open) events.push(invoiceStateFromRow(invoice, now, { status: "VOID", amountDue: 0 }));
  await deliverLocal(ref.tenantId, `local:cancel_now:${opId(key)}`, "subscription.canceled", events, now);
}

export const localProvider: SubscriptionProvider = {
  id: "LOCAL",

  async startCheckout(input) {
    const token = signCheckoutSession({
      tenantId: input.tenant.id,
      tier: input.tier,
      interval: input.interval,
      currency: input.currency,
      trialEnd: input.trialEnd,
      key: input.idempotencyKey,
    });
    return { kind: "redirect", url: `/t/${input.tenant.slug}/billing/checkout?session=${encodeURIComponent(token)}` };
  },

  previewPlanChange: (subscription, target, now) => previewLocalPlanChange(subscription, target, now),

  changePlan: (subscription, target, idempotencyKey) =>
    changeLocalPlan(subscription, target, idempotencyKey, new Date()),

  cancelAtPeriodEnd: (subscription, idempotencyKey) =>
    setCancelAtPeriodEnd(subscription, true, idempotencyKey, new Date()),

  resume: (subscription, idempotencyKey) => setCancelAtPeriodEnd(subscription, false, idempotencyKey, new Date()),

  cancelNow: (subscription, idempotencyKey) => cancelLocalNow(subscription, idempotencyKey, new Date()),

  async paymentMethodUrl({ tenantId }) {
    const db = await getDb();
    const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } });
    if (!tenant) throw AppError.notFound("Workspace not found.");
    return `/t/${tenant.slug}/billing/payment-method`;
  },
};
