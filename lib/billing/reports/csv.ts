// CSV for the billing reports (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
// a double quote or a line break, quotes doubled). Amounts are written in decimal major units
// ("29.00") next to a currency column, never mixed across currencies in one figure.
import { minorUnitFactor } from "../../format";
import { MOVEMENT_KINDS, type RevenueReport } from "./revenue-math";

export type CsvValue = string | number | null;

export function csvField(value: CsvValue): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line and rows, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

/** 2900 usd → "29.00", -5 usd → "-0.05", 500 jpy → "500": exact, without floating point. */
export function majorUnits(minor: number, currency: string): string {
  if (!Number.isInteger(minor)) throw new RangeError(`Not an amount in minor units: ${minor}`);
  const factor = minorUnitFactor(currency);
  if (factor === 1) return String(minor);
  const digits = String(factor).length - 1;
  const abs = Math.abs(minor);
  const sign = minor < 0 ? "-" : "";
  return `${sign}${Math.floor(abs / factor)}.${String(abs % factor).padStart(digits, "0")}`;
}

export const REVENUE_CSV_HEADER = [
  "month",
  "currency",
  "mrr",
  "arr",
  "previous_mrr",
  ...MOVEMENT_KINDS,
  "net_new_mrr",
  "mom_change",
  "mom_percent",
  "customers",
  "cash_collected",
  "refunds",
  "net_revenue",
] as const;

/** The report as CSV, one line per currency and month; only `currency` when given. */
export function revenueCsv(report: RevenueReport, currency?: string): string {
  const rows = report.currencies
    .filter((c) => currency === undefined || c.currency === currency)
    .flatMap(({ currency: code, months }) =>
      months.map((m) => {
        const amount = (minor: number) => majorUnits(minor, code);
        return [
          m.month,
          code,
          amount(m.mrr),
          amount(m.arr),
          amount(m.previousMrr),
          ...MOVEMENT_KINDS.map((kind) => amount(m.movements[kind])),
          amount(m.netNewMrr),
          amount(m.momChange),
          m.momPercent === null ? null : m.momPercent.toFixed(2),
          m.customers,
          amount(m.cashCollected),
          amount(m.refunds),
          amount(m.netRevenue),
        ];
      }),
    );
  return toCsv(REVENUE_CSV_HEADER, rows);
}
