// BILLING.SUBSCRIPTION.CREATED | ACTIVATED | UPDATED | SUSPENDED | CANCELLED | EXPIRED: the
// subscription's new state. BILLING.SUBSCRIPTION.PAYMENT.FAILED also records the failed renewal
// (a FAILED payment with a deterministic id: the ledger derives dunning from it) and a notice.
import type { BillingNotice, PaymentState } from "../../events";
import type { EventHandler, IncomingEvent, TenantLookup } from "../../webhooks/types";
import { fromPaypalMoney } from "../amounts";
import { paypalSubscription, paypalTime, type PaypalSubscription } from "../resources";
import { toSubscriptionState } from "../subscriptions";
import { resourceOf, stateTime } from "./shared";

async function tenantOf(sub: PaypalSubscription, lookup: TenantLookup): Promise<string | null> {
  return (await lookup.tenantById(sub.custom_id)) ?? (await lookup.tenantByObject("subscription", "PAYPAL", sub.id));
}

async function translate(event: IncomingEvent, lookup: TenantLookup) {
  const sub = resourceOf(paypalSubscription, event);
  const state = await toSubscriptionState(sub, stateTime(sub, event));
  return { sub, state, tenantId: await tenantOf(sub, lookup) };
}

export const subscriptionChanged: EventHandler = async (event, lookup) => {
  const { state, tenantId } = await translate(event, lookup);
  // A plan that is not Tessera's: nothing to record.
  return { tenantId, events: state ? [state] : [] };
};

export const subscriptionPaymentFailed: EventHandler = async (event, lookup) => {
  const { sub, state, tenantId } = await translate(event, lookup);
  if (!state) return { tenantId, events: [] };
  const failure = sub.billing_info?.last_failed_payment;
  const failedAt = paypalTime(failure?.time) ?? state.at;
  const money = failure?.amount
    ? fromPaypalMoney(failure.amount)
    : { amount: state.unitAmount, currency: state.currency };
  const payment: PaymentState = {
    kind: "payment",
    provider: "PAYPAL",
    providerId: `${sub.id}:failed:${failedAt.toISOString()}`,
    at: failedAt,
    status: "FAILED",
    currency: money.currency,
    amount: money.amount,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: null,
    subscriptionProviderId: sub.id,
    orderProviderId: null,
    description: "Subscription renewal",
    failureMessage: failure?.reason_code ?? "PayPal could not collect the payment.",
    paidAt: null,
    createdAt: failedAt,
  };
  const notice: BillingNotice = {
    kind: "notice",
    notice: "payment_failed",
    provider: "PAYPAL",
    at: failedAt,
    providerId: sub.id,
    amount: money.amount,
    currency: money.currency,
    dueAt: paypalTime(failure?.next_payment_retry_time),
    hostedUrl: null,
  };
  return { tenantId, events: [state, payment, notice] };
};
