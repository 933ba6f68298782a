// Redis key names of the API platform. Every per-tenant key carries the tenant in a hash tag
// ({t:<id>}, lib/cache/slots.ts) so the gate script's keys share one slot on Redis Cluster and Upstash.
import { tenantTag } from "../cache/slots";

export { tenantTag };

/**
 * A tag that depends only on which `unitMs` slot of time `at` falls in, computed once per slot:
 * the gate asks for the hour and month tags on every call, and formatting a date (toISOString and
 * a regular expression) is most of what those tags cost.
 */
export function slotTag(unitMs: number, format: (at: Date) => string): (at: Date) => string {
  let slot = Number.NaN;
  let tag = "";
  return (at) => {
    const current = Math.floor(at.getTime() / unitMs);
    if (current !== slot) {
      tag = format(at);
      slot = current;
    }
    return tag;
  };
}

/** "2026112721": the UTC hour a call is counted in. */
export const hourTag = slotTag(3_600_000, (at) => at.toISOString().slice(0, 13).replace(/[-T]/g, ""));

export function hourFromTag(tag: string): Date {
  return new Date(Date.UTC(+tag.slice(0, 4), +tag.slice(4, 6) - 1, +tag.slice(6, 8), +tag.slice(8, 10)));
}

/** "202611": the UTC month of the monthly quota (one slot per hour: months begin on an hour). */
export const monthTag = slotTag(3_600_000, (at) => at.toISOString().slice(0, 7).replace("-", ""));

export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export const redisKeys = {
  /** Bumped whenever a key of the tenant is revoked or rolled, or the tenant's tier/status changes. */
  authEpoch: (scope: string) => `${scope}:auth-epoch`,
  rateWindow: (scope: string, subject: string, window: number) => `${scope}:rl:${subject}:${window}`,
  quota: (tenantId: string, at: Date) => `${tenantTag(tenantId)}:quota:${monthTag(at)}`,
  usageHour: (tenantId: string, hour: string) => `${tenantTag(tenantId)}:usage:${hour}`,
  usageFlushing: (tenantId: string, hour: string) => `${tenantTag(tenantId)}:usage:${hour}:flushing`,
  usageHours: (tenantId: string) => `${tenantTag(tenantId)}:usage-hours`,
  /** Tenants with counters to flush, one set per hour (one slot, so SUNION works on a cluster). */
  activeTenants: (hour: string) => `{usage}:tenants:${hour}`,
} as const;

export const PLATFORM_SCOPE_TAG = "{platform}";
