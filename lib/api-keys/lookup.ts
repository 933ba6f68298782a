// Resolving a bearer secret to its key on the hot path. Lookups are cached in-process (by the
// secret's hash) and every cached entry carries the tenant's auth epoch: the gate script
// compares it with Redis in the same round trip that counts the call, and revocation, rolling
// or a tier/status change bump the epoch, so a stale entry is never honoured (lib/http/api.ts).
import "server-only";

import type { ApiKeyKind, TenantStatus, Tier } from "../db/generated/enums";
import { getDb } from "../db/client";
import { hashSecret, looksLikeSecret } from "./secret";

export interface KeyTenant {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  tier: Tier;
  trialTier: Tier | null;
  trialEndsAt: Date | null;
  /** A paid subscription is live: calls beyond the quota are billed, not refused. */
  overageBilling: boolean;
}

export interface ResolvedKey {
  id: string;
  kind: ApiKeyKind;
  name: string;
  start: string;
  scopes: ReadonlySet<string>;
  tenant: KeyTenant | null;
  expiresAt: Date | null;
  revoked: boolean;
  lastUsedAt: Date | null;
}

interface Entry {
  key: ResolvedKey | null;
  /** The auth epoch this entry was read under ("" = not yet confirmed with Redis). */
  epoch: string;
  expiresAt: number;
  /** A background reload of this expired entry is running. */
  refreshing?: boolean;
}

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const globalForKeys = globalThis as unknown as { __tesseraKeyCache?: Map<string, Entry> };
const cache = (globalForKeys.__tesseraKeyCache ??= new Map());

async function load(hash: string): Promise<ResolvedKey | null> {
  const db = await getDb();
  const row = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      kind: true,
      name: true,
      start: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      tenant: {
        select: {
          id: true,
          slug: true,
          name: true,
          status: true,
          tier: true,
          trialTier: true,
          trialEndsAt: true,
          overageBilling: true,
        },
      },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    start: row.start,
    scopes: new Set(row.scopes),
    tenant: row.tenant,
    expiresAt: row.expiresAt,
    revoked: row.revokedAt !== null,
    lastUsedAt: row.lastUsedAt,
  };
}

export interface KeyLookup {
  key: ResolvedKey | null;
  epoch: string;
  /** Re-reads the key from the database under a newly observed epoch. */
  refresh(epoch: string): Promise<ResolvedKey | null>;
}

/** An expired entry is still served (and reloaded in the background) for this long. */
const STALE_MS = 10 * 60_000;
const inflight = new Map<string, { startedAt: number; promise: Promise<ResolvedKey | null> }>();

/**
 * One database read per hash at a time. A caller that must see the database as of `notBefore`
 * (a moment after it observed a new epoch) only joins a read that started after that.
 */
function loadShared(hash: string, notBefore = -Infinity): Promise<ResolvedKey | null> {
  const running = inflight.get(hash);
  if (running && running.startedAt >= notBefore) return running.promise;
  const startedAt = performance.now();
  const promise = load(hash).finally(() => {
    if (inflight.get(hash)?.promise === promise) inflight.delete(hash);
  });
  inflight.set(hash, { startedAt, promise });
  return promise;
}

/**
 * The key for a bearer secret (null when unknown or malformed), from cache when fresh. An
 * expired entry keeps being served under its confirmed epoch while one background read
 * replaces it, so a busy key never stalls on its cache expiring; the gate's epoch check
 * still catches any revocation or tenant change on every call.
 */
export async function lookupKey(secret: string, now = Date.now()): Promise<KeyLookup> {
  if (!looksLikeSecret(secret)) return { key: null, epoch: "", refresh: async () => null };
  const hash = hashSecret(secret);
  const refresh = async (epoch: string) => {
    const key = await loadShared(hash, performance.now());
    remember(hash, { key, epoch, expiresAt: Date.now() + TTL_MS });
    return key;
  };
  const hit = cache.get(hash);
  if (hit && hit.expiresAt > now) return { key: hit.key, epoch: hit.epoch, refresh };
  if (hit && hit.expiresAt + STALE_MS > now) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      // Read after the entry's confirmation, so pairing it with the same epoch is safe.
      loadShared(hash).then(
        (key) => remember(hash, { key, epoch: hit.epoch, expiresAt: Date.now() + TTL_MS }),
        () => (hit.refreshing = false),
      );
    }
    return { key: hit.key, epoch: hit.epoch, refresh };
  }
  const key = await loadShared(hash);
  remember(hash, { key, epoch: "", expiresAt: now + TTL_MS });
  return { key, epoch: "", refresh };
}

function remember(hash: string, entry: Entry): void {
  cache.delete(hash);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(hash, entry);
}

/** Drops every cached lookup (tests; the epoch makes this unnecessary in production). */
export function clearKeyCache(): void {
  cache.clear();
}

const lastTouched = new Map<string, number>();

/** Records "last used" at most once a minute per key and process, off the request's path. */
export function touchKey(key: ResolvedKey, now = new Date()): void {
  const previous = lastTouched.get(key.id) ?? key.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - previous < 60_000) return;
  lastTouched.set(key.id, now.getTime());
  void getDb()
    .then((db) => db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now }, select: { id: true } }))
    .catch(() => lastTouched.delete(key.id));
}
