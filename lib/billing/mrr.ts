// Monthly recurring revenue of one subscription state, in minor units. Only states that earn
// revenue count: a trial, a pause, an unpaid start or an ended subscription contribute nothing.
// A yearly price counts as a twelfth a month, rounded to the nearest minor unit.
import type { BillingInterval, SubscriptionStatus } from "../db/generated/enums";

const EARNING: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "PAST_DUE"]);

export function mrrOf(status: SubscriptionStatus, interval: BillingInterval, unitAmount: number): number {
  if (!EARNING.has(status)) return 0;
  return interval === "YEAR" ? Math.round(unitAmount / 12) : unitAmount;
}
