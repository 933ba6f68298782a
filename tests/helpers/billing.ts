// Builders for billing domain events and local-provider deliveries, shared by billing tests.
import type { IncomingEvent } from "@/lib/billing/webhooks/types";
import type { BillingEvent, InvoiceState, PaymentState, SubscriptionState } from "@/lib/billing/events";

export const at = (iso: string) => new Date(iso);

export function subscriptionState(overrides: Partial<SubscriptionState> = {}): SubscriptionState {
  return {
    kind: "subscription",
    provider: "LOCAL",
    providerId: "sub_1",
    at: at("2026-01-01T00:00:00Z"),
    tier: "STARTER",
    interval: "MONTH",
    status: "ACTIVE",
    currency: "usd",
    unitAmount: 2_900,
    currentPeriodStart: at("2026-01-01T00:00:00Z"),
    currentPeriodEnd: at("2026-02-01T00:00:00Z"),
    trialEnd: null,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    createdAt: at("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

export function invoiceState(overrides: Partial<InvoiceState> = {}): InvoiceState {
  return {
    kind: "invoice",
    provider: "LOCAL",
    providerId: "in_1",
    at: at("2026-01-01T00:00:00Z"),
    number: "T-0001",
    status: "PAID",
    currency: "usd",
    subtotal: 2_900,
    tax: 0,
    total: 2_900,
    amountPaid: 2_900,
    amountDue: 0,
    lines: [{ description: "Starter (monthly)", quantity: 1, unitAmount: 2_900, amount: 2_900 }],
    subscriptionProviderId: "sub_1",
    periodStart: at("2026-01-01T00:00:00Z"),
    periodEnd: at("2026-02-01T00:00:00Z"),
    dueAt: null,
    paidAt: at("2026-01-01T00:00:00Z"),
    hostedUrl: null,
    pdfUrl: null,
    createdAt: at("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

export function paymentState(overrides: Partial<PaymentState> = {}): PaymentState {
  return {
    kind: "payment",
    provider: "LOCAL",
    providerId: "pay_1",
    at: at("2026-01-01T00:00:00Z"),
    status: "SUCCEEDED",
    currency: "usd",
    amount: 2_900,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: "in_1",
    orderProviderId: null,
    description: null,
    failureMessage: null,
    paidAt: at("2026-01-01T00:00:00Z"),
    createdAt: at("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

let sequence = 0;

/** A local-provider delivery carrying `events` for `tenantId`. */
export function localDelivery(tenantId: string, events: BillingEvent[], eventId?: string): IncomingEvent {
  sequence += 1;
  return {
    provider: "LOCAL",
    eventId: eventId ?? `evt_test_${process.pid}_${sequence}`,
    type: "subscription.updated",
    createdAt: events[0]?.at ?? new Date(),
    payload: JSON.parse(JSON.stringify({ tenantId, events })),
  };
}
