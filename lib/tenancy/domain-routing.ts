// Custom domains (White label): a request whose Host is a tenant's custom domain is served the
// tenant workspace, so `https://portal.example.com/members` shows `/t/<slug>/members`, and its
// public help centre at `https://portal.example.com/help`.
// Only verified domains are looked up (a DNS proof, lib/tenancy/domains.ts), and one is served
// only while its tenant's tier allows branding at this moment: a lapsed trial stops it at once,
// cache or not. Used by proxy.ts; kept free of Next.js and database imports so unit tests reach it.
import { effectiveTier, tierHasFeature, type TierState } from "./tiers";

/** Paths never rewritten on a custom domain (auth, invitations, account pages, framework). */
const PASS_THROUGH = [
  /^\/api(\/|$)/,
  /^\/_next(\/|$)/,
  /^\/sign-in(\/|$)/,
  /^\/sign-up(\/|$)/,
  /^\/invite(\/|$)/,
  /^\/account(\/|$)/,
  /^\/dashboard(\/|$)/,
  /^\/new(\/|$)/,
];

/** The hostname of a Host header value, lower-cased, without port or trailing dot; null if unusable. */
export function normalizeHost(host: string | null | undefined): string | null {
  if (!host) return null;
  let name = host.trim().toLowerCase();
  if (name.startsWith("[")) return null; // IPv6 literal: never a custom domain
  name = name.replace(/:\d+$/, "").replace(/\.$/, "");
  if (!name || name.length > 253 || !/^[a-z0-9.-]+$/.test(name)) return null;
  return name;
}

/** Hosts that are the app itself (never looked up as custom domains). */
export function isAppHost(hostname: string, appHosts: readonly string[]): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return true; // IPv4 literal
  if (!hostname.includes(".")) return true; // single-label names (container hosts)
  return appHosts.includes(hostname);
}

/**
 * Where a path on a tenant's custom domain should be served from, or null to leave it alone.
 * Paths already under the tenant's own `/t/<slug>` (links the app renders) pass through too.
 * `/help` is the tenant's public help centre (`/help/<slug>`, which answers 404 while it is off):
 * `/help/<article>` its articles; another tenant's help centre is never reached from here.
 */
export function customDomainRewrite(pathname: string, slug: string): string | null {
  if (pathname === "/help" || pathname.startsWith("/help/")) {
    const ownHelp = `/help/${slug}`;
    if (pathname === ownHelp || pathname.startsWith(`${ownHelp}/`)) return null;
    const rest = pathname.slice("/help".length).replace(/^\/$/, "");
    return `${ownHelp}${rest}`;
  }
  if (PASS_THROUGH.some((re) => re.test(pathname))) return null;
  const own = `/t/${slug}`;
  if (pathname === own || pathname.startsWith(`${own}/`)) return null;
  return pathname === "/" ? own : `${own}${pathname}`;
}

export interface DomainTarget {
  slug: string;
}

/** The tenant a verified domain belongs to: enough to decide whether it is served right now. */
export interface DomainOwner extends TierState {
  slug: string;
  status: string;
}

/** Whether a tenant's verified domain is served now: not deleted, and its tier (trial included) brands. */
export function servesCustomDomain(tenant: TierState & { status: string }, now = new Date()): boolean {
  return tenant.status !== "DELETED" && tierHasFeature(effectiveTier(tenant, now), "custom_branding");
}

type Lookup = (domain: string) => Promise<DomainOwner | null>;

interface CacheEntry {
  owner: DomainOwner | null;
  expiresAt: number;
}

export interface DomainCacheOptions {
  ttlMs?: number;
  /** Bound on remembered hosts, so arbitrary Host headers cannot grow memory without limit. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Resolves custom domains through `lookup` (verified domains only), remembering the owner (or a
 * miss) for `ttlMs` (60 s). Whether the owner's tier brands is decided at every resolve, so a
 * trial's end applies to the second. Lookups in flight are shared; failures are not cached.
 */
export function createDomainCache(
  lookup: Lookup,
  { ttlMs = 60_000, maxEntries = 5_000, now = Date.now }: DomainCacheOptions = {},
) {
  const entries = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<DomainOwner | null>>();

  function remember(domain: string, owner: DomainOwner | null) {
    entries.delete(domain);
    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(domain, { owner, expiresAt: now() + ttlMs });
  }

  async function owner(domain: string): Promise<DomainOwner | null> {
    const cached = entries.get(domain);
    if (cached && cached.expiresAt > now()) return cached.owner;
    const running = inflight.get(domain);
    if (running) return running;
    const pending = (async () => {
      try {
        const found = await lookup(domain);
        remember(domain, found);
        return found;
      } finally {
        inflight.delete(domain);
      }
    })();
    inflight.set(domain, pending);
    return pending;
  }

  return {
    async resolve(domain: string): Promise<DomainTarget | null> {
      const found = await owner(domain);
      return found && servesCustomDomain(found, new Date(now())) ? { slug: found.slug } : null;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
