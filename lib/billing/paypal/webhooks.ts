// PayPal's allow-list: event type → handler (one file per event family in ./handlers).
import type { EventHandler, HandlerRegistry } from "../webhooks/types";
import { captureChanged, captureRefunded, captureReversed } from "./handlers/captures";
import { disputeChanged } from "./handlers/disputes";
import { orderApproved } from "./handlers/orders";
import { PAYOUT_ITEM_STATUSES, payoutItemChanged } from "./handlers/payouts";
import { saleCompleted, saleRefunded, saleReversed } from "./handlers/sales";
import { subscriptionChanged, subscriptionPaymentFailed } from "./handlers/subscriptions";

const payoutHandlers: Record<string, EventHandler> = Object.fromEntries(
  Object.entries(PAYOUT_ITEM_STATUSES).map(([suffix, status]) => [
    `PAYMENT.PAYOUTS-ITEM.${suffix}`,
    payoutItemChanged(status),
  ]),
);

export const PAYPAL_HANDLERS: HandlerRegistry = {
  "CHECKOUT.ORDER.APPROVED": orderApproved,
  "PAYMENT.CAPTURE.COMPLETED": captureChanged,
  "PAYMENT.CAPTURE.DENIED": captureChanged,
  "PAYMENT.CAPTURE.REFUNDED": captureRefunded,
  "PAYMENT.CAPTURE.REVERSED": captureReversed,
  "CUSTOMER.DISPUTE.CREATED": disputeChanged,
  "CUSTOMER.DISPUTE.UPDATED": disputeChanged,
  "CUSTOMER.DISPUTE.RESOLVED": disputeChanged,
  "BILLING.SUBSCRIPTION.CREATED": subscriptionChanged,
  "BILLING.SUBSCRIPTION.ACTIVATED": subscriptionChanged,
  "BILLING.SUBSCRIPTION.UPDATED": subscriptionChanged,
  "BILLING.SUBSCRIPTION.SUSPENDED": subscriptionChanged,
  "BILLING.SUBSCRIPTION.CANCELLED": subscriptionChanged,
  "BILLING.SUBSCRIPTION.EXPIRED": subscriptionChanged,
  "BILLING.SUBSCRIPTION.PAYMENT.FAILED": subscriptionPaymentFailed,
  "PAYMENT.SALE.COMPLETED": saleCompleted,
  "PAYMENT.SALE.REFUNDED": saleRefunded,
  "PAYMENT.SALE.REVERSED": saleReversed,
  ...payoutHandlers,
};
