// customer.subscription.*: the subscription's state at the event's time; trial_will_end also
// becomes a reminder to the billing contacts.
import type Stripe from "stripe";

import type { BillingEvent } from "../../events";
import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { eventObject, fromUnixOrNull } from "../map/common";
import { subscriptionStateOf } from "../map/subscription";
import { resolveTenant } from "./tenant";

/** The tenant of a subscription: its metadata (set at checkout), its customer, or the ledger row. */
export function subscriptionTenant(lookup: Parameters<EventHandler>[1], subscription: Stripe.Subscription) {
  return resolveTenant(lookup, {
    tenantIds: [subscription.metadata?.tenant_id],
    customer: subscription.customer,
    ledger: [{ model: "subscription", providerId: subscription.id }],
  });
}

const subscriptionChanged: EventHandler = async (event, lookup) => {
  const subscription = eventObject<Stripe.Subscription>(event);
  const tenantId = await subscriptionTenant(lookup, subscription);
  const state = subscriptionStateOf(subscription, event.createdAt);
  // Not a Tessera plan (no price of the catalog): stored and ignored.
  if (!state) return { tenantId, events: [] };
  const events: BillingEvent[] = [state];
  if (event.type === "customer.subscription.trial_will_end") {
    events.push({
      kind: "notice",
      notice: "trial_will_end",
      provider: "STRIPE",
      at: event.createdAt,
      providerId: subscription.id,
      amount: state.unitAmount,
      currency: state.currency,
      dueAt: fromUnixOrNull(subscription.trial_end),
      hostedUrl: null,
    });
  }
  return { tenantId, events };
};

export const SUBSCRIPTION_HANDLERS: HandlerRegistry = {
  "customer.subscription.created": subscriptionChanged,
  "customer.subscription.updated": subscriptionChanged,
  "customer.subscription.deleted": subscriptionChanged,
  "customer.subscription.paused": subscriptionChanged,
  "customer.subscription.resumed": subscriptionChanged,
  "customer.subscription.trial_will_end": subscriptionChanged,
};
