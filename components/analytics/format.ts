// Formatting analytics values by unit (client and server).
import { formatCount, formatMoney } from "@/lib/format";

export type MetricUnit = "count" | "users" | "percent" | "ms" | "money" | "ratio";

export function formatMetric(
  value: number | null | undefined,
  unit: MetricUnit | string,
  currency?: string | null,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  switch (unit) {
    case "percent":
      return `${(value * 100).toFixed(value * 100 >= 10 ? 1 : 2)} %`;
    case "ms":
      return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
    case "money":
      return currency ? formatMoney(Math.round(value), currency) : formatCount(Math.round(value));
    case "ratio":
      return `${value.toFixed(2)}×`;
    default:
      return formatCount(Math.round(value * 100) / 100);
  }
}

/** "+12.5 %", "−3.0 %", "—". */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return "—";
  const pct = change * 100;
  return `${pct > 0 ? "+" : pct < 0 ? "−" : ""}${Math.abs(pct).toFixed(1)} %`;
}

const hourFormat = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  hourCycle: "h23",
});
const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

/** The x-axis label of a point at `grain`. */
export function pointLabel(iso: string, grain: string): string {
  const at = new Date(iso);
  if (grain === "hour" || grain === "minute") return hourFormat.format(at);
  if (grain === "month") return monthFormat.format(at);
  return dayFormat.format(at);
}
