// Formatting for usage figures (server and client components).
import { formatCount } from "@/lib/format";
import { formatLimit } from "@/lib/tenancy/tiers";
import type { UsageDimension } from "@/lib/usage/summary";

const BYTE_UNITS = ["bytes", "KB", "MB", "GB", "TB"] as const;

/** 0 → "0 bytes", 1536 → "1.5 KB", 3 * 1024 ** 3 → "3 GB" (binary units, as the plan limits). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${formatCount(Math.round(value))} bytes`;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 1 : 0 })} ${BYTE_UNITS[unit]}`;
}

export function formatUsed(dimension: Pick<UsageDimension, "used" | "unit">): string {
  return dimension.unit === "bytes" ? formatBytes(dimension.used) : formatCount(dimension.used);
}

/** "732 of 1,000 (73%)" or "12 (unlimited)". */
export function formatUsage(dimension: Pick<UsageDimension, "used" | "unit" | "limit" | "ratio">): string {
  if (dimension.limit === null) return `${formatUsed(dimension)} (unlimited)`;
  return `${formatUsed(dimension)} of ${formatLimit(dimension.limit, dimension.unit)} (${formatPercent(dimension.ratio)})`;
}

/** 0.734 → "73%"; a little above zero shows "<1%". */
export function formatPercent(ratio: number): string {
  if (ratio > 0 && ratio < 0.01) return "<1%";
  return `${Math.floor(ratio * 100)}%`;
}
