// The Stripe implementation of SubscriptionProvider: Stripe Checkout for new subscriptions, the
// Subscriptions API for plan changes and cancellation, the Customer Portal for payment methods.
// Every paid subscription carries the metered prices (API overage, AI tokens) beside its plan, so
// Stripe invoices the meter events lib/billing/metering.ts sends; plan changes keep them (and add
// any that are missing).
// Every write carries an idempotency key, and what a write returns is applied to the ledger at
// once (ledger-apply.ts); the webhook for the same change then changes nothing.
import "server-only";

import { createHash } from "node:crypto";

import type Stripe from "stripe";

import { withTenant } from "../../db/tenant";
import { AppError } from "@/lib/errors";
import { METERS, meterPriceKey, priceKey, priceOf, type Currency, type MeterId } from "../catalog";
import type { PlanChangePreview, PlanTarget, SubscriptionProvider, SubscriptionRef } from "../provider";
import { stripe } from "./client";
import { ensureStripeCustomer } from "./customer";
import { applyApiResponse } from "./ledger-apply";
import { fromUnixOrNull, toUnix } from "./map/common";
import { planItem, subscriptionStateOf } from "./map/subscription";
import { priceIdByLookupKey } from "./prices";

/** Stripe refuses a Checkout trial that ends less than 48 hours ahead; a minute of slack for the round trip. */
const MIN_TRIAL_MS = 48 * 3_600_000 + 60_000;

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

async function applySubscription(tenantId: string, subscription: Stripe.Response<Stripe.Subscription>) {
  await applyApiResponse(tenantId, subscription, (at) => subscriptionStateOf(subscription, at));
}

/** The metered prices of `currency` (one per meter), by lookup key. */
async function meteredPriceIds(currency: Currency): Promise<string[]> {
  const meters = Object.keys(METERS) as MeterId[];
  return Promise.all(meters.map((meter) => priceIdByLookupKey(meterPriceKey(meter, currency))));
}

/**
 * The items a plan change sends: the plan item's new price, and each metered price the
 * subscription lacks (items not named are kept as they are, so present ones ride along).
 */
async function planChangeItems(
  subscription: Stripe.Subscription,
  itemId: string,
  price: string,
  currency: Currency,
): Promise<Stripe.SubscriptionUpdateParams.Item[]> {
  const present = new Set((subscription.items?.data ?? []).map((item) => item.price?.id));
  const missing = (await meteredPriceIds(currency)).filter((id) => !present.has(id));
  return [{ id: itemId, price }, ...missing.map((id) => ({ price: id }))];
}

/** The live subscription and the item that carries its plan (needed to swap the price). */
async function planItemOf(ref: SubscriptionRef): Promise<{ subscription: Stripe.Subscription; itemId: string }> {
  const subscription = await stripe().subscriptions.retrieve(ref.providerId);
  const found = planItem(subscription);
  if (!found) throw new AppError("conflict", "This Stripe subscription has no Tessera plan to change.");
  return { subscription, itemId: found.item.id };
}

function oneIntervalAfter(start: Date, interval: PlanTarget["interval"]): Date {
  const next = new Date(start);
  if (interval === "YEAR") next.setUTCFullYear(next.getUTCFullYear() + 1);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

function isProration(line: Stripe.InvoiceLineItem): boolean {
  return Boolean(line.parent?.subscription_item_details?.proration || line.parent?.invoice_item_details?.proration);
}

async function previewPlanChange(ref: SubscriptionRef, target: PlanTarget, now: Date): Promise<PlanChangePreview> {
  const { subscription, itemId } = await planItemOf(ref);
  const price = await priceIdByLookupKey(priceKey(target.tier, target.interval, ref.currency));
  const prorationDate = toUnix(now);
  const preview = await stripe().invoices.createPreview(
    {
      subscription: ref.providerId,
      subscription_details: {
        items: await planChangeItems(subscription, itemId, price, ref.currency),
        proration_behavior: "create_prorations",
        proration_date: prorationDate,
      },
    },
    { idempotencyKey: `preview:${ref.providerId}:${price}:${prorationDate}` },
  );
  const intervalChanges = target.interval !== ref.interval;
  const lines = preview.lines.data
    .filter((line) => intervalChanges || isProration(line))
    .map((line) => ({ description: line.description ?? "", amount: line.amount }));
  const item = subscription.items.data.find((i) => i.id === itemId);
  return {
    currency: ref.currency,
    lines,
    // A new interval restarts the billing cycle: Stripe invoices at once. Otherwise the prorated
    // difference is what the change costs, billed with the next invoice.
    dueNow: intervalChanges ? preview.amount_due : lines.reduce((sum, line) => sum + line.amount, 0),
    nextAmount: priceOf(target.tier, target.interval, ref.currency),
    nextBillingAt: intervalChanges
      ? oneIntervalAfter(now, target.interval)
      : (fromUnixOrNull(item?.current_period_end) ?? ref.currentPeriodEnd),
  };
}

/** The tenant's previous Checkout Session if it is still open (it is expired once a new one exists). */
async function previousOpenSession(tenantId: string): Promise<string | null> {
  const account = await withTenant(tenantId, (tx) =>
    tx.billingAccount.findUnique({ where: { tenantId }, select: { stripeCheckoutSessionId: true } }),
  );
  const previous = account?.stripeCheckoutSessionId;
  if (!previous) return null;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.retrieve(previous);
  } catch (error) {
    if (error instanceof Error && (error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
  if (session.status === "complete") {
    // Paid a moment ago and its subscription not recorded yet (the webhook is on its way): a
    // second checkout now would be a second subscription.
    const subscriptionId = typeof session.subscription === "string" ? session.subscription : session.subscription?.id;
    const recorded = subscriptionId
      ? await withTenant(tenantId, (tx) =>
          tx.subscription.count({ where: { provider: "STRIPE", providerId: subscriptionId } }),
        )
      : 1;
    if (recorded === 0) {
      throw new AppError("conflict", "The last checkout has just completed; the subscription appears in a moment.");
    }
  }
  return session.status === "open" ? previous : null;
}

async function updateSubscription(
  ref: SubscriptionRef,
  params: Stripe.SubscriptionUpdateParams,
  idempotencyKey: string,
): Promise<void> {
  const updated = await stripe().subscriptions.update(ref.providerId, params, { idempotencyKey });
  await applySubscription(ref.tenantId, updated);
}

export const stripeProvider: SubscriptionProvider = {
  id: "STRIPE",

  async startCheckout(input) {
    const tenantId = input.tenant.id;
    // One payable Checkout Session per workspace (callers hold its checkout lease).
    const previous = await previousOpenSession(tenantId);
    const customer = await ensureStripeCustomer({
      tenantId,
      stripeCustomerId: input.account.stripeCustomerId,
      email: input.account.email ?? input.actorEmail,
      name: input.account.name ?? input.tenant.name,
    });
    const price = await priceIdByLookupKey(priceKey(input.tier, input.interval, input.currency));
    // Metered prices take no quantity: Stripe bills what the meters received.
    const metered = await meteredPriceIds(input.currency);
    const trialEnd =
      input.trialEnd && input.trialEnd.getTime() - Date.now() > MIN_TRIAL_MS ? toUnix(input.trialEnd) : undefined;
    const session = await stripe().checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: tenantId,
        line_items: [{ price, quantity: 1 }, ...metered.map((id) => ({ price: id }))],
        subscription_data: { metadata: { tenant_id: tenantId }, ...(trialEnd ? { trial_end: trialEnd } : {}) },
        metadata: { tenant_id: tenantId },
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (!session.url) throw new AppError("unavailable", "Stripe did not return a checkout page.");
    if (previous && previous !== session.id) {
      await stripe().checkout.sessions.expire(previous, {}, { idempotencyKey: `expire:${previous}` });
    }
    await withTenant(tenantId, (tx) =>
      tx.billingAccount.updateMany({ where: { tenantId }, data: { stripeCheckoutSessionId: session.id } }),
    );
    return { kind: "redirect", url: session.url };
  },

  previewPlanChange,

  async changePlan(ref, target, idempotencyKey) {
    const { subscription, itemId } = await planItemOf(ref);
    const price = await priceIdByLookupKey(priceKey(target.tier, target.interval, ref.currency));
    await updateSubscription(
      ref,
      {
        items: await planChangeItems(subscription, itemId, price, ref.currency),
        proration_behavior: "create_prorations",
      },
      idempotencyKey,
    );
    return { redirectUrl: null };
  },

  async cancelAtPeriodEnd(ref, idempotencyKey) {
    await updateSubscription(ref, { cancel_at_period_end: true }, idempotencyKey);
  },

  async resume(ref, idempotencyKey) {
    await updateSubscription(ref, { cancel_at_period_end: false }, idempotencyKey);
  },

  async cancelNow(ref, idempotencyKey) {
    const canceled = await stripe().subscriptions.cancel(ref.providerId, {}, { idempotencyKey });
    await applySubscription(ref.tenantId, canceled);
  },

  async paymentMethodUrl({ tenantId, customerId, returnUrl }) {
    const customer =
      customerId ??
      (
        await withTenant(tenantId, (tx) =>
          tx.billingAccount.findUnique({ where: { tenantId }, select: { stripeCustomerId: true } }),
        )
      )?.stripeCustomerId;
    if (!customer) return null;
    // One portal session per customer, return page and minute: a double click reuses it.
    const minute = Math.floor(Date.now() / 60_000);
    const session = await stripe().billingPortal.sessions.create(
      {
        customer,
        return_url: returnUrl,
        flow_data: {
          type: "payment_method_update",
          after_completion: { type: "redirect", redirect: { return_url: returnUrl } },
        },
      },
      { idempotencyKey: `portal:${customer}:${digest(returnUrl)}:${minute}` },
    );
    return session.url;
  },
};
