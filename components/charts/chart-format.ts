// Labels for chart axes, tooltips and summaries (server and client). Months are "YYYY-MM" keys in UTC.
import { minorUnitFactor } from "@/lib/format";

const longMonth = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const shortMonth = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

const monthDate = (key: string) => new Date(`${key}-01T00:00:00Z`);

/** "2026-01" → "Jan 2026" */
export function monthLabel(key: string): string {
  return longMonth.format(monthDate(key));
}

/** "2026-01" → "Jan 26" (axis ticks) */
export function shortMonthLabel(key: string): string {
  return shortMonth.format(monthDate(key));
}

/** 1234500 usd → "$12.3K" (axis ticks; exact amounts go in tooltips and tables). */
export function compactMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(minor / minorUnitFactor(currency));
}

/** 12.5 → "+12.5%", -3 → "−3%", null → "—" */
export function signedPercent(value: number | null): string {
  if (value === null) return "—";
  const text = `${Math.abs(value).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
