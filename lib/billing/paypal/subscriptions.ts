// PayPal subscriptions: the calls Tessera makes (create, read, revise, cancel) and the one mapping
// from PayPal's subscription JSON to the ledger's SubscriptionState, shared by webhooks, the
// provider and the PayPal buttons.
import "server-only";

import { ApplicationContextUserAction, ExperienceContextShippingPreference } from "@paypal/paypal-server-sdk";

import { getDb } from "../../db/client";
import type { SubscriptionStatus } from "../../db/generated/enums";
import { AppError } from "@/lib/errors";
import { logger } from "../../observability/logger";
import type { Actor } from "../../tenancy/audit";
import { priceOf } from "../catalog";
import type { SubscriptionState } from "../events";
import { LIVE_STATUSES } from "../ledger";
import { applyAndFollowUp } from "./apply";
import { paypalSdk, PaypalApiError, sdkJson, withPaypalRequestId } from "./client";
import { planById, type PlanInfo } from "./plans";
import { linkHref, paypalSubscription, paypalTime, type PaypalSubscription } from "./resources";

export const PAYPAL_ACTOR: Actor = { id: null, email: "paypal" };

const LIVE = new Set<SubscriptionStatus>(LIVE_STATUSES);
/** A start this far after creation is a trial (Tessera's own trial carried over), not PayPal's latency. */
const TRIAL_THRESHOLD_MS = 60 * 60_000;

/**
 * PayPal's status in the ledger's terms. PayPal suspends a subscription itself only after failed
 * payments (Tessera never suspends one), so SUSPENDED is past due: the dunning grace period, not
 * the suspension, decides when the tenant loses its tier. ACTIVE with failed payments outstanding
 * is past due too; ACTIVE before its start time is a trial.
 */
export function subscriptionStatus(sub: PaypalSubscription, at: Date): SubscriptionStatus {
  switch (sub.status) {
    case "ACTIVE": {
      const start = paypalTime(sub.start_time);
      if (start && start > at) return "TRIALING";
      return (sub.billing_info?.failed_payments_count ?? 0) > 0 ? "PAST_DUE" : "ACTIVE";
    }
    case "SUSPENDED":
      return "PAST_DUE";
    case "CANCELLED":
      return "CANCELED";
    case "EXPIRED":
      return "EXPIRED";
    default:
      // APPROVAL_PENDING, APPROVED: the buyer has not finished yet.
      return "INCOMPLETE";
  }
}

/** Whether the ledger holds a cancel-at-period-end for this subscription (PayPal has no such flag). */
async function storedCancelFlag(providerId: string): Promise<boolean> {
  const db = await getDb();
  const row = await db.subscription.findUnique({
    where: { provider_providerId: { provider: "PAYPAL", providerId } },
    select: { cancelAtPeriodEnd: true },
  });
  return row?.cancelAtPeriodEnd ?? false;
}

/**
 * Why a subscription on one of Tessera's plans cannot be honoured, or null when it can. The buyer's
 * side (PayPal's JS SDK, with the public client id) can create or revise a subscription with its
 * own pricing (plan_overridden), a quantity, or on a plan whose price is not the catalog's: such
 * a subscription is never granted the tier.
 */
export function paypalSubscriptionIssue(sub: PaypalSubscription, plan: PlanInfo): string | null {
  if (sub.plan_overridden || (sub.plan !== undefined && sub.plan !== null)) return "its plan is overridden";
  if (sub.quantity !== undefined && sub.quantity !== null && Number(sub.quantity) !== 1) {
    return `its quantity is ${String(sub.quantity)}, not 1`;
  }
  const catalog = priceOf(plan.tier, plan.interval, plan.currency);
  if (plan.unitAmount !== catalog) return `its plan costs ${plan.unitAmount} ${plan.currency}, not ${catalog}`;
  return null;
}

/**
 * The ledger state of `sub` at `at`; null when its plan is not one of Tessera's. The ledger's own
 * cancel-at-period-end flag is carried over while the subscription is live. A subscription that
 * does not match the catalog (paypalSubscriptionIssue) is recorded as INCOMPLETE while PayPal
 * calls it live: never granted the tier, and a later tampered revision takes a granted one away.
 */
export async function toSubscriptionState(sub: PaypalSubscription, at: Date): Promise<SubscriptionState | null> {
  const plan = sub.plan_id ? await planById(sub.plan_id) : null;
  if (!plan) return null;
  const issue = paypalSubscriptionIssue(sub, plan);
  const paypalStatus = subscriptionStatus(sub, at);
  if (issue && LIVE.has(paypalStatus)) {
    logger.warn("paypal: subscription refused, it does not match the catalog", { subscription: sub.id, issue });
  }
  const status = issue && LIVE.has(paypalStatus) ? "INCOMPLETE" : paypalStatus;
  const created = paypalTime(sub.create_time) ?? at;
  const start = paypalTime(sub.start_time);
  const lastPayment = paypalTime(sub.billing_info?.last_payment?.time);
  const trial = start && start.getTime() - created.getTime() > TRIAL_THRESHOLD_MS ? start : null;
  return {
    kind: "subscription",
    provider: "PAYPAL",
    providerId: sub.id,
    at,
    tier: plan.tier,
    interval: plan.interval,
    status,
    currency: plan.currency,
    unitAmount: plan.unitAmount,
    currentPeriodStart: lastPayment ?? (start && start <= at ? start : created),
    currentPeriodEnd: paypalTime(sub.billing_info?.next_billing_time),
    trialEnd: trial,
    cancelAtPeriodEnd: LIVE.has(status) ? await storedCancelFlag(sub.id) : false,
    canceledAt: status === "CANCELED" ? (paypalTime(sub.status_update_time) ?? at) : null,
    createdAt: created,
  };
}

/** The time a subscription JSON describes (update time, else creation). */
export function subscriptionTime(sub: PaypalSubscription, fallback: Date): Date {
  return paypalTime(sub.update_time) ?? paypalTime(sub.create_time) ?? fallback;
}

export async function fetchPaypalSubscription(id: string): Promise<PaypalSubscription> {
  try {
    return paypalSubscription.parse(await sdkJson(() => paypalSdk().subscriptions.getSubscription({ id })));
  } catch (error) {
    if (error instanceof PaypalApiError && error.status === 404)
      throw AppError.notFound("No such PayPal subscription.");
    throw error;
  }
}

export interface CreateSubscriptionInput {
  tenantId: string;
  planId: string;
  /** Billing starts here (Tessera's trial end); null: now. */
  startTime: Date | null;
  email: string | null;
  returnUrl: string;
  cancelUrl: string;
  requestId: string;
}

/** Creates the subscription (custom_id = tenant id); its id and the buyer's approval link. */
export async function createPaypalSubscription(
  input: CreateSubscriptionInput,
): Promise<{ id: string; approveUrl: string | null }> {
  const start = input.startTime && input.startTime.getTime() > Date.now() + 60_000 ? input.startTime : null;
  const json = await sdkJson(() =>
    paypalSdk().subscriptions.createSubscription({
      paypalRequestId: input.requestId,
      prefer: "return=representation",
      body: {
        planId: input.planId,
        customId: input.tenantId,
        ...(start ? { startTime: start.toISOString() } : {}),
        ...(input.email ? { subscriber: { emailAddress: input.email } } : {}),
        applicationContext: {
          brandName: "Tessera",
          shippingPreference: ExperienceContextShippingPreference.NoShipping,
          userAction: ApplicationContextUserAction.SubscribeNow,
          returnUrl: input.returnUrl,
          cancelUrl: input.cancelUrl,
        },
      },
    }),
  );
  const sub = paypalSubscription.parse(json);
  return { id: sub.id, approveUrl: linkHref(sub.links, "approve") };
}

/** Switches the plan; PayPal answers with an approval link when the buyer must consent. */
export async function revisePaypalSubscription(input: {
  id: string;
  planId: string;
  returnUrl: string;
  cancelUrl: string;
  requestId: string;
}): Promise<string | null> {
  const json = await withPaypalRequestId(input.requestId, () =>
    sdkJson(() =>
      paypalSdk().subscriptions.reviseSubscription({
        id: input.id,
        body: {
          planId: input.planId,
          applicationContext: {
            brandName: "Tessera",
            shippingPreference: ExperienceContextShippingPreference.NoShipping,
            returnUrl: input.returnUrl,
            cancelUrl: input.cancelUrl,
          },
        },
      }),
    ),
  );
  const links = paypalSubscription.shape.links.parse((json as { links?: unknown } | null)?.links ?? null);
  return linkHref(links, "approve");
}

/** Cancels at PayPal; a subscription that is already over is not an error. */
export async function cancelPaypalSubscription(id: string, reason: string, requestId: string): Promise<void> {
  try {
    await withPaypalRequestId(requestId, () =>
      sdkJson(() => paypalSdk().subscriptions.cancelSubscription({ id, body: { reason } })),
    );
  } catch (error) {
    // 422 SUBSCRIPTION_STATUS_INVALID: cancelled or expired already.
    if (!(error instanceof PaypalApiError && error.status === 422)) throw error;
  }
}

/** Re-reads the subscription from PayPal and applies it to the tenant's ledger. */
export async function refreshPaypalSubscription(
  tenantId: string,
  id: string,
  actor: Actor = PAYPAL_ACTOR,
): Promise<SubscriptionState | null> {
  const sub = await fetchPaypalSubscription(id);
  // Only a subscription created for this tenant (custom_id) may be recorded as theirs.
  if (sub.custom_id !== tenantId) throw AppError.notFound("No such PayPal subscription.");
  // What PayPal answers now is the newest knowledge there is: it must win over a state the ledger
  // stamped itself (cancel-at-period-end) even when PayPal's clock runs behind ours.
  const db = await getDb();
  const stored = await db.subscription.findUnique({
    where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
    select: { providerUpdatedAt: true },
  });
  const paypalAt = subscriptionTime(sub, new Date());
  const at =
    stored && stored.providerUpdatedAt >= paypalAt ? new Date(stored.providerUpdatedAt.getTime() + 1) : paypalAt;
  const state = await toSubscriptionState(sub, at);
  if (state) await applyAndFollowUp(tenantId, [state], actor);
  return state;
}

/** Whether the subscription PayPal holds matches the catalog (its plan, quantity and price). */
export async function paypalSubscriptionProblem(sub: PaypalSubscription): Promise<string | null> {
  const plan = sub.plan_id ? await planById(sub.plan_id) : null;
  return plan ? paypalSubscriptionIssue(sub, plan) : "its plan is not one of Tessera's";
}
