// PAYMENT.CAPTURE.COMPLETED | DENIED: the money of a one-time order arrived (a payment and a paid
// invoice) or was declined (the order is denied). PAYMENT.CAPTURE.REFUNDED's resource is the
// refund: its "up" link names the capture, which names the payment it reduces.
// PAYMENT.CAPTURE.REVERSED (PayPal took the money back, e.g. a chargeback) arrives the same way and
// is recorded as a refund with status "reversed".
import "server-only";

import { getDb } from "../../../db/client";
import type { RefundRecord } from "../../events";
import type { EventHandler } from "../../webhooks/types";
import { fromPaypalMoney } from "../amounts";
import { captureEvents, captureOrderId } from "../orders-api";
import { linkedId, paypalCapture, paypalRefund } from "../resources";
import { resourceOf, stateTime } from "./shared";

/** The order's description as the ledger holds it (the capture does not repeat it). */
async function orderDescription(orderId: string): Promise<string | null> {
  const db = await getDb();
  const row = await db.order.findUnique({
    where: { provider_providerId: { provider: "PAYPAL", providerId: orderId } },
    select: { description: true },
  });
  return row?.description ?? null;
}

export const captureChanged: EventHandler = async (event, lookup) => {
  const capture = resourceOf(paypalCapture, event);
  const orderId = captureOrderId(capture);
  if (!orderId) throw new Error(`capture ${capture.id} names no order`);
  const tenantId =
    (await lookup.tenantById(capture.custom_id)) ?? (await lookup.tenantByObject("order", "PAYPAL", orderId));
  const events = captureEvents(capture, orderId, await orderDescription(orderId), stateTime(capture, event));
  return { tenantId, events };
};

function captureReturn(kind: "refunded" | "reversed"): EventHandler {
  return async (event, lookup) => {
    const refund = resourceOf(paypalRefund, event);
    const captureId = linkedId(refund.links, "up");
    if (!captureId) throw new Error(`${kind === "reversed" ? "reversal" : "refund"} ${refund.id} names no capture`);
    const tenantId =
      (await lookup.tenantById(refund.custom_id)) ?? (await lookup.tenantByObject("payment", "PAYPAL", captureId));
    const { amount, currency } = fromPaypalMoney(refund.amount);
    const record: RefundRecord = {
      kind: "refund",
      provider: "PAYPAL",
      providerId: refund.id,
      at: stateTime(refund, event),
      paymentProviderId: captureId,
      currency,
      amount: Math.abs(amount),
      reason: kind === "reversed" ? "reversed" : (refund.note_to_payer ?? null),
      status: kind === "reversed" ? "reversed" : (refund.status ?? "COMPLETED").toLowerCase(),
    };
    return { tenantId, events: [record] };
  };
}

export const captureRefunded = captureReturn("refunded");
export const captureReversed = captureReturn("reversed");
