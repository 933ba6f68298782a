// charge.refunded: the charge as a payment (with its cumulative refunded amount) plus one record
// per refund; charge.dispute.created | updated | closed: the dispute's state (needs_response,
// under_review, won, lost…), which marks the payment disputed. Refunds not embedded in the
// payload, and the customer of a dispute's unknown charge, are re-read from Stripe.
import type Stripe from "stripe";

import type { BillingEvent } from "../../events";
import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { stripe } from "../client";
import { eventObject, idOf } from "../map/common";
import { chargePaymentOf, disputeStateOf, refundRecordOf } from "../map/payment";
import { resolveTenant } from "./tenant";

async function refundsOf(charge: Stripe.Charge): Promise<Stripe.Refund[]> {
  const embedded = charge.refunds;
  if (embedded && Array.isArray(embedded.data) && !embedded.has_more) return embedded.data;
  const refunds: Stripe.Refund[] = [];
  for await (const refund of stripe().refunds.list({ charge: charge.id, limit: 100 })) refunds.push(refund);
  return refunds;
}

const chargeRefunded: EventHandler = async (event, lookup) => {
  const charge = eventObject<Stripe.Charge>(event);
  const tenantId = await resolveTenant(lookup, {
    tenantIds: [charge.metadata?.tenant_id],
    customer: charge.customer,
    ledger: [
      { model: "payment", providerId: charge.id },
      { model: "payment", providerId: idOf(charge.payment_intent) },
    ],
  });
  const refunds = await refundsOf(charge);
  const events: BillingEvent[] = [
    chargePaymentOf(charge, event.createdAt),
    ...refunds.map((refund) => refundRecordOf(refund, charge.id)),
  ];
  return { tenantId, events };
};

const disputeChanged: EventHandler = async (event, lookup) => {
  const dispute = eventObject<Stripe.Dispute>(event);
  const chargeId = idOf(dispute.charge);
  const known = await resolveTenant(lookup, {
    tenantIds: [dispute.metadata?.tenant_id],
    ledger: [
      { model: "payment", providerId: chargeId },
      { model: "payment", providerId: idOf(dispute.payment_intent) },
    ],
  });
  let tenantId = known;
  if (!tenantId && chargeId) {
    // The payment is not in the ledger yet: ask Stripe whose charge it is.
    const charge = typeof dispute.charge === "object" ? dispute.charge : await stripe().charges.retrieve(chargeId);
    tenantId = await resolveTenant(lookup, { tenantIds: [charge.metadata?.tenant_id], customer: charge.customer });
  }
  const state = disputeStateOf(dispute, event.createdAt);
  return { tenantId, events: state ? [state] : [] };
};

export const CHARGE_HANDLERS: HandlerRegistry = {
  "charge.refunded": chargeRefunded,
  "charge.dispute.created": disputeChanged,
  "charge.dispute.updated": disputeChanged,
  "charge.dispute.closed": disputeChanged,
};
