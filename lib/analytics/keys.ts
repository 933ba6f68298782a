// Redis keys of analytics. Per-tenant keys carry the tenant's hash tag (one slot per tenant, so
// a script and PFCOUNT over several minutes stay in one slot); the platform's realtime keys
// share the "{rt}" tag.
import { slotTag, tenantTag } from "../usage/keys";

/** "202611271405": the UTC minute. */
export const minuteTag = slotTag(60_000, (at) => at.toISOString().slice(0, 16).replace(/[-T:]/g, ""));

export const analyticsKeys = {
  hour: (tenantId: string, hour: string) => `${tenantTag(tenantId)}:an:${hour}`,
  flushing: (tenantId: string, hour: string) => `${tenantTag(tenantId)}:an:${hour}:flushing`,
  hours: (tenantId: string) => `${tenantTag(tenantId)}:an-hours`,
  minute: (scope: string, minute: string) => `${scope}:rt:${minute}`,
  minuteUsers: (scope: string, minute: string) => `${scope}:rt:${minute}:u`,
  /** Realtime scope of a tenant, or the platform's. */
  tenantScope: (tenantId: string) => tenantTag(tenantId),
  platformScope: "{rt}",
} as const;
