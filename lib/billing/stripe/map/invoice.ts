// Stripe Invoice → InvoiceState (and the pieces the invoice handlers add: the failed attempt as a
// payment, the notices).
import type Stripe from "stripe";

import type { InvoiceStatus } from "../../../db/generated/enums";
import { METERS } from "../../catalog";
import type { BillingNotice, InvoiceLine, InvoiceState, PaymentState } from "../../events";
import { fromUnix, fromUnixOrNull, idOf } from "./common";

const STATUS: Record<string, InvoiceStatus> = {
  draft: "DRAFT",
  open: "OPEN",
  paid: "PAID",
  uncollectible: "UNCOLLECTIBLE",
  void: "VOID",
};

/** The meter a line bills, when its price is one of the metered prices billing:sync creates. */
function meterOf(line: Stripe.InvoiceLineItem): string | null {
  const product = line.pricing?.price_details?.product;
  const meter = typeof product === "string" ? /^tessera_meter_(.+)$/.exec(product)?.[1] : undefined;
  return meter && meter in METERS ? meter : null;
}

function lineOf(line: Stripe.InvoiceLineItem): InvoiceLine {
  const quantity = line.quantity ?? 1;
  const meter = meterOf(line);
  return {
    description: line.description ?? "",
    quantity,
    unitAmount: quantity > 0 ? Math.round(line.amount / quantity) : line.amount,
    amount: line.amount,
    ...(meter ? { meter } : {}),
  };
}

/** The subscription an invoice bills, if any. */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  return idOf(invoice.parent?.subscription_details?.subscription);
}

/** The service period: the subscription line's (the invoice's own period is the previous one for renewals). */
function periodOf(invoice: Stripe.Invoice): { start: Date | null; end: Date | null } {
  const line = invoice.lines?.data?.find((l) => l.parent?.subscription_item_details && l.period);
  if (line) return { start: fromUnix(line.period.start), end: fromUnix(line.period.end) };
  return { start: fromUnixOrNull(invoice.period_start), end: fromUnixOrNull(invoice.period_end) };
}

/** The state of `invoice` at `at`; null for an invoice without an id (an upcoming-invoice preview). */
export function invoiceStateOf(invoice: Stripe.Invoice, at: Date): InvoiceState | null {
  if (!invoice.id) return null;
  const period = periodOf(invoice);
  const tax = (invoice.total_taxes ?? []).reduce((sum, t) => sum + t.amount, 0);
  return {
    kind: "invoice",
    provider: "STRIPE",
    providerId: invoice.id,
    at,
    number: invoice.number ?? null,
    status: STATUS[invoice.status ?? "draft"] ?? "DRAFT",
    currency: invoice.currency.toLowerCase(),
    subtotal: invoice.subtotal,
    tax,
    total: invoice.total,
    amountPaid: invoice.amount_paid,
    amountDue: invoice.amount_due,
    lines: (invoice.lines?.data ?? []).map(lineOf),
    subscriptionProviderId: invoiceSubscriptionId(invoice),
    periodStart: period.start,
    periodEnd: period.end,
    dueAt: fromUnixOrNull(invoice.due_date),
    paidAt: fromUnixOrNull(invoice.status_transitions?.paid_at),
    hostedUrl: invoice.hosted_invoice_url ?? null,
    pdfUrl: invoice.invoice_pdf ?? null,
    createdAt: fromUnix(invoice.created),
  };
}

/** A failed collection attempt, one payment row per attempt (dunning is derived from these). */
export function failedAttemptOf(invoice: Stripe.Invoice & { id: string }, at: Date): PaymentState {
  return {
    kind: "payment",
    provider: "STRIPE",
    providerId: `${invoice.id}:attempt:${invoice.attempt_count}`,
    at,
    status: "FAILED",
    currency: invoice.currency.toLowerCase(),
    amount: invoice.amount_due,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: invoice.id,
    orderProviderId: null,
    description: `Invoice ${invoice.number ?? invoice.id}`,
    failureMessage: invoice.last_finalization_error?.message ?? null,
    paidAt: null,
    createdAt: at,
  };
}

export function invoiceNoticeOf(
  notice: BillingNotice["notice"],
  invoice: Stripe.Invoice,
  at: Date,
  providerId: string,
): BillingNotice {
  return {
    kind: "notice",
    notice,
    provider: "STRIPE",
    at,
    providerId,
    amount: invoice.amount_due,
    currency: invoice.currency.toLowerCase(),
    dueAt: fromUnixOrNull(invoice.next_payment_attempt) ?? fromUnixOrNull(invoice.due_date),
    hostedUrl: invoice.hosted_invoice_url ?? null,
  };
}
