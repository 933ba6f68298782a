// The platform's cache console API: operators (platform keys with cache:admin, or an operator's
// session) read stats, key patterns, health and suggestions, warm namespaces and invalidate by
// pattern. Tenants never see keys or values.
import { z } from "zod";

import { invalidateBodySchema, scanQuerySchema } from "../../cache/schemas";
import { defineRoute } from "../define";

const TAG = "Platform: cache";

/** camelCase keys → snake_case, deeply (the domain speaks camelCase, the API snake_case). */
export function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toSnake(v)]),
    );
  }
  return value;
}

const nullableNumber = z.number().nullable();

const namespaceStats = z.object({
  name: z.string(),
  description: z.string(),
  ttl_seconds: z.number(),
  stale_seconds: z.number(),
  tenant_scoped: z.boolean(),
  hits: z.number(),
  misses: z.number(),
  stale: z.number().describe("Served stale while one background fill replaced the entry."),
  fills: z.number(),
  avg_fill_ms: nullableNumber,
  errors: z.number(),
  invalidations: z.number(),
  hit_rate: nullableNumber.describe("(hits + stale) / lookups; null before the first lookup."),
});

export const cacheStatsResponse = z
  .object({
    at: z.string(),
    transport: z.enum(["redis", "upstash", "memory"]),
    bypassing: z.boolean().describe("The cache is skipping Redis after errors (reads go to the source)."),
    overall: z.object({
      lookups: z.number(),
      hits: z.number(),
      misses: z.number(),
      stale: z.number(),
      hit_rate: nullableNumber,
    }),
    namespaces: z.array(namespaceStats),
    server: z.looseObject({
      available: z.boolean(),
      note: z.string().nullable(),
      used_memory: nullableNumber,
      max_memory: nullableNumber,
      hit_rate: nullableNumber,
      evicted_keys: nullableNumber,
      expired_keys: nullableNumber,
      connected_clients: nullableNumber,
      ops_per_sec: nullableNumber,
    }),
    db_size: nullableNumber,
    history: z
      .array(z.looseObject({ at: z.string(), hits: z.number(), misses: z.number() }))
      .describe("One sample a minute (POST /api/cron/cache-stats), oldest first, for the last day."),
  })
  .meta({ id: "CacheStats" });

const patternGroup = z.object({
  pattern: z.string(),
  namespace: z.string(),
  kind: z.enum(["cache", "protected", "unknown"]),
  count: z.number(),
  measured: z.number(),
  bytes: z.number(),
  ttl: z.record(z.string(), z.number()),
  example: z.string(),
});

export const cachePatternsResponse = z
  .object({
    cursor: z.string().describe('Pass back as cursor to continue; "0" when the scan covered the keyspace.'),
    scanned: z.number(),
    commands: z.number(),
    complete: z.boolean(),
    db_size: nullableNumber,
    memory_measured: z.boolean(),
    duration_ms: z.number(),
    groups: z.array(patternGroup),
    biggest: z.array(z.object({ key: z.string(), pattern: z.string(), bytes: z.number() })),
  })
  .meta({ id: "CachePatterns" });

export const cacheHealthResponse = z
  .looseObject({
    state: z.enum(["ok", "degraded", "down"]),
    reasons: z.array(z.string()),
    transport: z.string(),
    ping_ms: nullableNumber,
    eviction_policy: z.string().nullable(),
    checked_at: z.string(),
  })
  .meta({ id: "CacheHealth" });

export const cacheSuggestionsResponse = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        severity: z.enum(["info", "warning", "critical"]),
        title: z.string(),
        evidence: z.string(),
        action: z.string(),
      }),
    ),
  })
  .meta({ id: "CacheSuggestions" });

export const warmBody = z.object({
  namespace: z.string().trim().min(1).max(40).describe("tenant-slug, tenant-domain, plan-catalog or pricing."),
  cursor: z.string().trim().min(1).max(64).nullish().describe("The cursor of an unfinished run, to continue it."),
  page_size: z.coerce.number().int().min(1).max(1_000).default(200),
});

export const cacheWarmResponse = z
  .object({
    namespace: z.string(),
    written: z.number(),
    present: z.number().describe("Entries that were fresh already (warming is idempotent)."),
    total: z.number(),
    cursor: z.string().nullable(),
    pages: z.number(),
    done: z.boolean(),
    duration_ms: z.number(),
  })
  .meta({ id: "CacheWarm" });

export const cacheInvalidateResponse = z
  .object({
    pattern: z.string(),
    dry_run: z.boolean(),
    matched: z.number(),
    deleted: z.number(),
    protected: z.array(z.object({ namespace: z.string(), reason: z.string(), count: z.number() })),
    namespaces: z.array(z.object({ namespace: z.string(), count: z.number() })),
    sample: z.array(z.string()),
    scanned: z.number(),
    complete: z.boolean(),
    duration_ms: z.number(),
  })
  .meta({ id: "CacheInvalidation" });

const common = { tag: TAG, audience: "platform", scope: "cache:admin" } as const;

export const getCacheStats = defineRoute({
  ...common,
  operationId: "getCacheStats",
  method: "GET",
  path: "/api/v1/redis/cache/stats",
  summary: "Cache statistics",
  description:
    "Hit rate overall and per namespace (every instance's counters), Redis' own INFO figures where the transport has them, and a day of one-minute samples.",
  response: cacheStatsResponse,
});

export const getCachePatterns = defineRoute({
  ...common,
  operationId: "getCachePatterns",
  method: "GET",
  path: "/api/v1/redis/cache/patterns",
  summary: "Key distribution by pattern",
  description:
    "A bounded SCAN sample (never KEYS): keys grouped by pattern, their namespace, TTLs and sampled memory. Continue with cursor.",
  query: scanQuerySchema,
  response: cachePatternsResponse,
});

export const getCacheHealth = defineRoute({
  ...common,
  operationId: "getCacheHealth",
  method: "GET",
  path: "/api/v1/redis/cache/health",
  summary: "Cache health",
  response: cacheHealthResponse,
});

export const getCacheSuggestions = defineRoute({
  ...common,
  operationId: "getCacheSuggestions",
  method: "GET",
  path: "/api/v1/redis/cache/suggestions",
  summary: "Optimisation suggestions",
  description: "Rule-based: each with its evidence and the action to take.",
  response: cacheSuggestionsResponse,
});

export const warmCache = defineRoute({
  ...common,
  operationId: "warmCache",
  method: "POST",
  path: "/api/v1/redis/cache/warm",
  summary: "Warm a namespace",
  description:
    "Runs the namespace's warmer page by page for up to 20 s; an unfinished run returns a cursor to continue.",
  body: warmBody,
  response: cacheWarmResponse,
  errors: ["not_found"],
});

export const invalidateCache = defineRoute({
  ...common,
  operationId: "invalidateCache",
  method: "POST",
  path: "/api/v1/redis/cache/invalidate",
  summary: "Invalidate keys by pattern",
  description:
    "SCAN + UNLINK in batches; a dry run (the default) only counts. Protected namespaces (rate limits, usage counters, throttles) are never deleted: a pattern that matches only them is refused (409), otherwise they are left out and listed.",
  body: invalidateBodySchema,
  response: cacheInvalidateResponse,
  errors: ["conflict"],
});
