// Date formatting for workspace pages. Dates render in UTC so server and client markup agree
// (no hydration mismatch) and every viewer sees the same day; the <time> element carries the
// exact instant.
const DAY_MS = 86_400_000;

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
  hourCycle: "h23",
});

export function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "Dec 6, 2025" */
export function formatDate(value: Date | string | number): string {
  return dateFormat.format(toDate(value));
}

/** "Dec 6, 2025, 14:05 UTC" */
export function formatDateTime(value: Date | string | number): string {
  return `${dateTimeFormat.format(toDate(value))} UTC`;
}

/** Whole days from `now` until `end`, rounded up (0 once it has passed). */
export function daysUntil(end: Date | string | number, now = new Date()): number {
  return Math.max(0, Math.ceil((toDate(end).getTime() - now.getTime()) / DAY_MS));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
