// CUSTOMER.DISPUTE.CREATED | UPDATED | RESOLVED: a buyer disputes a capture or a sale. The dispute
// is recorded against the payment it names (seller_transaction_id: the capture's or sale's id) and
// marks it disputed; a resolution becomes "won" or "lost" from its outcome (the ledger's closed
// states win a same-instant tie, like Stripe's).
import type { DisputeState } from "../../events";
import type { EventHandler } from "../../webhooks/types";
import { fromPaypalMoney } from "../amounts";
import { paypalDispute, paypalTime, type PaypalDispute } from "../resources";
import { resourceOf, stateTime } from "./shared";
import { first } from "@/lib/indexed";

/** PayPal's status in the ledger's words: a resolution by its outcome, otherwise the status itself. */
function statusOf(dispute: PaypalDispute): string {
  if (dispute.status !== "RESOLVED") return dispute.status.toLowerCase();
  const outcome = dispute.dispute_outcome?.outcome_code ?? "";
  if (/SELLER_FAVOUR|DENIED/.test(outcome)) return "won";
  if (/BUYER_FAVOUR|REFUND/.test(outcome)) return "lost";
  return "resolved";
}

export const disputeChanged: EventHandler = async (event, lookup) => {
  const dispute = resourceOf(paypalDispute, event);
  const transaction = first(dispute.disputed_transactions, "disputed transaction");
  const paymentId = transaction.seller_transaction_id;
  if (!paymentId) throw new Error(`dispute ${dispute.dispute_id} names no transaction of ours`);
  const tenantId =
    (await lookup.tenantByObject("payment", "PAYPAL", paymentId)) ?? (await lookup.tenantById(transaction.custom));
  const money = dispute.dispute_amount ? fromPaypalMoney(dispute.dispute_amount) : null;
  const at = stateTime(dispute, event);
  const state: DisputeState = {
    kind: "dispute",
    provider: "PAYPAL",
    providerId: dispute.dispute_id,
    at,
    paymentProviderId: paymentId,
    currency: money?.currency ?? "usd",
    amount: Math.abs(money?.amount ?? 0),
    reason: dispute.reason?.toLowerCase() ?? null,
    status: statusOf(dispute),
    createdAt: paypalTime(dispute.create_time) ?? at,
  };
  return { tenantId, events: [state] };
};
