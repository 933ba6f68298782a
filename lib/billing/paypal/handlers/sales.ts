// PAYMENT.SALE.COMPLETED: a subscription's payment (billing_agreement_id is the subscription):
// a payment, a paid invoice for the period it pays, and the subscription re-read from PayPal (its
// period moved on). PAYMENT.SALE.REFUNDED | REVERSED: money returned on a sale, as a refund.
import type { BillingInterval } from "../../../db/generated/enums";
import { tierLabel } from "../../../tenancy/tiers";
import { AppError } from "@/lib/errors";
import type { InvoiceState, PaymentState, RefundRecord, SubscriptionState, TenantBillingEvent } from "../../events";
import { addInterval } from "@/lib/calendar";
import type { EventHandler, TenantLookup } from "../../webhooks/types";
import { toMinorUnits } from "../amounts";
import { linkedId, paypalSale, paypalTime, type PaypalSale } from "../resources";
import { fetchPaypalSubscription, subscriptionTime, toSubscriptionState } from "../subscriptions";
import { resourceOf, stateTime } from "./shared";

/**
 * The end of the interval a subscription sale pays: one billing interval after the sale, on the
 * same calendar as local renewals (the day clamped to the month's length: Jan 31 → Feb 28).
 */
export function salePeriodEnd(paidAt: Date, interval: BillingInterval): Date {
  return addInterval(paidAt, interval, 1);
}

async function subscriptionNow(id: string | null | undefined, at: Date): Promise<SubscriptionState | null> {
  if (!id) return null;
  try {
    const sub = await fetchPaypalSubscription(id);
    return await toSubscriptionState(sub, subscriptionTime(sub, at));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

function money(sale: PaypalSale): { currency: string; total: number; tax: number } {
  const currency = sale.amount.currency.toLowerCase();
  const total = Math.abs(toMinorUnits(sale.amount.total, currency));
  const tax = sale.amount.details?.tax ? Math.abs(toMinorUnits(sale.amount.details.tax, currency)) : 0;
  return { currency, total, tax };
}

export const saleCompleted: EventHandler = async (event, lookup) => {
  const sale = resourceOf(paypalSale, event);
  const subscriptionId = sale.billing_agreement_id ?? null;
  const tenantId =
    (await lookup.tenantById(sale.custom)) ?? (await lookup.tenantByObject("subscription", "PAYPAL", subscriptionId));
  const at = stateTime(sale, event);
  const created = paypalTime(sale.create_time) ?? at;
  const { currency, total, tax } = money(sale);
  const subscription = await subscriptionNow(subscriptionId, at);
  const completed = sale.state === "completed";
  const label = subscription
    ? `Tessera ${tierLabel(subscription.tier)} (${subscription.interval === "YEAR" ? "yearly" : "monthly"})`
    : "PayPal subscription payment";
  const payment: PaymentState = {
    kind: "payment",
    provider: "PAYPAL",
    providerId: sale.id,
    at,
    // Only a completed sale is money; anything else waits (a pending sale is not a failed renewal).
    status: completed ? "SUCCEEDED" : "PENDING",
    currency,
    amount: total,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: completed ? sale.id : null,
    subscriptionProviderId: subscriptionId,
    orderProviderId: null,
    description: label,
    failureMessage: null,
    paidAt: completed ? created : null,
    createdAt: created,
  };
  const events: TenantBillingEvent[] = subscription ? [subscription, payment] : [payment];
  if (completed) {
    // The sale pays the interval that starts with it (stable even when the event is replayed later).
    const invoice: InvoiceState = {
      kind: "invoice",
      provider: "PAYPAL",
      providerId: sale.id,
      at,
      number: sale.id,
      status: "PAID",
      currency,
      subtotal: total - tax,
      tax,
      total,
      amountPaid: total,
      amountDue: 0,
      lines: [{ description: label, quantity: 1, unitAmount: total - tax, amount: total - tax }],
      subscriptionProviderId: subscriptionId,
      periodStart: subscription ? created : null,
      periodEnd: subscription ? salePeriodEnd(created, subscription.interval) : null,
      dueAt: null,
      paidAt: created,
      hostedUrl: null,
      pdfUrl: null,
      createdAt: created,
    };
    events.push(invoice);
  }
  return { tenantId, events };
};

async function refundTenant(sale: PaypalSale, paymentId: string, lookup: TenantLookup): Promise<string | null> {
  return (
    (await lookup.tenantByObject("payment", "PAYPAL", paymentId)) ??
    (await lookup.tenantById(sale.custom)) ??
    (await lookup.tenantByObject("subscription", "PAYPAL", sale.billing_agreement_id))
  );
}

function saleReturn(kind: "refunded" | "reversed"): EventHandler {
  return async (event, lookup) => {
    const resource = resourceOf(paypalSale, event);
    const saleId = resource.sale_id ?? linkedId(resource.links, "sale") ?? (kind === "reversed" ? resource.id : null);
    if (!saleId) throw new Error(`${event.type}: no sale named by ${resource.id}`);
    const { currency, total } = money(resource);
    const record: RefundRecord = {
      kind: "refund",
      provider: "PAYPAL",
      // A reversal delivered as the sale itself gets an id of its own.
      providerId: resource.id === saleId ? `${resource.id}:reversal` : resource.id,
      at: stateTime(resource, event),
      paymentProviderId: saleId,
      currency,
      amount: total,
      reason: kind === "reversed" ? (resource.reason_code ?? "reversed") : (resource.reason_code ?? null),
      status: kind === "reversed" ? "reversed" : (resource.state ?? "completed").toLowerCase(),
    };
    return { tenantId: await refundTenant(resource, saleId, lookup), events: [record] };
  };
}

export const saleRefunded = saleReturn("refunded");
export const saleReversed = saleReturn("reversed");
