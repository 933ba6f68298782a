// Formatting shared by server and client components (admin console and workspace pages). Dates
// render in UTC with a fixed locale so server markup and client hydration always agree and every
// viewer sees the same day; a <time> element can carry the exact instant.
import { DAY_MS } from "@/lib/calendar";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
  hourCycle: "h23",
});

type DateInput = Date | string | number;

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "Dec 6, 2025" */
export function formatDate(value: DateInput): string {
  return dateFormat.format(toDate(value));
}

/** "Dec 6, 2025, 14:05 UTC" */
export function formatDateTime(value: DateInput): string {
  return `${dateTimeFormat.format(toDate(value))} UTC`;
}

export function isoString(value: DateInput): string {
  return toDate(value).toISOString();
}

/** Whole days from `now` until `end`, rounded up (0 once it has passed). */
export function daysUntil(end: DateInput, now = new Date()): number {
  return Math.max(0, Math.ceil((toDate(end).getTime() - now.getTime()) / DAY_MS));
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${s % 60}s`;
  return `${s}s`;
}

/** 1234 → "1,234" */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** (1, "day") → "1 day", (3, "day") → "3 days" */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Currencies whose minor unit is the whole unit (Stripe's zero-decimal list, the ones we may meet). */
const ZERO_DECIMAL = new Set(["jpy", "krw", "vnd", "clp", "isk", "huf", "twd", "ugx", "xaf", "xof"]);

/** Minor units per major unit of `currency` (100 for usd and eur, 1 for jpy). */
export function minorUnitFactor(currency: string): number {
  return ZERO_DECIMAL.has(currency.toLowerCase()) ? 1 : 100;
}

/** "$1,234.50", "€92.00": money is integer minor units plus a currency everywhere in Tessera. */
export function formatMoney(minor: number, currency: string): string {
  const factor = minorUnitFactor(currency);
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: factor === 1 ? 0 : 2,
    maximumFractionDigits: factor === 1 ? 0 : 2,
  }).format(minor / factor);
}
