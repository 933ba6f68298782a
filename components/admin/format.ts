// Formatting shared by the admin console's server and client components. Dates render in UTC
// with a fixed locale so server HTML and client hydration always agree.
import type { Tier } from "@/lib/db/generated/enums";
import { TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
  hourCycle: "h23",
});

type DateInput = Date | string | number;

export function formatDate(value: DateInput): string {
  return dateFormat.format(new Date(value));
}

export function formatDateTime(value: DateInput): string {
  return `${dateTimeFormat.format(new Date(value))} UTC`;
}

export function isoString(value: DateInput): string {
  return new Date(value).toISOString();
}

export function tierLabel(tier: Tier): string {
  return TIER_DEFINITIONS[tier].label;
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
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

/** Whole days from `now` until `value` (negative when past). */
export function daysUntil(value: DateInput, now: DateInput): number {
  return Math.ceil((new Date(value).getTime() - new Date(now).getTime()) / 86_400_000);
}
