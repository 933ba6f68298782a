// Cache stats: the app's counters per namespace and Redis' own INFO, and a one-minute history kept
// for a day.
import "server-only";

import { type ConsoleOptions, type RedisTarget, num, readInfo, targetOf } from "./target";

import { assertOperator, type Operator } from "../tenancy/operator";
import { type ReadThroughCache } from "../cache/cache";
import { appCache } from "../cache/namespaces";

export interface NamespaceStats {
  name: string;
  description: string;
  ttlSeconds: number;
  staleSeconds: number;
  tenantScoped: boolean;
  hits: number;
  misses: number;
  stale: number;
  fills: number;
  avgFillMs: number | null;
  errors: number;
  invalidations: number;
  /** (hits + stale) / lookups; null before the first lookup. */
  hitRate: number | null;
}

export interface ServerStats {
  /** False on the memory store and where INFO is refused (some Upstash plans). */
  available: boolean;
  note: string | null;
  version: string | null;
  role: string | null;
  usedMemory: number | null;
  usedMemoryPeak: number | null;
  maxMemory: number | null;
  fragmentation: number | null;
  keyspaceHits: number | null;
  keyspaceMisses: number | null;
  hitRate: number | null;
  expiredKeys: number | null;
  evictedKeys: number | null;
  connectedClients: number | null;
  blockedClients: number | null;
  rejectedConnections: number | null;
  opsPerSec: number | null;
  databases: { db: string; keys: number; expires: number }[];
}

export interface CacheStats {
  at: string;
  transport: RedisTarget["kind"];
  /** The cache is skipping Redis after errors (reads go to the source). */
  bypassing: boolean;
  overall: { lookups: number; hits: number; misses: number; stale: number; hitRate: number | null };
  namespaces: NamespaceStats[];
  server: ServerStats;
  /** Keys in the database (DBSIZE), also on transports without INFO. */
  dbSize: number | null;
}

const rate = (good: number, total: number) => (total > 0 ? good / total : null);

function serverStats(info: Record<string, string> | null, kind: RedisTarget["kind"]): ServerStats {
  const databases = info
    ? Object.entries(info)
        .filter(([key]) => /^db\d+$/.test(key))
        .map(([db, value]) => {
          const fields = Object.fromEntries(value.split(",").map((pair) => pair.split("=") as [string, string]));
          return { db, keys: Number(fields.keys ?? 0), expires: Number(fields.expires ?? 0) };
        })
    : [];
  const hits = num(info?.keyspace_hits);
  const misses = num(info?.keyspace_misses);
  const note = !info
    ? kind === "memory"
      ? "The in-process memory store has no server statistics: memory, clients and evictions are unknown."
      : "This Redis does not answer INFO: server statistics are unknown."
    : kind === "memory"
      ? "The in-process memory store imitates INFO: its figures describe no real server."
      : null;
  return {
    available: Boolean(info) && kind !== "memory",
    note,
    version: info?.redis_version ?? null,
    role: info?.role ?? null,
    usedMemory: num(info?.used_memory),
    usedMemoryPeak: num(info?.used_memory_peak),
    maxMemory: num(info?.maxmemory),
    fragmentation: num(info?.mem_fragmentation_ratio),
    keyspaceHits: hits,
    keyspaceMisses: misses,
    hitRate: hits !== null && misses !== null ? rate(hits, hits + misses) : null,
    expiredKeys: num(info?.expired_keys),
    evictedKeys: num(info?.evicted_keys),
    connectedClients: num(info?.connected_clients),
    blockedClients: num(info?.blocked_clients),
    rejectedConnections: num(info?.rejected_connections),
    opsPerSec: num(info?.instantaneous_ops_per_sec),
    databases,
  };
}

export async function getCacheStats(operator: Operator, options: ConsoleOptions = {}): Promise<CacheStats> {
  assertOperator(operator);
  return collectCacheStats(options);
}

/** The stats without an operator: the scheduler's sampling job only. */
async function collectCacheStats(options: ConsoleOptions): Promise<CacheStats> {
  const cache = options.cache ?? appCache();
  const target = await targetOf(options);
  const [counters, info, dbSize] = await Promise.all([
    cache.readStats().catch(() => ({}) as Awaited<ReturnType<ReadThroughCache["readStats"]>>),
    readInfo(target.redis),
    target.redis.dbsize().catch(() => null),
  ]);
  const namespaces: NamespaceStats[] = [...cache.namespaces.values()].map((ns) => {
    const c = counters[ns.name];
    const hits = c?.hits ?? 0;
    const misses = c?.misses ?? 0;
    const stale = c?.stale ?? 0;
    const fills = c?.fills ?? 0;
    return {
      name: ns.name,
      description: ns.description,
      ttlSeconds: ns.ttlSeconds,
      staleSeconds: ns.staleSeconds,
      tenantScoped: ns.tenantScoped,
      hits,
      misses,
      stale,
      fills,
      avgFillMs: fills > 0 ? Math.round(((c?.fill_ms ?? 0) / fills) * 100) / 100 : null,
      errors: c?.errors ?? 0,
      invalidations: c?.invalidations ?? 0,
      hitRate: rate(hits + stale, hits + stale + misses),
    };
  });
  const hits = namespaces.reduce((s, n) => s + n.hits, 0);
  const misses = namespaces.reduce((s, n) => s + n.misses, 0);
  const stale = namespaces.reduce((s, n) => s + n.stale, 0);
  return {
    at: (options.now ?? new Date()).toISOString(),
    transport: target.kind,
    bypassing: cache.degraded,
    overall: {
      lookups: hits + misses + stale,
      hits,
      misses,
      stale,
      hitRate: rate(hits + stale, hits + stale + misses),
    },
    namespaces,
    server: serverStats(info, target.kind),
    dbSize: typeof dbSize === "number" ? dbSize : null,
  };
}

// ─── History: one sample a minute (cron), kept for a day ───────────────────────

export const HISTORY_KEY = "c:history";
export const HISTORY_LENGTH = 24 * 60;

export interface HistorySample {
  at: string;
  /** Cumulative app counters (all namespaces). */
  hits: number;
  misses: number;
  usedMemory: number | null;
  keys: number | null;
  opsPerSec: number | null;
  evictedKeys: number | null;
  expiredKeys: number | null;
}

/** The scheduler's job (POST /api/cron/cache-stats): appends one sample. */
export async function recordCacheSample(
  options: ConsoleOptions = {},
): Promise<{ sampled: number; hitRate: number | null }> {
  const target = await targetOf(options);
  const stats = await collectCacheStats({ ...options, target });
  const sample: HistorySample = {
    at: stats.at,
    hits: stats.overall.hits + stats.overall.stale,
    misses: stats.overall.misses,
    usedMemory: stats.server.usedMemory,
    keys: stats.dbSize,
    opsPerSec: stats.server.opsPerSec,
    evictedKeys: stats.server.evictedKeys,
    expiredKeys: stats.server.expiredKeys,
  };
  const pipeline = target.redis.pipeline();
  pipeline.lpush(HISTORY_KEY, JSON.stringify(sample));
  pipeline.ltrim(HISTORY_KEY, 0, HISTORY_LENGTH - 1);
  await pipeline.exec();
  return { sampled: 1, hitRate: stats.overall.hitRate };
}

export async function getCacheHistory(operator: Operator, options: ConsoleOptions = {}): Promise<HistorySample[]> {
  assertOperator(operator);
  const target = await targetOf(options);
  const raw = await target.redis.lrange<unknown>(HISTORY_KEY, 0, HISTORY_LENGTH - 1).catch(() => []);
  return raw
    .map((item) => {
      try {
        return (typeof item === "string" ? JSON.parse(item) : item) as HistorySample;
      } catch {
        return null;
      }
    })
    .filter((s): s is HistorySample => s !== null && typeof s.at === "string")
    .reverse();
}
