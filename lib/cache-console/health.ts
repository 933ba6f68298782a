// Cache health: reachability, latency, memory, evictions and slow commands against HEALTH_LIMITS.
import "server-only";

import { type ConsoleOptions, type RedisTarget, configGet, num, readInfo, targetOf } from "./target";

import type { Redis } from "@upstash/redis";

import { withDeadline } from "../deadline";
import { runtimeMode } from "../env";
import { foldRedisInto, withSpan } from "../observability/tracing";
import { assertOperator, type Operator } from "../tenancy/operator";
import { appCache } from "../cache/namespaces";

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

/**
 * The state of the cache's Redis; no operator needed for the state itself (/api/health). Traced as
 * one `cache.health` span that counts its Redis commands (PING, INFO, CONFIG GET, SLOWLOG GET) rather
 * than a span for each: a health probe's trace needs how long the check took and what it found.
 */
export function checkCacheHealth(options: ConsoleOptions = {}): Promise<CacheHealth> {
  return withSpan("cache.health", NO_ATTRIBUTES, async (span) => {
    foldRedisInto(span);
    const health = await inspectCacheHealth(options);
    span.setAttribute("tessera.cache.state", health.state);
    return health;
  });
}

const NO_ATTRIBUTES = {};

async function inspectCacheHealth(options: ConsoleOptions): Promise<CacheHealth> {
  const cache = options.cache ?? appCache();
  const checkedAt = (options.now ?? new Date()).toISOString();
  let target: RedisTarget;
  let pingMs: number;
  const ping = async (redis: Redis) => {
    const started = performance.now();
    await withDeadline(redis.ping(), 1_500, "timeout");
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
