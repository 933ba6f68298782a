// payment_intent.succeeded / payment_failed: the payment, keyed by its latest charge so refunds
// and disputes (which name the charge) land on the same ledger row.
import type Stripe from "stripe";

import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { eventObject } from "../map/common";
import { paymentIntentPaymentOf, paymentIntentProviderId } from "../map/payment";
import { resolveTenant } from "./tenant";

function intentHandler(status: "SUCCEEDED" | "FAILED"): EventHandler {
  return async (event, lookup) => {
    const intent = eventObject<Stripe.PaymentIntent>(event);
    const tenantId = await resolveTenant(lookup, {
      tenantIds: [intent.metadata?.tenant_id],
      customer: intent.customer,
      ledger: [
        { model: "payment", providerId: paymentIntentProviderId(intent) },
        { model: "payment", providerId: intent.id },
      ],
    });
    return { tenantId, events: [paymentIntentPaymentOf(intent, status, event.createdAt)] };
  };
}

export const PAYMENT_INTENT_HANDLERS: HandlerRegistry = {
  "payment_intent.succeeded": intentHandler("SUCCEEDED"),
  "payment_intent.payment_failed": intentHandler("FAILED"),
};
