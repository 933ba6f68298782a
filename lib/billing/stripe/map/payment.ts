// Stripe charges, payment intents, refunds and disputes → payment-side domain events. A payment
// row is keyed by the charge id whenever one exists, so a refund or dispute (which reference the
// charge) lands on the same row as the payment intent that produced it.
import type Stripe from "stripe";

import type { PaymentStatus } from "../../../db/generated/enums";
import type { DisputeState, PaymentState, RefundRecord } from "../../events";
import { fromUnix, idOf, legacyInvoiceId } from "./common";

const CHARGE_STATUS: Record<string, PaymentStatus> = { succeeded: "SUCCEEDED", failed: "FAILED", pending: "PENDING" };

export function chargePaymentOf(charge: Stripe.Charge, at: Date): PaymentState {
  const status = CHARGE_STATUS[charge.status] ?? "PENDING";
  return {
    kind: "payment",
    provider: "STRIPE",
    providerId: charge.id,
    at,
    status,
    currency: charge.currency.toLowerCase(),
    amount: charge.amount,
    amountRefunded: charge.amount_refunded ?? null,
    disputed: charge.disputed ?? null,
    invoiceProviderId: legacyInvoiceId(charge),
    orderProviderId: null,
    description: charge.description ?? null,
    failureMessage: charge.failure_message ?? null,
    paidAt: status === "SUCCEEDED" ? fromUnix(charge.created) : null,
    createdAt: fromUnix(charge.created),
  };
}

export function refundRecordOf(refund: Stripe.Refund, chargeId: string): RefundRecord {
  return {
    kind: "refund",
    provider: "STRIPE",
    providerId: refund.id,
    at: fromUnix(refund.created),
    paymentProviderId: chargeId,
    currency: refund.currency.toLowerCase(),
    amount: refund.amount,
    reason: refund.reason ?? null,
    status: refund.status ?? "succeeded",
  };
}

export function disputeStateOf(dispute: Stripe.Dispute, at: Date): DisputeState | null {
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return null;
  return {
    kind: "dispute",
    provider: "STRIPE",
    providerId: dispute.id,
    at,
    paymentProviderId: chargeId,
    currency: dispute.currency.toLowerCase(),
    amount: dispute.amount,
    reason: dispute.reason ?? null,
    status: dispute.status,
    createdAt: fromUnix(dispute.created),
  };
}

/** The ledger id of a payment intent's payment: its latest charge when it has one. */
export function paymentIntentProviderId(intent: Stripe.PaymentIntent): string {
  return idOf(intent.latest_charge) ?? intent.id;
}

export function paymentIntentPaymentOf(
  intent: Stripe.PaymentIntent,
  status: "SUCCEEDED" | "FAILED",
  at: Date,
): PaymentState {
  const succeeded = status === "SUCCEEDED";
  return {
    kind: "payment",
    provider: "STRIPE",
    providerId: paymentIntentProviderId(intent),
    at,
    status,
    currency: intent.currency.toLowerCase(),
    amount: succeeded && intent.amount_received > 0 ? intent.amount_received : intent.amount,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: legacyInvoiceId(intent),
    orderProviderId: null,
    description: intent.description ?? null,
    failureMessage: succeeded ? null : (intent.last_payment_error?.message ?? "The payment failed."),
    paidAt: succeeded ? at : null,
    // A failed attempt counts from when it failed (dunning starts there), a payment from its intent.
    createdAt: succeeded ? fromUnix(intent.created) : at,
  };
}
