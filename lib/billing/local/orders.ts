// The local provider's one-time order (no PayPal configured): created and at once approved, as if
// the buyer had approved it; capturing it completes it and records the payment and a paid invoice,
// exactly the events a PayPal capture produces.
import type { InvoiceState, OrderState, PaymentState, TenantBillingEvent } from "../events";

export interface LocalOrderInput {
  /** The order's id (deterministic from the tenant and the request's idempotency key). */
  id: string;
  amount: number;
  currency: string;
  description: string;
}

function orderState(input: LocalOrderInput, status: OrderState["status"], at: Date, createdAt: Date): OrderState {
  return {
    kind: "order",
    provider: "LOCAL",
    providerId: input.id,
    at,
    status,
    currency: input.currency,
    amount: input.amount,
    description: input.description,
    captureProviderId: null,
    approveUrl: null,
    createdAt,
  };
}

/** CREATED, then APPROVED at the same instant (the ledger keeps the later lifecycle state). */
export function localOrderCreated(input: LocalOrderInput, now: Date): OrderState[] {
  return [orderState(input, "CREATED", now, now), orderState(input, "APPROVED", now, now)];
}

/** The capture of an approved local order: the order completed, a payment and a paid invoice. */
export function localOrderCaptured(input: LocalOrderInput, createdAt: Date, now: Date): TenantBillingEvent[] {
  const captureId = `${input.id}_capture`;
  const order: OrderState = { ...orderState(input, "COMPLETED", now, createdAt), captureProviderId: captureId };
  const payment: PaymentState = {
    kind: "payment",
    provider: "LOCAL",
    providerId: captureId,
    at: now,
    status: "SUCCEEDED",
    currency: input.currency,
    amount: input.amount,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: captureId,
    orderProviderId: input.id,
    description: input.description,
    failureMessage: null,
    paidAt: now,
    createdAt: now,
  };
  const invoice: InvoiceState = {
    kind: "invoice",
    provider: "LOCAL",
    providerId: captureId,
    at: now,
    number: captureId,
    status: "PAID",
    currency: input.currency,
    subtotal: input.amount,
    tax: 0,
    total: input.amount,
    amountPaid: input.amount,
    amountDue: 0,
    lines: [{ description: input.description, quantity: 1, unitAmount: input.amount, amount: input.amount }],
    subscriptionProviderId: null,
    periodStart: null,
    periodEnd: null,
    dueAt: null,
    paidAt: now,
    hostedUrl: null,
    pdfUrl: null,
    createdAt: now,
  };
  return [order, payment, invoice];
}
