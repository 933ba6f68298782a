// PAYMENT.PAYOUTS-ITEM.*: an item of an operator's payout batch changed status. Platform-level:
// the item is found by PayPal's item id or by our sender_item_id (lib/billing/payout-ledger.ts).
import type { PayoutStatus } from "../../../db/generated/enums";
import type { PayoutItemState } from "../../events";
import type { EventHandler } from "../../webhooks/types";
import { paypalPayoutItem, paypalTime } from "../resources";
import { resourceOf } from "./shared";

/** The event type's last word → the item's status. */
export const PAYOUT_ITEM_STATUSES = {
  BLOCKED: "BLOCKED",
  CANCELED: "CANCELED",
  DENIED: "DENIED",
  FAILED: "FAILED",
  HELD: "ONHOLD",
  REFUNDED: "REFUNDED",
  RETURNED: "RETURNED",
  SUCCEEDED: "SUCCESS",
  UNCLAIMED: "UNCLAIMED",
} as const satisfies Record<string, PayoutStatus>;

export function payoutItemChanged(status: PayoutStatus): EventHandler {
  return async (event) => {
    const item = resourceOf(paypalPayoutItem, event);
    const state: PayoutItemState = {
      kind: "payout_item",
      provider: "PAYPAL",
      providerItemId: item.payout_item_id,
      senderItemId: item.payout_item?.sender_item_id ?? null,
      providerBatchId: item.payout_batch_id ?? null,
      status,
      at:
        paypalTime(item.update_time) ??
        paypalTime(item.time_processed) ??
        paypalTime(item.create_time) ??
        event.createdAt,
    };
    return { tenantId: null, events: [state] };
  };
}
