// Stripe's allow-list: event type → handler (one file per event family in handlers/). Types not
// listed here are stored and ignored; reconcile.ts asks Stripe for exactly these types.
import type { HandlerRegistry } from "../webhooks/types";
import { CHARGE_HANDLERS } from "./handlers/charges";
import { CHECKOUT_HANDLERS } from "./handlers/checkout";
import { CUSTOMER_HANDLERS } from "./handlers/customers";
import { INVOICE_HANDLERS } from "./handlers/invoices";
import { PAYMENT_INTENT_HANDLERS } from "./handlers/payment-intents";
import { SUBSCRIPTION_HANDLERS } from "./handlers/subscriptions";

export const STRIPE_HANDLERS: HandlerRegistry = {
  ...CHECKOUT_HANDLERS,
  ...SUBSCRIPTION_HANDLERS,
  ...INVOICE_HANDLERS,
  ...CHARGE_HANDLERS,
  ...CUSTOMER_HANDLERS,
  ...PAYMENT_INTENT_HANDLERS,
};

export const STRIPE_EVENT_TYPES = Object.keys(STRIPE_HANDLERS);
