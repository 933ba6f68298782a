// The one calendar: time spans in milliseconds, day arithmetic, and billing intervals in UTC
// calendar terms with month-end clamping (Jan 31 + 1 month = Feb 28, or 29 in a leap year; a
// period never spills into the next month). Billing periods (local, Stripe-mirrored, PayPal),
// trials, seeds and tests all add intervals here, so two providers cannot disagree on when a
// period ends.
import type { BillingInterval } from "./db/generated/enums";

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** `date` plus `days` whole days (negative goes back); exact milliseconds, no calendar. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** `date` plus `hours` hours (negative goes back). */
export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * HOUR_MS);
}

/**
 * The same day-of-month and time of day `months` later (negative goes back), UTC; the day is
 * clamped to the target month's last day.
 */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/** `start` plus `count` billing intervals (a month, or twelve for a year), clamped as addMonths. */
export function addInterval(start: Date, interval: BillingInterval, count = 1): Date {
  return addMonths(start, interval === "YEAR" ? 12 * count : count);
}
