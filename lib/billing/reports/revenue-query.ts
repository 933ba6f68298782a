// The revenue report's URL parameters (the operator page and its CSV export share them):
// ?currency=usd&from=2026-01&to=2026-12. The CSV route refuses bad values (400); the page drops
// them and shows its defaults.
import { z } from "zod";

import { addMonths, isMonthKey, monthKeyOf, monthsBetween, monthStartOf } from "./months";

/** The longest range one report covers (ten years of months). */
export const MAX_REPORT_MONTHS = 120;

const month = z.string().refine(isMonthKey, "Use a month like 2026-01.");

export const revenueQuerySchema = z
  .object({
    currency: z
      .string()
      .regex(/^[a-z]{3}$/, "Use a lower-case ISO currency code, e.g. usd.")
      .optional(),
    from: month.optional(),
    to: month.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to.", path: ["from"] });

export type RevenueQuery = z.infer<typeof revenueQuerySchema>;

/** The loader's options for a parsed query (its months as instants). */
export function revenueRange(query: RevenueQuery): { from?: Date; to?: Date } {
  return {
    ...(query.from ? { from: monthStartOf(query.from) } : {}),
    ...(query.to ? { to: monthStartOf(query.to) } : {}),
  };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Whether the range the loader would report for `query` is in order and not too long. */
function rangeIsUsable(query: RevenueQuery, now: Date): boolean {
  const to = query.to ?? monthKeyOf(now);
  const from = query.from ?? addMonths(to, -11);
  return from <= to && monthsBetween(from, to).length <= MAX_REPORT_MONTHS;
}

/** The page's reading: each valid parameter kept, the others dropped (a bad range falls back to the default). */
export function lenientRevenueQuery(params: SearchParams, now = new Date()): RevenueQuery {
  const first = (key: string) => {
    const raw = params[key];
    return Array.isArray(raw) ? raw[0] : raw;
  };
  const candidate = { currency: first("currency"), from: first("from"), to: first("to") };
  const whole = revenueQuerySchema.safeParse(candidate);
  if (whole.success && rangeIsUsable(whole.data, now)) return whole.data;
  const currency = revenueQuerySchema.safeParse({ currency: candidate.currency });
  return currency.success ? currency.data : {};
}

/** "tessera-revenue-usd-2026-01-to-2026-12.csv" */
export function revenueCsvFilename(from: string, to: string, currency?: string): string {
  return `tessera-revenue-${currency ?? "all"}-${from}-to-${to}.csv`;
}

/** "?currency=usd&from=2026-01" (only the parameters set; "" when none). */
export function revenueSearch(query: RevenueQuery): string {
  const params = new URLSearchParams();
  for (const key of ["currency", "from", "to"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The currency to show: the one asked for, else usd when it has figures, else the first with figures, else usd. */
export function pickCurrency(requested: string | undefined, available: readonly string[]): string {
  if (requested) return requested;
  const [firstAvailable] = available;
  if (available.includes("usd") || firstAvailable === undefined) return "usd";
  return firstAvailable;
}
