// invoice.*: the invoice's state with its lines and links (finalized, paid, voided, marked
// uncollectible). A failed payment is also recorded as a FAILED payment per attempt (dunning is
// derived from those) and mailed; an action-required invoice is mailed; an upcoming invoice (a
// preview without an id) is a notice only.
import type Stripe from "stripe";

import type { BillingEvent } from "../../events";
import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { stripe } from "../client";
import { eventObject, idOf } from "../map/common";
import { failedAttemptOf, invoiceNoticeOf, invoiceStateOf, invoiceSubscriptionId } from "../map/invoice";
import { resolveTenant } from "./tenant";

/**
 * The charge that paid an invoice, from Stripe's invoice payments (this API version no longer
 * names the invoice on charges or payment intents): the ledger links the two, so the money is
 * counted once. null when Stripe lists none (paid out of band, or by credit balance).
 */
async function payingCharge(invoiceId: string): Promise<string | null> {
  const list = await stripe().invoicePayments.list({
    invoice: invoiceId,
    status: "paid",
    expand: ["data.payment.payment_intent"],
    limit: 10,
  });
  const payment = list.data.find((p) => p.is_default) ?? list.data[0];
  if (!payment) return null;
  const intent = payment.payment.payment_intent;
  return (
    idOf(payment.payment.charge) ??
    (intent && typeof intent === "object" ? idOf(intent.latest_charge) : null) ??
    idOf(intent)
  );
}

const invoiceEvent: EventHandler = async (event, lookup) => {
  const invoice = eventObject<Stripe.Invoice>(event);
  const subscriptionId = invoiceSubscriptionId(invoice);
  const tenantId = await resolveTenant(lookup, {
    tenantIds: [invoice.metadata?.tenant_id, invoice.parent?.subscription_details?.metadata?.tenant_id],
    customer: invoice.customer,
    ledger: [
      { model: "invoice", providerId: invoice.id },
      { model: "subscription", providerId: subscriptionId },
    ],
  });
  const at = event.createdAt;

  if (event.type === "invoice.upcoming") {
    const about = subscriptionId ?? idOf(invoice.customer) ?? event.eventId;
    return { tenantId, events: [invoiceNoticeOf("invoice_upcoming", invoice, at, about)] };
  }
  const state = invoiceStateOf(invoice, at);
  if (!state) return { tenantId, events: [] };
  if (event.type === "invoice.paid" && invoice.amount_paid > 0) {
    state.paymentProviderId = await payingCharge(state.providerId);
  }
  const events: BillingEvent[] = [state];
  if (event.type === "invoice.payment_failed") {
    events.push(failedAttemptOf({ ...invoice, id: state.providerId }, at));
    events.push(invoiceNoticeOf("payment_failed", invoice, at, state.providerId));
  } else if (event.type === "invoice.payment_action_required") {
    events.push(invoiceNoticeOf("payment_action_required", invoice, at, state.providerId));
  }
  return { tenantId, events };
};

export const INVOICE_HANDLERS: HandlerRegistry = {
  "invoice.paid": invoiceEvent,
  "invoice.payment_failed": invoiceEvent,
  "invoice.payment_action_required": invoiceEvent,
  "invoice.finalized": invoiceEvent,
  "invoice.upcoming": invoiceEvent,
  "invoice.voided": invoiceEvent,
  "invoice.marked_uncollectible": invoiceEvent,
};
