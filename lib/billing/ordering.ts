// Which of two states of a provider object is newer. The provider's clock decides; when two states
// carry the same instant (Stripe timestamps are whole seconds) the one further along its
// lifecycle wins, so the outcome never depends on the order webhooks arrived in.
import type {
  InvoiceStatus,
  OrderStatus,
  PaymentStatus,
  PayoutStatus,
  SubscriptionStatus,
} from "../db/generated/enums";

const SUBSCRIPTION_RANK: Record<SubscriptionStatus, number> = {
  INCOMPLETE: 0,
  TRIALING: 1,
  ACTIVE: 2,
  PAST_DUE: 3,
  PAUSED: 4,
  CANCELED: 5,
  EXPIRED: 6,
};

const INVOICE_RANK: Record<InvoiceStatus, number> = { DRAFT: 0, OPEN: 1, UNCOLLECTIBLE: 2, PAID: 3, VOID: 4 };
const PAYMENT_RANK: Record<PaymentStatus, number> = { PENDING: 0, FAILED: 1, SUCCEEDED: 2 };
const ORDER_RANK: Record<OrderStatus, number> = { CREATED: 0, APPROVED: 1, DENIED: 2, VOIDED: 3, COMPLETED: 4 };
const PAYOUT_RANK: Record<PayoutStatus, number> = {
  PENDING: 0,
  PROCESSING: 1,
  ONHOLD: 2,
  UNCLAIMED: 3,
  BLOCKED: 4,
  DENIED: 5,
  FAILED: 6,
  SUCCESS: 7,
  RETURNED: 8,
  REFUNDED: 9,
  REVERSED: 10,
  CANCELED: 11,
};

export const STATUS_RANK = {
  subscription: SUBSCRIPTION_RANK,
  invoice: INVOICE_RANK,
  payment: PAYMENT_RANK,
  order: ORDER_RANK,
  payout: PAYOUT_RANK,
} as const;

export interface Stamp {
  at: Date;
  rank: number;
  /** Last resort for equal (at, rank): a fingerprint of the state, compared as a string. */
  tiebreak: string;
}

/** True when `next` comes strictly after `stored`. A missing stored state is older than anything. */
export function isNewer(next: Stamp, stored: Stamp | null): boolean {
  if (!stored) return true;
  const difference = next.at.getTime() - stored.at.getTime();
  if (difference !== 0) return difference > 0;
  if (next.rank !== stored.rank) return next.rank > stored.rank;
  return next.tiebreak > stored.tiebreak;
}

/** A stamp from a time and a status rank alone (rows with no finer fingerprint). */
export function plainStamp(at: Date, rank: number): Stamp {
  return { at, rank, tiebreak: "" };
}

/** Whether an incoming state (`at`, `status`) is newer than a stored row ranked by the same status table. */
export function isNewerStatus<S extends string>(
  ranks: Record<S, number>,
  next: { at: Date; status: S },
  stored: { providerUpdatedAt: Date; status: S },
): boolean {
  return isNewer(plainStamp(next.at, ranks[next.status]), plainStamp(stored.providerUpdatedAt, ranks[stored.status]));
}
