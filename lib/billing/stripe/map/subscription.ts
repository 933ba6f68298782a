// Stripe Subscription → SubscriptionState. The plan (tier, interval, currency) comes from the
// price's lookup key (catalog.ts), falling back to price.metadata.tier for prices created by
// hand; in this API version the billing period lives on the subscription item.
import type Stripe from "stripe";

import type { BillingInterval, SubscriptionStatus } from "../../../db/generated/enums";
import { isCurrency, PAID_TIERS, parsePriceKey, priceOf, type PaidTier } from "../../catalog";
import type { SubscriptionState } from "../../events";
import { fromUnix, fromUnixOrNull } from "./common";

const STATUS: Record<string, SubscriptionStatus> = {
  incomplete: "INCOMPLETE",
  incomplete_expired: "EXPIRED",
  trialing: "TRIALING",
  active: "ACTIVE",
  past_due: "PAST_DUE",
  unpaid: "PAST_DUE",
  canceled: "CANCELED",
  paused: "PAUSED",
};

export function subscriptionStatusOf(status: string): SubscriptionStatus | null {
  return STATUS[status] ?? null;
}

export interface PricePlan {
  tier: PaidTier;
  interval: BillingInterval;
  currency: string;
}

const INTERVALS: Record<string, BillingInterval> = { month: "MONTH", year: "YEAR" };

/** The Tessera plan a price stands for, or null for prices that are not ours (metered, foreign). */
export function planOfPrice(price: Stripe.Price): PricePlan | null {
  const parsed = price.lookup_key ? parsePriceKey(price.lookup_key) : null;
  if (parsed) return parsed;
  const tier = price.metadata?.tier?.toUpperCase();
  const interval = INTERVALS[price.recurring?.interval ?? ""];
  if (!tier || !interval || !(PAID_TIERS as readonly string[]).includes(tier)) return null;
  if (price.recurring?.usage_type === "metered") return null;
  return { tier: tier as PaidTier, interval, currency: price.currency.toLowerCase() };
}

/** The subscription item that carries the plan (metered items ride along on the same subscription). */
export function planItem(subscription: Stripe.Subscription): { item: Stripe.SubscriptionItem; plan: PricePlan } | null {
  for (const item of subscription.items?.data ?? []) {
    const plan = item.price ? planOfPrice(item.price) : null;
    if (plan) return { item, plan };
  }
  return null;
}

/** The state of `subscription` at `at` (the event's creation time); null when no item is a Tessera plan. */
export function subscriptionStateOf(subscription: Stripe.Subscription, at: Date): SubscriptionState | null {
  const found = planItem(subscription);
  const status = subscriptionStatusOf(subscription.status);
  if (!found || !status) return null;
  const { item, plan } = found;
  const catalogAmount = isCurrency(plan.currency) ? priceOf(plan.tier, plan.interval, plan.currency) : 0;
  const unitAmount = (item.price.unit_amount ?? catalogAmount) * (item.quantity ?? 1);
  return {
    kind: "subscription",
    provider: "STRIPE",
    providerId: subscription.id,
    at,
    tier: plan.tier,
    interval: plan.interval,
    status,
    currency: plan.currency,
    unitAmount,
    currentPeriodStart: fromUnixOrNull(item.current_period_start),
    currentPeriodEnd: fromUnixOrNull(item.current_period_end),
    trialEnd: fromUnixOrNull(subscription.trial_end),
    // A cancel_at date (what the Customer Portal sets) also ends the subscription without renewal.
    cancelAtPeriodEnd: Boolean(subscription.cancel_at_period_end) || typeof subscription.cancel_at === "number",
    canceledAt: fromUnixOrNull(subscription.canceled_at),
    createdAt: fromUnix(subscription.created),
  };
}
