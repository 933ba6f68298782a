// A subscription as the ledger stores it, turned back into what the billing code acts with: the
// reference a provider operation takes (SubscriptionRef) and the row's state as a domain event
// again, with changes, at a time just newer than the stored one (the ledger keeps newer states only).
import type { Subscription } from "../db/generated/client";
import { isCurrency, isPaidTier } from "./catalog";
import type { SubscriptionState } from "./events";
import type { SubscriptionRef } from "./provider";

/** A state's time: now, but never at or before the stored state's (newer wins in the ledger). */
export function nextAt(now: Date, stored: Date | null | undefined): Date {
  if (!stored || stored.getTime() < now.getTime()) return now;
  return new Date(stored.getTime() + 1);
}

/** The row as a provider operation's reference; throws `invalid()` when its plan is outside the catalog. */
export function subscriptionRefOf(row: Subscription, invalid: () => Error): SubscriptionRef {
  if (!isPaidTier(row.tier) || !isCurrency(row.currency)) throw invalid();
  return {
    tenantId: row.tenantId,
    provider: row.provider,
    providerId: row.providerId,
    tier: row.tier,
    interval: row.interval,
    status: row.status,
    currency: row.currency,
    unitAmount: row.unitAmount,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
  };
}

type SubscriptionChanges = Partial<Omit<SubscriptionState, "kind" | "provider" | "providerId" | "at" | "createdAt">>;

/** The stored subscription as a state at `at` (or just after the stored one, if that is later), with `changes`. */
export function subscriptionStateOf(row: Subscription, at: Date, changes: SubscriptionChanges = {}): SubscriptionState {
  return {
    kind: "subscription",
    provider: row.provider,
    providerId: row.providerId,
    at: nextAt(at, row.providerUpdatedAt),
    tier: row.tier,
    interval: row.interval,
    status: row.status,
    currency: row.currency,
    unitAmount: row.unitAmount,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    trialEnd: row.trialEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    canceledAt: row.canceledAt,
    createdAt: row.providerCreatedAt,
    ...changes,
  };
}
