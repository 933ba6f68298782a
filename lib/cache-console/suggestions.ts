// Rule-based suggestions from the stats, the health and a keyspace sample.
import "server-only";

import { type ConsoleOptions } from "./target";
import { type CacheStats, getCacheStats } from "./stats";
import { scanKeyspace } from "./keyspace-scan";
import { type CacheHealth, HEALTH_LIMITS, checkCacheHealth } from "./health";

import { assertOperator, type Operator } from "../tenancy/operator";
import { type PatternReport } from "../cache/keyspace";

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
