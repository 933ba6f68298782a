// Time-based proration, the way Stripe does it: on a plan change the unused part of the current
// period is credited at the old price and the remaining part is charged at the new price, both
// measured to the second and rounded to minor units. Switching interval (month ↔ year) starts a new
// period now: the full new price is charged, minus the credit for the unused old period.
// Pure: the local provider charges with it and every provider's preview can show it.
import type { BillingInterval } from "../db/generated/enums";
import { addInterval } from "@/lib/calendar";
import { formatDate } from "../format";
import { tierLabel } from "../tenancy/tiers";
import type { Currency, PaidTier } from "./catalog";
import { priceOf } from "./catalog";
import type { PlanChangePreview, PlanTarget, ProrationLine } from "./provider";

export interface ProrationSubject {
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  /** The price per interval being paid now, minor units. */
  unitAmount: number;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
}

export interface Proration extends PlanChangePreview {
  /** Credit for the unused time (≤ 0). */
  credit: number;
  /** Charge for the remaining time at the new price (≥ 0). */
  charge: number;
  /** The new price per interval. */
  unitAmount: number;
  /** The period the subscription is in after the change. */
  periodStart: Date;
  periodEnd: Date;
  /** True when the change starts a new billing period now. */
  restartsPeriod: boolean;
}

const INTERVAL_WORDS: Record<BillingInterval, string> = { MONTH: "monthly", YEAR: "yearly" };

/** "Professional (monthly)" */
export function planLabel(tier: PaidTier, interval: BillingInterval): string {
  return `${tierLabel(tier)} (${INTERVAL_WORDS[interval]})`;
}

/** amount × part / whole, rounded half away from zero (symmetric for credits and charges). */
function portion(amount: number, part: number, whole: number): number {
  if (whole <= 0) return 0;
  const exact = (Math.abs(amount) * part) / whole;
  return Math.sign(amount) * Math.round(exact);
}

/**
 * What changing `subscription` to `target` at `now` costs. A subscription without a current
 * period (or one whose period has already ended) gets no credit and starts a new period.
 */
export function prorate(subscription: ProrationSubject, target: PlanTarget, now: Date): Proration {
  const newAmount = priceOf(target.tier, target.interval, subscription.currency);
  const start = subscription.currentPeriodStart;
  const end = subscription.currentPeriodEnd;
  const totalSeconds = start && end ? Math.floor((end.getTime() - start.getTime()) / 1000) : 0;
  const remainingSeconds =
    end && totalSeconds > 0
      ? Math.min(totalSeconds, Math.max(0, Math.floor((end.getTime() - now.getTime()) / 1000)))
      : 0;
  const restartsPeriod = target.interval !== subscription.interval || remainingSeconds === 0;

  // 0 - x rather than -x: no negative zero when nothing is credited.
  const credit = 0 - portion(subscription.unitAmount, remainingSeconds, totalSeconds);
  const charge = restartsPeriod ? newAmount : portion(newAmount, remainingSeconds, totalSeconds);
  const periodStart = restartsPeriod || !start ? now : start;
  const periodEnd = restartsPeriod || !end ? addInterval(now, target.interval) : end;

  const lines: ProrationLine[] = [];
  if (credit !== 0) {
    lines.push({
      description: `Unused time on ${planLabel(subscription.tier, subscription.interval)} after ${formatDate(now)}`,
      amount: credit,
    });
  }
  lines.push({
    description: restartsPeriod
      ? `${planLabel(target.tier, target.interval)} from ${formatDate(periodStart)} to ${formatDate(periodEnd)}`
      : `Remaining time on ${planLabel(target.tier, target.interval)} after ${formatDate(now)}`,
    amount: charge,
  });

  return {
    currency: subscription.currency,
    lines,
    dueNow: charge + credit,
    nextAmount: newAmount,
    nextBillingAt: periodEnd,
    credit,
    charge,
    unitAmount: newAmount,
    periodStart,
    periodEnd,
    restartsPeriod,
  };
}
