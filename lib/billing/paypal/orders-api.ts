// PayPal's Orders API (v2 checkout orders, intent CAPTURE) and the mapping of orders and captures
// to ledger events, shared by lib/billing/orders.ts and the CHECKOUT.ORDER / PAYMENT.CAPTURE
// webhook handlers. A completed capture is money received: a payment plus a paid invoice whose
// provider id is the capture id (Tessera renders its PDF).
import "server-only";

import { CheckoutPaymentIntent, PaypalWalletContextShippingPreference } from "@paypal/paypal-server-sdk";

import type { OrderStatus } from "../../db/generated/enums";
import type { InvoiceState, OrderState, PaymentState, TenantBillingEvent } from "../events";
import { fromPaypalMoney, toPaypalMoney } from "./amounts";
import { paypalSdk, sdkJson } from "./client";
import {
  linkHref,
  linkedId,
  paypalOrder,
  paypalTime,
  type PaypalCapture,
  type PaypalMoney,
  type PaypalOrder,
} from "./resources";

export interface NewPaypalOrder {
  tenantId: string;
  /** Tessera's reference for the order (purchase unit reference_id). */
  reference: string;
  amount: number;
  currency: string;
  description: string;
  returnUrl: string;
  cancelUrl: string;
  requestId: string;
}

export async function createPaypalOrder(input: NewPaypalOrder): Promise<PaypalOrder> {
  const money = toPaypalMoney(input.amount, input.currency);
  const json = await sdkJson(() =>
    paypalSdk().orders.createOrder({
      paypalRequestId: input.requestId,
      prefer: "return=representation",
      body: {
        intent: CheckoutPaymentIntent.Capture,
        purchaseUnits: [
          {
            referenceId: input.reference,
            customId: input.tenantId,
            description: input.description,
            amount: { currencyCode: money.currency_code, value: money.value },
          },
        ],
        paymentSource: {
          paypal: {
            experienceContext: {
              brandName: "Tessera",
              shippingPreference: PaypalWalletContextShippingPreference.NoShipping,
              returnUrl: input.returnUrl,
              cancelUrl: input.cancelUrl,
            },
          },
        },
      },
    }),
  );
  return paypalOrder.parse(json);
}

export async function fetchPaypalOrder(id: string): Promise<PaypalOrder> {
  return paypalOrder.parse(await sdkJson(() => paypalSdk().orders.getOrder({ id })));
}

export async function capturePaypalOrder(id: string, requestId: string): Promise<PaypalOrder> {
  const json = await sdkJson(() =>
    paypalSdk().orders.captureOrder({ id, paypalRequestId: requestId, prefer: "return=representation" }),
  );
  return paypalOrder.parse(json);
}

function captureOrderStatus(status: string): OrderStatus {
  if (status === "COMPLETED") return "COMPLETED";
  if (status === "DECLINED" || status === "FAILED") return "DENIED";
  // PENDING: the money is not there yet; the order stays approved until PayPal decides.
  return "APPROVED";
}

function orderStatus(order: PaypalOrder, capture: PaypalCapture | null): OrderStatus {
  if (capture) return captureOrderStatus(capture.status);
  switch (order.status) {
    case "APPROVED":
      return "APPROVED";
    case "COMPLETED":
      return "COMPLETED";
    case "VOIDED":
      return "VOIDED";
    default:
      // CREATED, SAVED, PAYER_ACTION_REQUIRED
      return "CREATED";
  }
}

/** The order (and its capture, when there is one) as ledger events. */
export function orderEvents(order: PaypalOrder, fallbackAt: Date): TenantBillingEvent[] {
  const unit = order.purchase_units?.[0];
  const capture = unit?.payments?.captures?.[0] ?? null;
  const money: PaypalMoney | null = unit?.amount ?? capture?.amount ?? null;
  if (!money) return [];
  const { amount, currency } = fromPaypalMoney(money);
  const at = paypalTime(order.update_time) ?? paypalTime(order.create_time) ?? fallbackAt;
  const state: OrderState = {
    kind: "order",
    provider: "PAYPAL",
    providerId: order.id,
    at,
    status: orderStatus(order, capture),
    currency,
    amount,
    description: unit?.description ?? null,
    captureProviderId: capture?.id ?? null,
    approveUrl: linkHref(order.links, "approve", "payer-action"),
    createdAt: paypalTime(order.create_time) ?? at,
  };
  if (!capture) return [state];
  return [state, ...captureMoneyEvents(capture, order.id, unit?.description ?? null, at)];
}

/** The order a capture belongs to: its related ids, else its "up" link. */
export function captureOrderId(capture: PaypalCapture): string | null {
  return capture.supplementary_data?.related_ids?.order_id ?? linkedId(capture.links, "up");
}

/** A capture delivered on its own (PAYMENT.CAPTURE.*): the order's new state and the money. */
export function captureEvents(
  capture: PaypalCapture,
  orderId: string,
  description: string | null,
  at: Date,
): TenantBillingEvent[] {
  const { amount, currency } = fromPaypalMoney(capture.amount);
  const order: OrderState = {
    kind: "order",
    provider: "PAYPAL",
    providerId: orderId,
    at,
    status: captureOrderStatus(capture.status),
    currency,
    amount,
    description,
    captureProviderId: capture.id,
    approveUrl: null,
    createdAt: paypalTime(capture.create_time) ?? at,
  };
  return [order, ...captureMoneyEvents(capture, orderId, description, at)];
}

/**
 * Only a completed capture is recorded as money: a pending or declined one-off capture is the
 * order's state, not a failed renewal (the ledger derives dunning from failed payments).
 */
function captureMoneyEvents(
  capture: PaypalCapture,
  orderId: string,
  description: string | null,
  at: Date,
): TenantBillingEvent[] {
  if (capture.status !== "COMPLETED") return [];
  const { amount, currency } = fromPaypalMoney(capture.amount);
  const created = paypalTime(capture.create_time) ?? at;
  const paidAt = paypalTime(capture.update_time) ?? created;
  const label = description ?? "PayPal payment";
  const payment: PaymentState = {
    kind: "payment",
    provider: "PAYPAL",
    providerId: capture.id,
    at,
    status: "SUCCEEDED",
    currency,
    amount,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: capture.id,
    orderProviderId: orderId,
    description: label,
    failureMessage: null,
    paidAt,
    createdAt: created,
  };
  const invoice: InvoiceState = {
    kind: "invoice",
    provider: "PAYPAL",
    providerId: capture.id,
    at,
    number: capture.id,
    status: "PAID",
    currency,
    subtotal: amount,
    tax: 0,
    total: amount,
    amountPaid: amount,
    amountDue: 0,
    lines: [{ description: label, quantity: 1, unitAmount: amount, amount }],
    subscriptionProviderId: null,
    periodStart: null,
    periodEnd: null,
    dueAt: null,
    paidAt,
    hostedUrl: null,
    pdfUrl: null,
    createdAt: created,
  };
  return [payment, invoice];
}
