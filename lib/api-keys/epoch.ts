// The auth epoch: a per-tenant counter in Redis that invalidates every cached key lookup of the
// tenant at once (lib/api-keys/lookup.ts). Bumped after a key is revoked or rolled and after the
// tenant's tier or status changes.
import "server-only";

import { invalidateTenantCache } from "../cache/namespaces";
import { getRedis } from "../cache/redis";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { PLATFORM_SCOPE_TAG, redisKeys, tenantTag } from "../usage/keys";
import { revocationChannel, revokeLocalLeases } from "../usage/lease";
import { clearKeyCache } from "./lookup";

export function epochScope(tenantId: string | null): string {
  return tenantId ? tenantTag(tenantId) : PLATFORM_SCOPE_TAG;
}

/**
 * `tenantChanged: false` for key revocations and rolls: the tenant's cached context (its tier and
 * status, lib/tenancy/cached.ts) is still right, so only key lookups are invalidated.
 */
export async function bumpAuthEpoch(
  tenantId: string | null,
  { tenantChanged = true }: { tenantChanged?: boolean } = {},
): Promise<void> {
  clearKeyCache();
  if (tenantId && tenantChanged) await invalidateTenantCache(tenantId);
  try {
    const redis = await getRedis();
    const scope = epochScope(tenantId);
    await redis.incr(redisKeys.authEpoch(scope));
    // Servers admitting calls from gate leases drop the scope's leases (lib/usage/lease.ts).
    revokeLocalLeases(scope);
    await redis.publish(revocationChannel(), scope);
  } catch (error) {
    // Other servers keep their cached lookups for at most a minute (the cache TTL); while Redis
    // is down the gate re-reads keys from the database on every call, so revocation still holds.
    metrics().redisFallback.inc({ purpose: "auth_epoch", decision: "fail_open" });
    logger.warn("could not bump the auth epoch", { tenantId, error });
  }
}
