// PayPal as a SubscriptionProvider. Checkout is a PayPal subscription the buyer approves on
// PayPal's page; a plan change is a revision the buyer approves too. PayPal neither prorates nor
// knows "cancel at period end": Tessera records that intent in its ledger and
// cancelDuePaypalSubscriptions() (called by the billing cron) cancels at PayPal when the period
// ends; resume clears the intent. Payment methods live in the buyer's PayPal account.
import "server-only";

import { getDb } from "../../db/client";
import { withTenant } from "../../db/tenant";
import { env } from "../../env";
import { AppError } from "@/lib/errors";
import { logger } from "../../observability/logger";
import { priceKey, priceOf } from "../catalog";
import { applyBillingEvents, LIVE_STATUSES, lockTenantLedger } from "../ledger";
import type { SubscriptionProvider, SubscriptionRef } from "../provider";
import { subscriptionStateOf } from "../stored-subscription";
import { followUp } from "./apply";
import { isPaypalConfigured } from "./client";
import { planIdForKey } from "./plans";
import {
  cancelPaypalSubscription,
  createPaypalSubscription,
  fetchPaypalSubscription,
  PAYPAL_ACTOR,
  refreshPaypalSubscription,
  revisePaypalSubscription,
} from "./subscriptions";

/**
 * How long before the period's end the cancellation is sent: PayPal charges the renewal on the
 * next billing date, and the cron that calls cancelDuePaypalSubscriptions runs at least hourly.
 */
export const CANCEL_LEAD_MS = 60 * 60_000;

async function billingUrl(tenantId: string, outcome: string): Promise<string> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } });
  if (!tenant) throw AppError.notFound("Workspace not found.");
  return new URL(`/t/${tenant.slug}/billing?paypal=${outcome}`, env.APP_URL).toString();
}

/** Sets the ledger's cancel-at-period-end on the stored state, as a state newer than it. */
async function setCancelFlag(ref: SubscriptionRef, flag: boolean): Promise<void> {
  const effects = await withTenant(ref.tenantId, async (tx) => {
    // Read under the ledger's lock, so a webhook applied meanwhile is not overwritten by a stale copy.
    await lockTenantLedger(tx, ref.tenantId);
    const row = await tx.subscription.findUnique({
      where: { provider_providerId: { provider: "PAYPAL", providerId: ref.providerId } },
    });
    if (!row) throw AppError.notFound("No such subscription.");
    // PayPal's clock and ours may differ by a moment: the flag must win over what is stored.
    const state = subscriptionStateOf(row, new Date(), { cancelAtPeriodEnd: flag });
    return applyBillingEvents(tx, ref.tenantId, [state], PAYPAL_ACTOR);
  });
  await followUp(ref.tenantId, effects);
}

async function cancelNow(ref: SubscriptionRef, idempotencyKey: string): Promise<void> {
  await cancelPaypalSubscription(ref.providerId, "Cancelled by the customer in Tessera.", idempotencyKey);
  await refreshPaypalSubscription(ref.tenantId, ref.providerId);
}

export const paypalProvider: SubscriptionProvider = {
  id: "PAYPAL",

  async startCheckout(input) {
    const planId = await planIdForKey(priceKey(input.tier, input.interval, input.currency));
    const { approveUrl } = await createPaypalSubscription({
      tenantId: input.tenant.id,
      planId,
      startTime: input.trialEnd,
      email: input.account.email ?? input.actorEmail,
      returnUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
      requestId: input.idempotencyKey,
    });
    if (!approveUrl) throw new AppError("unavailable", "PayPal did not return an approval link; try again.");
    return { kind: "redirect", url: approveUrl };
  },

  async previewPlanChange(subscription, target) {
    // No proration: nothing is due now; the new price applies from the next billing date.
    const nextAmount = priceOf(target.tier, target.interval, subscription.currency);
    return {
      currency: subscription.currency,
      lines: [],
      dueNow: 0,
      nextAmount,
      nextBillingAt: subscription.currentPeriodEnd,
    };
  },

  async changePlan(subscription, target, idempotencyKey) {
    const planId = await planIdForKey(priceKey(target.tier, target.interval, subscription.currency));
    const redirectUrl = await revisePaypalSubscription({
      id: subscription.providerId,
      planId,
      returnUrl: await billingUrl(subscription.tenantId, "revised"),
      cancelUrl: await billingUrl(subscription.tenantId, "revision_canceled"),
      requestId: idempotencyKey,
    });
    return { redirectUrl };
  },

  async cancelAtPeriodEnd(subscription, idempotencyKey) {
    const end = subscription.currentPeriodEnd;
    // With no period left (or none known), "at period end" is now.
    if (!end || end.getTime() - CANCEL_LEAD_MS <= Date.now()) return cancelNow(subscription, idempotencyKey);
    await setCancelFlag(subscription, true);
  },

  async resume(subscription) {
    const sub = await fetchPaypalSubscription(subscription.providerId);
    if (sub.status !== "ACTIVE" && sub.status !== "SUSPENDED") {
      throw new AppError("conflict", "This PayPal subscription has ended; start a new one instead.");
    }
    await setCancelFlag(subscription, false);
  },

  cancelNow,

  async paymentMethodUrl() {
    // The buyer manages funding sources in their own PayPal account; there is no hosted page to send them to.
    return null;
  },
};

/**
 * Cancels, at PayPal, the subscriptions whose customers asked to cancel at period end once that
 * period is (about to be) over. Idempotent: the billing cron calls it at least hourly.
 */
export async function cancelDuePaypalSubscriptions(
  now: Date = new Date(),
): Promise<{ canceled: string[]; failed: string[] }> {
  const result = { canceled: [] as string[], failed: [] as string[] };
  if (!isPaypalConfigured()) return result;
  const db = await getDb();
  const due = await db.subscription.findMany({
    where: {
      provider: "PAYPAL",
      cancelAtPeriodEnd: true,
      status: { in: [...LIVE_STATUSES] },
      currentPeriodEnd: { lte: new Date(now.getTime() + CANCEL_LEAD_MS) },
    },
    select: { tenantId: true, providerId: true },
    orderBy: { currentPeriodEnd: "asc" },
    take: 200,
  });
  for (const row of due) {
    try {
      await cancelPaypalSubscription(
        row.providerId,
        "Cancelled at the end of the paid period.",
        `cancel-due-${row.providerId}`,
      );
      await refreshPaypalSubscription(row.tenantId, row.providerId);
      result.canceled.push(row.providerId);
    } catch (error) {
      logger.warn("paypal: cancelling at period end failed", { subscription: row.providerId, error });
      result.failed.push(row.providerId);
    }
  }
  return result;
}
