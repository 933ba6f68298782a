// The local provider's simulated checkout and card update pages, server side. Completing a
// checkout emits what Stripe's webhooks would: the customer (with the card), the subscription
// (TRIALING until the trial's end, else ACTIVE for one period), its first invoice (PAID; $0 for a
// trial) and a SUCCEEDED payment when money moved. A declined card emits a FAILED payment and an
// INCOMPLETE subscription instead.
import "server-only";

import { withTenant } from "../../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { formatDate } from "../../format";
import { assertCan, type TenantContext } from "../../tenancy/context";
import { priceOf, type Currency, type PaidTier } from "../catalog";
import type { BillingInterval } from "../../db/generated/enums";
import type { SubscriptionState, TenantBillingEvent } from "../events";
import { assertLocalProviderEnabled } from "../provider-mode";
import type { IntakeOutcome } from "../webhooks/intake";
import { addInterval } from "@/lib/calendar";
import { planLabel } from "../proration";
import { nextAt } from "../stored-subscription";
import { withCheckoutLease } from "../checkout-lease";
import { cardSchema, cardSummary, chargeOutcome, type CardInput } from "./cards";
import { deliverLocal } from "./deliver";
import { retryLocalPastDue } from "./renewals";
import { verifyCheckoutSession, type CheckoutSession } from "./session-token";
import {
  amountToCollect,
  creditBalance,
  customerState,
  invoiceNumberFor,
  invoiceState,
  opId,
  paymentState,
  planLine,
  readAccount,
} from "./state";

const LIVE = ["TRIALING", "ACTIVE", "PAST_DUE"];

export interface CheckoutSummary {
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  label: string;
  /** Price per interval. */
  unitAmount: number;
  /** Charged today (0 while a trial runs). */
  dueToday: number;
  trialEnd: Date | null;
  expiresAt: Date;
  /** The subscription of this session is already live: nothing left to pay. */
  completed: boolean;
}

function openSession(ctx: TenantContext, token: string, now: Date): CheckoutSession {
  const session = verifyCheckoutSession(token, now);
  if (!session) {
    throw new AppError("bad_request", "This checkout session has expired or is not valid. Start again from Billing.");
  }
  // A session for another workspace is not found here (its existence is not revealed).
  if (session.tenantId !== ctx.tenant.id) throw AppError.notFound("Checkout session not found.");
  return session;
}

const subscriptionIdOf = (session: CheckoutSession) => `sub_local_${opId(session.key)}`;

/** What the checkout page shows: the order summary of a valid session for this workspace. */
export async function describeLocalCheckout(
  ctx: TenantContext,
  token: string,
  now = new Date(),
): Promise<CheckoutSummary> {
  assertCan(ctx, "billing:manage");
  assertLocalProviderEnabled();
  const session = openSession(ctx, token, now);
  const trial = session.trialEnd !== null && session.trialEnd > now;
  const unitAmount = priceOf(session.tier, session.interval, session.currency);
  const existing = await withTenant(ctx.tenant.id, (tx) =>
    tx.subscription.findFirst({ where: { provider: "LOCAL", providerId: subscriptionIdOf(session) } }),
  );
  return {
    tier: session.tier,
    interval: session.interval,
    currency: session.currency,
    label: planLabel(session.tier, session.interval),
    unitAmount,
    dueToday: trial ? 0 : unitAmount,
    trialEnd: trial ? session.trialEnd : null,
    expiresAt: session.expiresAt,
    completed: existing !== null && LIVE.includes(existing.status),
  };
}

export type CheckoutResult =
  | { status: "paid" | "trialing"; outcome: IntakeOutcome }
  | { status: "declined"; outcome: IntakeOutcome; message: string }
  | { status: "already_completed"; outcome: null };

/** Completes the simulated checkout `session` with `card` at `now`. */
export async function completeLocalCheckout(
  ctx: TenantContext,
  input: CardInput & { session: string },
  now = new Date(),
): Promise<CheckoutResult> {
  assertCan(ctx, "billing:manage");
  assertLocalProviderEnabled();
  const card = parseInput(cardSchema(now), input);
  const session = openSession(ctx, input.session, now);
  // Serialised per workspace: a second checkout completing at the same time sees the first's
  // subscription and is refused, instead of both becoming live.
  return withCheckoutLease(ctx.tenant.id, async () => {
    const op = opId(session.key);
    const subscriptionId = subscriptionIdOf(session);
    const invoiceId = `in_local_${op}`;
    const tenantId = ctx.tenant.id;

    const { existing, otherLive, account, balance, number } = await withTenant(tenantId, async (tx) => ({
      existing: await tx.subscription.findFirst({ where: { provider: "LOCAL", providerId: subscriptionId } }),
      otherLive: await tx.subscription.count({
        where: {
          status: { in: ["TRIALING", "ACTIVE", "PAST_DUE"] },
          NOT: { provider: "LOCAL", providerId: subscriptionId },
        },
      }),
      account: await readAccount(tx),
      balance: await creditBalance(tx),
      number: await invoiceNumberFor(tx, ctx.tenant.slug, invoiceId),
    }));
    if (otherLive > 0) {
      throw new AppError(
        "conflict",
        "This workspace already has a subscription. Change its plan from Billing instead.",
      );
    }
    const live = existing !== null && LIVE.includes(existing.status);

    const trial = session.trialEnd !== null && session.trialEnd > now;
    const unitAmount = priceOf(session.tier, session.interval, session.currency);
    const periodEnd = trial ? (session.trialEnd as Date) : addInterval(now, session.interval);
    const label = planLabel(session.tier, session.interval);
    const summary = cardSummary(card);
    const charge = chargeOutcome(summary);
    if (!charge.ok && live) return { status: "already_completed", outcome: null };

    const fallback = { email: account.email ?? ctx.user.email, name: ctx.tenant.name };
    const lines = [
      trial
        ? planLine(`${label} trial until ${formatDate(periodEnd)}`, 0)
        : planLine(`${label} from ${formatDate(now)} to ${formatDate(periodEnd)}`, unitAmount),
    ];
    const draft = {
      providerId: invoiceId,
      number,
      currency: session.currency,
      lines,
      subscriptionProviderId: subscriptionId,
      periodStart: now,
      periodEnd,
      applied: Math.min(balance, trial ? 0 : unitAmount),
      at: now,
    };
    const collect = amountToCollect(draft);
    const subscription: SubscriptionState = {
      kind: "subscription",
      provider: "LOCAL",
      providerId: subscriptionId,
      at: nextAt(now, existing?.providerUpdatedAt),
      tier: session.tier,
      interval: session.interval,
      status: !charge.ok ? "INCOMPLETE" : trial ? "TRIALING" : "ACTIVE",
      currency: session.currency,
      unitAmount,
      currentPeriodStart: now,
      currentPeriodEnd: periodEnd,
      trialEnd: trial ? periodEnd : null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      createdAt: existing?.providerCreatedAt ?? now,
    };
    const payment = (failureMessage: string | null, suffix: string) =>
      paymentState({
        providerId: `py_local_${op}${suffix}`,
        invoiceProviderId: invoiceId,
        currency: session.currency,
        amount: collect,
        description: trial ? `Card check for the ${label} trial` : label,
        failureMessage,
        at: now,
      });

    if (!charge.ok) {
      const events: TenantBillingEvent[] = [
        customerState(tenantId, account, now, fallback),
        subscription,
        invoiceState(draft, false),
        payment(charge.message, "_declined"),
      ];
      const outcome = await deliverLocal(tenantId, `local:checkout:${op}:declined`, "payment.failed", events, now);
      return { status: "declined", outcome, message: charge.message };
    }

    const events: TenantBillingEvent[] = [
      customerState(tenantId, account, now, fallback, summary),
      subscription,
      invoiceState(draft, true),
    ];
    if (collect > 0) events.push(payment(null, ""));
    const outcome = await deliverLocal(tenantId, `local:checkout:${op}:completed`, "checkout.completed", events, now);
    return { status: trial ? "trialing" : "paid", outcome };
  });
}

/**
 * Saves a new card (the simulated payment-method page). Any valid test card is saved, 0002 too:
 * it declines every later charge, which is how dunning can be tried out. A past-due subscription
 * is charged again at once with the new card.
 */
export async function updateLocalPaymentMethod(
  ctx: TenantContext,
  input: CardInput & { nonce: string },
  now = new Date(),
): Promise<{ outcome: IntakeOutcome; retried: { renewed: number; failed: number } }> {
  assertCan(ctx, "billing:manage");
  // The simulated card form: it saves a card no one can charge, so only where simulation serves.
  assertLocalProviderEnabled();
  const card = parseInput(cardSchema(now), input);
  const nonce = typeof input.nonce === "string" ? input.nonce.slice(0, 100) : "";
  if (nonce.length < 8) throw new AppError("bad_request", "Reload the page and try again.");
  const tenantId = ctx.tenant.id;
  const account = await withTenant(tenantId, (tx) => readAccount(tx));
  const summary = cardSummary(card);
  const state = customerState(tenantId, account, now, { email: ctx.user.email, name: ctx.tenant.name }, summary);
  const outcome = await deliverLocal(
    tenantId,
    `local:payment_method:${opId(`${tenantId}:${nonce}`)}`,
    "customer.updated",
    [state],
    now,
  );
  const report = await retryLocalPastDue(tenantId, now);
  return { outcome, retried: { renewed: report.renewed, failed: report.failed } };
}
