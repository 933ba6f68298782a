// customer.updated: billing email, name, address and the default payment method's card summary
// (re-read from Stripe; left alone when no default is set). customer.deleted unlinks the customer.
import type Stripe from "stripe";

import type { PaymentMethodSummary } from "../../events";
import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { stripe } from "../client";
import { eventObject } from "../map/common";
import { customerStateOf, deletedCustomerStateOf, paymentMethodSummaryOf } from "../map/customer";
import { resolveTenant } from "./tenant";

async function defaultPaymentMethod(customer: Stripe.Customer): Promise<PaymentMethodSummary | undefined> {
  const method = customer.invoice_settings?.default_payment_method;
  if (!method) return undefined;
  const resolved = typeof method === "string" ? await stripe().paymentMethods.retrieve(method) : method;
  return paymentMethodSummaryOf(resolved);
}

function customerTenant(lookup: Parameters<EventHandler>[1], customer: Stripe.Customer) {
  return resolveTenant(lookup, { tenantIds: [customer.metadata?.tenant_id], customer: customer.id });
}

const customerUpdated: EventHandler = async (event, lookup) => {
  const customer = eventObject<Stripe.Customer>(event);
  const tenantId = await customerTenant(lookup, customer);
  const paymentMethod = await defaultPaymentMethod(customer);
  return { tenantId, events: [customerStateOf(customer, event.createdAt, paymentMethod)] };
};

const customerDeleted: EventHandler = async (event, lookup) => {
  const customer = eventObject<Stripe.Customer>(event);
  const tenantId = await customerTenant(lookup, customer);
  return { tenantId, events: [deletedCustomerStateOf(customer.id, event.createdAt)] };
};

export const CUSTOMER_HANDLERS: HandlerRegistry = {
  "customer.updated": customerUpdated,
  "customer.deleted": customerDeleted,
};
