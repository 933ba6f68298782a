// The operator's Redis console, as domain functions taking the authorised Operator: stats (the
// app's counters per namespace and Redis' own INFO), a one-minute history, key distribution by
// pattern (bounded SCAN sample), pattern invalidation (SCAN + UNLINK in batches, protected
// namespaces refused or narrowed, audit-logged), health and rule-based suggestions.
// Never KEYS, FLUSHALL or FLUSHDB. Works on TCP Redis, Upstash REST and the memory store: what a
// transport cannot tell (INFO on the memory store, MEMORY USAGE) is reported as unknown.
import "server-only";

import type { Redis } from "@upstash/redis";
import type { z } from "zod";

import { getDb } from "../db/client";
import { env, runtimeMode } from "../env";
import { AppError, parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { logger } from "../observability/logger";
import { STATS_KEY, type ReadThroughCache } from "../cache/cache";
import {
  classifyKey,
  emptyGroup,
  mergeReports,
  patternOf,
  refusalOf,
  ttlBucket,
  type BigKey,
  type PatternGroup,
  type PatternReport,
} from "../cache/keyspace";
import { appCache } from "../cache/namespaces";
import { invalidateBodySchema, scanQuerySchema } from "../cache/schemas";

export { invalidateBodySchema, scanQuerySchema };
import { getRedis } from "../cache/redis";

export interface RedisTarget {
  redis: Redis;
  /** The client's key prefix (ioredis keyPrefix): SCAN does not apply it, so we do. */
  keyPrefix: string;
  kind: "redis" | "upstash" | "memory";
}

export interface ConsoleOptions {
  target?: RedisTarget;
  cache?: ReadThroughCache;
  now?: Date;
}

export async function appRedisTarget(): Promise<RedisTarget> {
  const kind = runtimeMode.cache === "upstash" ? "upstash" : runtimeMode.cache === "redis" ? "redis" : "memory";
  return { redis: await getRedis(), keyPrefix: kind === "redis" ? env.REDIS_KEY_PREFIX : "", kind };
}

const targetOf = async (options: ConsoleOptions) => options.target ?? (await appRedisTarget());

// ─── INFO ───────────────────────────────────────────────────────────────────────

export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const at = line.indexOf(":");
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return out;
}

async function readInfo(redis: Redis): Promise<Record<string, string> | null> {
  try {
    const text = await redis.exec<string>(["INFO"]);
    return typeof text === "string" ? parseInfo(text) : null;
  } catch {
    return null;
  }
}

const num = (value: string | undefined): number | null => {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

async function configGet(redis: Redis, name: string): Promise<string | null> {
  try {
    const reply = await redis.exec<unknown>(["CONFIG", "GET", name]);
    if (Array.isArray(reply) && reply.length >= 2) return String(reply[1]);
    if (reply && typeof reply === "object") return String((reply as Record<string, unknown>)[name] ?? "") || null;
    return null;
  } catch {
    return null;
  }
}

// ─── Stats ──────────────────────────────────────────────────────────────────────

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

// ─── SCAN helpers ───────────────────────────────────────────────────────────────

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");

interface ScanPage {
  cursor: string;
  /** Keys without the client prefix. */
  keys: string[];
}

async function scanPage(target: RedisTarget, cursor: string, match: string, count: number): Promise<ScanPage> {
  const [next, keys] = (await target.redis.scan(cursor, {
    match: `${escapeGlob(target.keyPrefix)}${match}`,
    count,
  })) as [string | number, string[]];
  const prefix = target.keyPrefix;
  return {
    cursor: String(next),
    keys: keys.map((key) => (prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key)),
  };
}

async function memoryUsage(target: RedisTarget, key: string): Promise<number | null> {
  // MEMORY USAGE is not prefixed by ioredis: send the full key name.
  const reply = await target.redis.exec<number | null>([
    "MEMORY",
    "USAGE",
    `${target.keyPrefix}${key}`,
    "SAMPLES",
    "0",
  ]);
  return typeof reply === "number" ? reply : reply === null ? null : Number(reply);
}

// ─── Key distribution by pattern ───────────────────────────────────────────────

export interface ScanResult extends PatternReport {
  /** Resume here (the console scans in steps and merges); "0" when complete. */
  cursor: string;
}

const SCAN_COUNT = 1_000;
const TTL_SAMPLE_PER_PAGE = 200;
const MEMORY_SAMPLE_PER_GROUP = 3;
const MEMORY_SAMPLE_MAX = 60;

/**
 * One bounded step of a keyspace scan: SCAN pages (COUNT 1000) until `max_keys` keys were seen,
 * the budget ran out or the keyspace was covered; TTLs read for a sample of each page (one
 * pipeline), MEMORY USAGE for a few keys per pattern. Cost: at most max_keys/1000 + 200 SCAN calls.
 */
export async function scanKeyspace(
  operator: Operator,
  query: z.input<typeof scanQuerySchema>,
  options: ConsoleOptions = {},
): Promise<ScanResult> {
  assertOperator(operator);
  const { cursor: start, max_keys: maxKeys, max_ms: maxMs, match } = parseInput(scanQuerySchema, query);
  const target = await targetOf(options);
  const started = performance.now();
  const groups = new Map<string, PatternGroup>();
  const memorySamples = new Map<string, number>();
  const biggest: BigKey[] = [];
  let memoryMeasured = false;
  let memoryRefused = false;
  let measuredTotal = 0;
  let cursor = start;
  let scanned = 0;
  let commands = 0;
  let calls = 0;
  const maxCalls = Math.ceil(maxKeys / SCAN_COUNT) + 200;
  do {
    const page = await scanPage(target, cursor, match, SCAN_COUNT);
    commands += 1;
    calls += 1;
    cursor = page.cursor;
    scanned += page.keys.length;
    const ttlSample = page.keys.slice(0, TTL_SAMPLE_PER_PAGE);
    let ttls: unknown[] = [];
    if (ttlSample.length > 0) {
      const pipeline = target.redis.pipeline();
      for (const key of ttlSample) pipeline.pttl(key);
      ttls = await pipeline.exec().catch(() => []);
      commands += ttlSample.length;
    }
    for (const [i, key] of page.keys.entries()) {
      const pattern = patternOf(key);
      let group = groups.get(pattern);
      if (!group) groups.set(pattern, (group = emptyGroup(pattern, classifyKey(key), key)));
      group.count += 1;
      const ttl = ttls[i];
      if (i < ttlSample.length && typeof ttl === "number" && ttl !== -2) group.ttl[ttlBucket(ttl)] += 1;
      const taken = memorySamples.get(pattern) ?? 0;
      if (!memoryRefused && taken < MEMORY_SAMPLE_PER_GROUP && measuredTotal < MEMORY_SAMPLE_MAX) {
        memorySamples.set(pattern, taken + 1);
        measuredTotal += 1;
        commands += 1;
        try {
          const bytes = await memoryUsage(target, key);
          if (bytes !== null && Number.isFinite(bytes)) {
            memoryMeasured = true;
            group.measured += 1;
            group.bytes += bytes;
            biggest.push({ key, pattern, bytes });
          }
        } catch {
          memoryRefused = true; // the memory store and some REST plans: say so once
        }
      }
    }
  } while (cursor !== "0" && scanned < maxKeys && calls < maxCalls && performance.now() - started < maxMs);
  const dbSize = await target.redis.dbsize().catch(() => null);
  return {
    cursor,
    scanned,
    commands: commands + 1,
    complete: cursor === "0",
    dbSize: typeof dbSize === "number" ? dbSize : null,
    memoryMeasured,
    durationMs: Math.round(performance.now() - started),
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
    biggest: biggest.sort((a, b) => b.bytes - a.bytes).slice(0, 10),
  };
}

/** The API's one-shot analysis: steps of scanKeyspace merged, within the same overall budget. */
export async function analyzeKeyspace(
  operator: Operator,
  query: z.input<typeof scanQuerySchema>,
  options: ConsoleOptions = {},
): Promise<ScanResult> {
  const result = await scanKeyspace(operator, query, options);
  return { ...mergeReports({ ...result, groups: [], biggest: [] }, result), cursor: result.cursor };
}

// ─── Pattern invalidation ──────────────────────────────────────────────────────

export interface InvalidationResult {
  pattern: string;
  dryRun: boolean;
  /** Keys the pattern matched that may be deleted (a dry run's count; deleted on a real run). */
  matched: number;
  deleted: number;
  /** Matched keys left alone, by protected namespace, with the reason. */
  protected: { namespace: string; reason: string; count: number }[];
  namespaces: { namespace: string; count: number }[];
  /** Up to 20 matched key names. */
  sample: string[];
  scanned: number;
  complete: boolean;
  durationMs: number;
}

const UNLINK_BATCH = 500;
const INVALIDATE_BUDGET_MS = 30_000;

async function writePlatformAudit(
  operator: Operator,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    const db = await getDb();
    await db.platformAuditLog.create({
      data: {
        actorId: operator.id,
        actorEmail: operator.email,
        action,
        target,
        details: JSON.parse(JSON.stringify(details)),
      },
    });
  } catch (error) {
    logger.error("could not write the platform audit entry", { action, error });
    throw error;
  }
}

/**
 * Deletes the keys matching `pattern` (Redis MATCH syntax) that belong to no protected namespace,
 * SCAN page by page, UNLINK in batches of 500. A dry run (the default) counts without deleting.
 * A pattern that can only match protected keys is refused (409) with the reason.
 */
export async function invalidatePattern(
  operator: Operator,
  input: z.input<typeof invalidateBodySchema>,
  options: ConsoleOptions & { budgetMs?: number } = {},
): Promise<InvalidationResult> {
  assertOperator(operator);
  const { pattern, dry_run: dryRun } = parseInput(invalidateBodySchema, input);
  const refusal = refusalOf(pattern);
  if (refusal) {
    if (!dryRun) await writePlatformAudit(operator, "cache.invalidation_refused", pattern, { reason: refusal.reason });
    throw new AppError("conflict", `“${pattern}” matches only ${refusal.namespace} keys. ${refusal.reason}`, {
      namespace: refusal.namespace,
      reason: refusal.reason,
    });
  }
  const target = await targetOf(options);
  const started = performance.now();
  const budget = options.budgetMs ?? INVALIDATE_BUDGET_MS;
  const protectedCounts = new Map<string, { namespace: string; reason: string; count: number }>();
  const namespaceCounts = new Map<string, number>();
  const sample: string[] = [];
  let matched = 0;
  let deleted = 0;
  let scanned = 0;
  let cursor = "0";
  let pendingUnlink: string[] = [];
  const flush = async () => {
    if (pendingUnlink.length === 0) return;
    const batch = pendingUnlink;
    pendingUnlink = [];
    deleted += await target.redis.unlink(...batch);
  };
  do {
    const page = await scanPage(target, cursor, pattern, SCAN_COUNT);
    cursor = page.cursor;
    scanned += page.keys.length;
    for (const key of page.keys) {
      const cls = classifyKey(key);
      if (cls.kind === "protected") {
        const entry = protectedCounts.get(cls.namespace) ?? {
          namespace: cls.namespace,
          reason: cls.reason ?? "",
          count: 0,
        };
        entry.count += 1;
        protectedCounts.set(cls.namespace, entry);
        continue;
      }
      matched += 1;
      namespaceCounts.set(cls.namespace, (namespaceCounts.get(cls.namespace) ?? 0) + 1);
      if (sample.length < 20) sample.push(key);
      if (!dryRun) {
        pendingUnlink.push(key);
        // Redis' SCAN returns every key present throughout, whatever is deleted meanwhile; the
        // memory store's does not (its cursor is an index), so there we delete after the scan.
        if (pendingUnlink.length >= UNLINK_BATCH && target.kind !== "memory") await flush();
      }
    }
  } while (cursor !== "0" && performance.now() - started < budget);
  while (!dryRun && pendingUnlink.length > 0) {
    const rest = pendingUnlink.slice(UNLINK_BATCH);
    pendingUnlink = pendingUnlink.slice(0, UNLINK_BATCH);
    await flush();
    pendingUnlink = rest;
  }
  const result: InvalidationResult = {
    pattern,
    dryRun,
    matched,
    deleted,
    protected: [...protectedCounts.values()],
    namespaces: [...namespaceCounts]
      .map(([namespace, count]) => ({ namespace, count }))
      .sort((a, b) => b.count - a.count),
    sample,
    scanned,
    complete: cursor === "0",
    durationMs: Math.round(performance.now() - started),
  };
  if (!dryRun) {
    await writePlatformAudit(operator, "cache.invalidated", pattern, {
      matched,
      deleted,
      protected: result.protected.map(({ namespace, count }) => ({ namespace, count })),
      namespaces: result.namespaces,
      complete: result.complete,
      via: operator.via,
    });
    logger.info("cache invalidated by pattern", { pattern, deleted, by: operator.email });
  }
  return result;
}

export interface PlatformAuditRow {
  id: string;
  actorEmail: string;
  action: string;
  target: string | null;
  details: unknown;
  createdAt: Date;
}

export async function listCacheAudit(operator: Operator, { limit = 20 } = {}): Promise<PlatformAuditRow[]> {
  assertOperator(operator);
  const db = await getDb();
  return db.platformAuditLog.findMany({
    where: { action: { startsWith: "cache." } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    select: { id: true, actorEmail: true, action: true, target: true, details: true, createdAt: true },
  });
}

export { writePlatformAudit };

// ─── Health ─────────────────────────────────────────────────────────────────────

export interface CacheHealth {
  state: "ok" | "degraded" | "down";
  reasons: string[];
  transport: RedisTarget["kind"];
  pingMs: number | null;
  role: string | null;
  replicas: number | null;
  usedMemory: number | null;
  maxMemory: number | null;
  memoryRatio: number | null;
  evictionPolicy: string | null;
  fragmentation: number | null;
  /** Slowlog entries of the last ten minutes (of the newest 128). */
  slowlogEntries: number | null;
  rejectedConnections: number | null;
  /** The cache is skipping Redis after errors. */
  bypassing: boolean;
  checkedAt: string;
}

export const HEALTH_LIMITS = {
  pingMs: 50,
  memoryRatio: 0.9,
  fragmentation: 1.5,
  fragmentationMinBytes: 64 * 1024 * 1024,
  slowlogEntries: 32,
};

async function recentSlowCommands(redis: Redis, now: Date): Promise<number | null> {
  try {
    const entries = await redis.exec<unknown[]>(["SLOWLOG", "GET", "128"]);
    if (!Array.isArray(entries)) return null;
    const since = now.getTime() / 1000 - 600;
    return entries.filter((entry) => Array.isArray(entry) && Number(entry[1]) >= since).length;
  } catch {
    return null;
  }
}

/** The state of the cache's Redis; no operator needed for the state itself (/api/health). */
export async function checkCacheHealth(options: ConsoleOptions = {}): Promise<CacheHealth> {
  const cache = options.cache ?? appCache();
  const checkedAt = (options.now ?? new Date()).toISOString();
  let target: RedisTarget;
  let pingMs: number;
  const ping = async (redis: Redis) => {
    const started = performance.now();
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 1_500)),
    ]);
    return Math.round((performance.now() - started) * 10) / 10;
  };
  try {
    target = await targetOf(options);
    pingMs = await ping(target.redis);
    // A slow first PING may have waited for the connection to open: measure once more.
    if (pingMs > HEALTH_LIMITS.pingMs) pingMs = await ping(target.redis);
  } catch (error) {
    return {
      state: "down",
      reasons: [
        `Redis does not answer PING (${error instanceof Error ? error.message : "error"}): reads go to the source.`,
      ],
      transport:
        options.target?.kind ??
        (runtimeMode.cache === "upstash" ? "upstash" : runtimeMode.cache === "redis" ? "redis" : "memory"),
      pingMs: null,
      role: null,
      replicas: null,
      usedMemory: null,
      maxMemory: null,
      memoryRatio: null,
      evictionPolicy: null,
      fragmentation: null,
      slowlogEntries: null,
      rejectedConnections: null,
      bypassing: cache.degraded,
      checkedAt,
    };
  }
  const real = target.kind !== "memory";
  const [info, policy, slowlog] = real
    ? await Promise.all([
        readInfo(target.redis),
        configGet(target.redis, "maxmemory-policy"),
        recentSlowCommands(target.redis, options.now ?? new Date()),
      ])
    : [null, null, null];
  const usedMemory = num(info?.used_memory);
  const maxMemory = num(info?.maxmemory);
  const memoryRatio = usedMemory !== null && maxMemory ? usedMemory / maxMemory : null;
  const fragmentation = num(info?.mem_fragmentation_ratio);
  const rejected = num(info?.rejected_connections);
  const evictionPolicy = policy ?? info?.maxmemory_policy ?? null;
  const reasons: string[] = [];
  if (pingMs > HEALTH_LIMITS.pingMs) reasons.push(`PING took ${pingMs} ms (over ${HEALTH_LIMITS.pingMs} ms).`);
  if (memoryRatio !== null && memoryRatio > HEALTH_LIMITS.memoryRatio) {
    reasons.push(`Memory at ${Math.round(memoryRatio * 100)}% of maxmemory.`);
  }
  if (maxMemory && evictionPolicy === "noeviction" && memoryRatio !== null && memoryRatio > HEALTH_LIMITS.memoryRatio) {
    reasons.push("maxmemory-policy is noeviction: writes will fail when memory is full.");
  }
  if (
    fragmentation !== null &&
    fragmentation > HEALTH_LIMITS.fragmentation &&
    (usedMemory ?? 0) > HEALTH_LIMITS.fragmentationMinBytes
  ) {
    reasons.push(`Memory fragmentation ratio ${fragmentation} (over ${HEALTH_LIMITS.fragmentation}).`);
  }
  // The slowlog is a ring of every slow command since start: informative (and a suggestion), not a state.
  const slowlogEntries = slowlog;
  if (rejected !== null && rejected > 0)
    reasons.push(`${rejected} connections rejected since Redis started (maxclients).`);
  if (cache.degraded) reasons.push("The cache skipped Redis after recent errors: reads go to the source.");
  return {
    state: reasons.length > 0 ? "degraded" : "ok",
    reasons,
    transport: target.kind,
    pingMs,
    role: info?.role ?? null,
    replicas: num(info?.connected_slaves),
    usedMemory,
    maxMemory,
    memoryRatio,
    evictionPolicy,
    fragmentation,
    slowlogEntries,
    rejectedConnections: rejected,
    bypassing: cache.degraded,
    checkedAt,
  };
}

export async function getCacheHealth(operator: Operator, options: ConsoleOptions = {}): Promise<CacheHealth> {
  assertOperator(operator);
  return checkCacheHealth(options);
}

// ─── Suggestions ────────────────────────────────────────────────────────────────

export interface Suggestion {
  id: string;
  severity: "info" | "warning" | "critical";
  title: string;
  evidence: string;
  action: string;
}

export const SUGGESTION_LIMITS = { hitRate: 0.85, minLookups: 100, bigKeyBytes: 512 * 1024 };

/** Rule-based suggestions from the stats, a small pattern sample and the health check. */
export function suggest(stats: CacheStats, health: CacheHealth, sample: PatternReport | null): Suggestion[] {
  const out: Suggestion[] = [];
  for (const ns of stats.namespaces) {
    const lookups = ns.hits + ns.misses + ns.stale;
    if (lookups < SUGGESTION_LIMITS.minLookups || ns.hitRate === null || ns.hitRate >= SUGGESTION_LIMITS.hitRate)
      continue;
    const churn = ns.invalidations > ns.misses / 2;
    out.push({
      id: `hit-rate:${ns.name}`,
      severity: ns.hitRate < 0.5 ? "critical" : "warning",
      title: `Namespace ${ns.name} hits ${Math.round(ns.hitRate * 100)}% (goal ${SUGGESTION_LIMITS.hitRate * 100}%)`,
      evidence: `${ns.hits + ns.stale} hits, ${ns.misses} misses, ${ns.invalidations} invalidations over ${lookups} lookups; TTL ${ns.ttlSeconds} s.`,
      action: churn
        ? `Entries are invalidated about as often as they are read: check which writes call the invalidation, or cache coarser values.`
        : `Raise the TTL (CACHE_TTLS=${ns.name}=${ns.ttlSeconds * 2}) or warm the namespace (POST /api/v1/redis/cache/warm {"namespace":"${ns.name}"}).`,
    });
  }
  for (const group of sample?.groups ?? []) {
    if (group.kind === "cache" && group.ttl.none > 0) {
      out.push({
        id: `no-ttl:${group.pattern}`,
        severity: "warning",
        title: `Cache keys without a TTL: ${group.pattern}`,
        evidence: `${group.ttl.none} of the sampled ${group.pattern} keys never expire.`,
        action: `Invalidate them (POST /api/v1/redis/cache/invalidate {"pattern":"${group.pattern}"}); the cache writes every entry with a TTL, so something else wrote these.`,
      });
    }
  }
  for (const big of sample?.biggest ?? []) {
    if (big.bytes < SUGGESTION_LIMITS.bigKeyBytes) continue;
    out.push({
      id: `big-key:${big.pattern}`,
      severity: "warning",
      title: `Big key: ${big.pattern}`,
      evidence: `${big.key} uses ${Math.round(big.bytes / 1024)} KiB (MEMORY USAGE).`,
      action:
        "Split the value or cache a smaller projection; big values slow every read of the key and block Redis while they are freed.",
    });
  }
  if (stats.server.available) {
    const policy = health.evictionPolicy;
    if (!stats.server.maxMemory) {
      out.push({
        id: "maxmemory",
        severity: "info",
        title: "Redis has no memory limit",
        evidence: "maxmemory is 0: Redis grows until the machine runs out of memory.",
        action: "Set one, e.g. CONFIG SET maxmemory 1gb (and in redis.conf), with maxmemory-policy volatile-lfu.",
      });
    } else if (policy && !policy.startsWith("volatile-")) {
      out.push({
        id: "eviction-policy",
        severity: policy === "noeviction" ? "critical" : "warning",
        title: `maxmemory-policy ${policy} does not suit this cache`,
        evidence: `Cache entries all carry a TTL; rate-limit, quota and usage counters must not be evicted before they expire or are flushed.`,
        action: "CONFIG SET maxmemory-policy volatile-lfu (evicts the least-used keys that expire anyway).",
      });
    }
    if (
      health.fragmentation !== null &&
      health.fragmentation > HEALTH_LIMITS.fragmentation &&
      (health.usedMemory ?? 0) > HEALTH_LIMITS.fragmentationMinBytes
    ) {
      out.push({
        id: "fragmentation",
        severity: "warning",
        title: `Memory fragmentation ${health.fragmentation}`,
        evidence: `Redis holds ${health.fragmentation}× the memory its data needs.`,
        action: "CONFIG SET activedefrag yes (or MEMORY PURGE on jemalloc).",
      });
    }
    if ((health.slowlogEntries ?? 0) >= HEALTH_LIMITS.slowlogEntries) {
      out.push({
        id: "slowlog",
        severity: "warning",
        title: "Slow commands",
        evidence: `${health.slowlogEntries} commands in the last ten minutes took longer than slowlog-log-slower-than.`,
        action: "Run SLOWLOG GET 20 to see them; big keys (see patterns) and KEYS-like commands are the usual cause.",
      });
    }
    if ((stats.server.evictedKeys ?? 0) > 0) {
      out.push({
        id: "evictions",
        severity: "warning",
        title: "Redis is evicting keys",
        evidence: `${stats.server.evictedKeys} keys evicted since Redis started.`,
        action: "Raise maxmemory or shorten the TTLs of the biggest cache namespaces (see patterns).",
      });
    }
  } else {
    out.push({
      id: "server-unknown",
      severity: "info",
      title: "Server statistics are not available",
      evidence: stats.server.note ?? "INFO did not answer.",
      action: "Memory, eviction and fragmentation rules need a Redis that answers INFO (TCP Redis).",
    });
  }
  if (stats.bypassing || health.state === "down") {
    out.push({
      id: "redis-errors",
      severity: "critical",
      title: "The cache cannot reach Redis",
      evidence: health.reasons.join(" ") || "Recent Redis errors opened the cache's breaker.",
      action: "Check REDIS_URL / UPSTASH_REDIS_REST_URL and Redis itself; reads go to the database meanwhile.",
    });
  }
  const order = { critical: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}

export async function getCacheSuggestions(operator: Operator, options: ConsoleOptions = {}): Promise<Suggestion[]> {
  assertOperator(operator);
  const [stats, health, sample] = await Promise.all([
    getCacheStats(operator, options),
    checkCacheHealth(options),
    scanKeyspace(operator, { max_keys: 5_000, max_ms: 1_000 }, options).catch(() => null),
  ]);
  return suggest(stats, health, sample);
}

export { STATS_KEY };
