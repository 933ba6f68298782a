// Stripe Customer (and its default PaymentMethod) → CustomerState.
import type Stripe from "stripe";

import type { CustomerState, PaymentMethodSummary } from "../../events";
import { addressOf } from "./common";

export function paymentMethodSummaryOf(method: Stripe.PaymentMethod): PaymentMethodSummary {
  if (method.card) {
    return {
      brand: method.card.brand,
      last4: method.card.last4 ?? null,
      expMonth: method.card.exp_month ?? null,
      expYear: method.card.exp_year ?? null,
    };
  }
  const bank = method.sepa_debit ?? method.us_bank_account ?? null;
  return { brand: method.type, last4: bank?.last4 ?? null, expMonth: null, expYear: null };
}

/** `paymentMethod` undefined leaves the stored one alone (the customer has no default set). */
export function customerStateOf(
  customer: Stripe.Customer,
  at: Date,
  paymentMethod?: PaymentMethodSummary | null,
): CustomerState {
  return {
    kind: "customer",
    provider: "STRIPE",
    providerId: customer.id,
    at,
    deleted: false,
    email: customer.email ?? null,
    name: customer.name ?? null,
    address: addressOf(customer.address),
    ...(paymentMethod !== undefined ? { paymentMethod } : {}),
  };
}

export function deletedCustomerStateOf(customerId: string, at: Date): CustomerState {
  return {
    kind: "customer",
    provider: "STRIPE",
    providerId: customerId,
    at,
    deleted: true,
    email: null,
    name: null,
    address: null,
  };
}
