// The application's cache namespaces and its one ReadThroughCache (a globalThis singleton, so dev
// reloads keep one flush timer). Loaders live with their domain (lib/tenancy/cached.ts …); the
// invalidation helpers here are what writes call after they commit.
import { env } from "../env";
import { ReadThroughCache, type NamespaceConfig } from "./cache";

const globalForCache = globalThis as unknown as { __tesseraCache?: ReadThroughCache };

export function appCache(): ReadThroughCache {
  if (!globalForCache.__tesseraCache) {
    const cache = new ReadThroughCache({ statsFlushMs: env.NODE_ENV === "test" ? 0 : 1_000 });
    for (const ns of Object.values(NAMESPACES)) cache.define(ns);
    globalForCache.__tesseraCache = cache;
  }
  return globalForCache.__tesseraCache;
}

const ttl = (name: string, fallback: number) => {
  const override = env.CACHE_TTLS[name];
  return override && override > 0 ? override : fallback;
};

/** Every namespace, by name. TTLs can be overridden with CACHE_TTLS ("tenant-slug=600,…"). */
export const NAMESPACES = {
  tenantSlug: {
    name: "tenant-slug",
    description: "Workspace slug → tenant id (null when unknown): the first step of every /t/[slug] request.",
    ttlSeconds: ttl("tenant-slug", 600),
    staleSeconds: 120,
    jitter: 0.1,
    tenantScoped: false,
  },
  tenantDomain: {
    name: "tenant-domain",
    description: "Verified custom domain → tenant id (null when none): host routing in proxy.ts.",
    ttlSeconds: ttl("tenant-domain", 600),
    staleSeconds: 120,
    jitter: 0.1,
    tenantScoped: false,
  },
  tenant: {
    name: "tenant",
    description: "The tenant row (status, tier, trial, branding) behind the tenant context.",
    ttlSeconds: ttl("tenant", 300),
    staleSeconds: 60,
    jitter: 0.1,
    tenantScoped: true,
  },
  membership: {
    name: "membership",
    description: "A user's role in a tenant (null when not a member).",
    ttlSeconds: ttl("membership", 300),
    staleSeconds: 0,
    jitter: 0.1,
    tenantScoped: true,
  },
  planCatalog: {
    name: "plan-catalog",
    description: "The tiers with their limits and features, and every recurring price.",
    ttlSeconds: ttl("plan-catalog", 3_600),
    staleSeconds: 600,
    jitter: 0.05,
    tenantScoped: false,
  },
  pricing: {
    name: "pricing",
    description: "The pricing page's table, per currency.",
    ttlSeconds: ttl("pricing", 3_600),
    staleSeconds: 600,
    jitter: 0.05,
    tenantScoped: false,
  },
} as const satisfies Record<string, NamespaceConfig>;

export type NamespaceName = (typeof NAMESPACES)[keyof typeof NAMESPACES]["name"];

// ─── Invalidation after writes (never throw: a write has committed already) ─────

/**
 * The tenant changed: its cached row, and the slugs/domains given (old and new). Members' roles
 * stay cached (a tenant write does not change them; the context checks the row's status). With
 * `everything`, every entry of the tenant goes (one generation bump): a purge.
 */
export async function invalidateTenantCache(
  tenantId: string,
  {
    slugs = [],
    domains = [],
    everything = false,
  }: { slugs?: (string | null | undefined)[]; domains?: (string | null | undefined)[]; everything?: boolean } = {},
): Promise<void> {
  const cache = appCache();
  const slugIds = [...new Set(slugs.filter((s): s is string => Boolean(s)))];
  const domainIds = [...new Set(domains.filter((d): d is string => Boolean(d)).map((d) => d.toLowerCase()))];
  await Promise.all([
    everything ? cache.bumpTenant(tenantId) : undefined,
    cache.invalidate(NAMESPACES.tenant, ["row"], { tenantId }),
    cache.invalidate(NAMESPACES.tenantSlug, slugIds),
    cache.invalidate(NAMESPACES.tenantDomain, domainIds),
  ]);
}

/** A member's role changed, or the membership appeared or went. */
export async function invalidateMembershipCache(tenantId: string, userIds: string[]): Promise<void> {
  await appCache().invalidate(NAMESPACES.membership, userIds, { tenantId });
}

/** A slug or domain now names a tenant (a cached "unknown" must go). */
export async function invalidateNameCache({ slug, domain }: { slug?: string; domain?: string }): Promise<void> {
  const cache = appCache();
  await Promise.all([
    slug ? cache.invalidate(NAMESPACES.tenantSlug, [slug]) : undefined,
    domain ? cache.invalidate(NAMESPACES.tenantDomain, [domain.toLowerCase()]) : undefined,
  ]);
}
