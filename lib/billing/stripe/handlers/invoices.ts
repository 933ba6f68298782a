// invoice.*: the invoice's state with its lines and links. A failed payment is also recorded as a
// FAILED payment per attempt (dunning is derived from those) and mailed; an action-required
// invoice is mailed; an upcoming invoice (a preview without an id) is a notice only.
import type Stripe from "stripe";

import type { BillingEvent } from "../../events";
import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { eventObject, idOf } from "../map/common";
import { failedAttemptOf, invoiceNoticeOf, invoiceStateOf, invoiceSubscriptionId } from "../map/invoice";
import { resolveTenant } from "./tenant";

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
};
