// The read-through cache: named namespaces over the one Redis API (TCP, Upstash REST or memory).
//
// - Keys: `c:<ns>:<id>`, or `{t:<tenantId>}:c:<ns>:<id>` for tenant-scoped namespaces (the hash tag
//   keeps a tenant's entries and its generation counter in one Redis Cluster slot).
// - Versioned entries: every entry is stamped with its namespace's generation (and its tenant's, for
//   tenant-scoped ones), read in the same round trip as the entry; bumping a generation (one INCR)
//   invalidates a whole namespace or everything cached for a tenant at once, and the orphaned
//   entries expire on their own TTL.
// - TTL with jitter (so entries written together do not expire together) and a stale window:
//   after its fresh TTL an entry is served while one background fill replaces it.
// - Stampede protection: one fill per key at a time in a process (single flight) and across
//   processes (a short `SET NX PX` lock; the others serve stale or wait briefly for the winner).
// - Hit / miss / stale / fill / error counters per namespace: in the Prometheus registry at once and
//   in Redis (batched, one pipeline a second) so the console sees every instance.
// - Redis down: the loader is called directly (nothing is lost), `tessera_cache_redis_errors_total`
//   says so, and Redis is not tried again for a few seconds (a breaker), so requests never queue
//   behind a dead connection.
import type { Redis } from "@upstash/redis";

import { withDeadline } from "../deadline";
import { metrics } from "../observability/metrics";
import { tenantTag } from "./slots";
import { getRedis } from "./redis";

export interface NamespaceConfig {
  /** Lower-case name, also the key segment: `c:<name>:…`. */
  name: string;
  description: string;
  /** Fresh for this long (seconds), before jitter. */
  ttlSeconds: number;
  /** After the fresh TTL, served stale (and refilled in the background) for this long. */
  staleSeconds: number;
  /** ± this fraction of the TTL, at random (0.1 = ±10%). */
  jitter: number;
  /** Keys carry the tenant's hash tag and the tenant generation. */
  tenantScoped: boolean;
}

export type CacheCounter = "hits" | "misses" | "stale" | "fills" | "fill_ms" | "errors" | "invalidations";
export const CACHE_COUNTERS: CacheCounter[] = [
  "hits",
  "misses",
  "stale",
  "fills",
  "fill_ms",
  "errors",
  "invalidations",
];

/** The hash holding every namespace's counters (`<ns>:<counter>` fields). */
export const STATS_KEY = "c:stats";
const LOCK_MS = 5_000;
const WAIT_STEP_MS = 20;
const WAIT_STEPS = 25;
const BREAKER_MS = 5_000;
const REDIS_TIMEOUT_MS = 1_000;

export const nsGenerationKey = (ns: string) => `c:${ns}:gen`;
export const tenantGenerationKey = (tenantId: string) => `${tenantTag(tenantId)}:c:gen`;

/** The Redis key of an entry (no client prefix). */
export function entryKey(ns: NamespaceConfig, id: string, tenantId?: string): string {
  if (ns.tenantScoped) {
    if (!tenantId) throw new Error(`cache namespace ${ns.name} needs a tenant id`);
    return `${tenantTag(tenantId)}:c:${ns.name}:${id}`;
  }
  return `c:${ns.name}:${id}`;
}

interface Envelope {
  /** The value, dates encoded as {"$d": iso}. */
  d: unknown;
  /** Fresh until (epoch ms). */
  f: number;
  /** Namespace generation, tenant generation. */
  g: number;
  t: number;
}

// ─── Serialisation: JSON with dates kept ─────────────────────────────────────

export function encodeValue(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, replaced: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return { $d: raw.toISOString() };
      if (raw instanceof Set) return { $s: [...raw] };
      return replaced;
    }) ?? "null",
  );
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && typeof record.$d === "string") return new Date(record.$d);
    if (keys.length === 1 && Array.isArray(record.$s)) return new Set(record.$s.map(decodeValue));
    return Object.fromEntries(keys.map((k) => [k, decodeValue(record[k])]));
  }
  return value;
}

function parseEnvelope(raw: unknown): Envelope | null {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== "object") return null;
  const e = value as Partial<Envelope>;
  return typeof e.f === "number" && typeof e.g === "number" && typeof e.t === "number" && "d" in e
    ? (e as Envelope)
    : null;
}

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value) || 0);

const withTimeout = <T>(promise: Promise<T>, ms = REDIS_TIMEOUT_MS): Promise<T> =>
  withDeadline(promise, ms, "redis timeout");

export interface CacheOptions {
  /** The Redis client (default: the app's, lib/cache/redis.ts). */
  redis?: () => Promise<Redis>;
  /** Flush counters to Redis every this many ms (0: only on flushStats()). */
  statsFlushMs?: number;
  /** Random source for jitter and lock tokens (tests). */
  random?: () => number;
  now?: () => number;
}

export interface GetOptions {
  tenantId?: string;
}

type Loader<T> = () => Promise<T>;

/** One cache instance: its namespaces share the Redis client, counters and breaker. */
export class ReadThroughCache {
  private readonly redisFactory: () => Promise<Redis>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly pending = new Map<string, number>();
  private brokenUntil = 0;
  private flushTimer: ReturnType<typeof setInterval> | undefined;
  readonly namespaces = new Map<string, NamespaceConfig>();

  constructor(options: CacheOptions = {}) {
    this.redisFactory = options.redis ?? getRedis;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    const every = options.statsFlushMs ?? 1_000;
    if (every > 0) {
      this.flushTimer = setInterval(() => void this.flushStats(), every);
      this.flushTimer.unref?.();
    }
  }

  define(config: NamespaceConfig): NamespaceConfig {
    if (!/^[a-z][a-z0-9-]{1,30}$/.test(config.name)) throw new Error(`bad cache namespace name ${config.name}`);
    this.namespaces.set(config.name, config);
    return config;
  }

  /** Resolves when every fill running now (background refreshes included) has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inflight.values()]);
  }

  stop(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
  }

  /** Redis is being skipped after an error (the breaker is open). */
  get degraded(): boolean {
    return this.now() < this.brokenUntil;
  }

  private async redis(): Promise<Redis | null> {
    if (this.degraded) return null;
    try {
      return await withTimeout(this.redisFactory());
    } catch (error) {
      this.fail("connect", error);
      return null;
    }
  }

  private fail(ns: string, _error: unknown): void {
    this.brokenUntil = this.now() + BREAKER_MS;
    this.count(ns, "errors");
    metrics().cacheRedisErrors.inc();
    metrics().redisFallback.inc({ purpose: "cache", decision: "fail_open" });
  }

  private count(ns: string, counter: CacheCounter, by = 1): void {
    if (counter === "fill_ms") metrics().cacheFillSeconds.observe({ namespace: ns }, by / 1000);
    else metrics().cacheEvents.inc({ namespace: ns, event: counter }, by);
    const field = `${ns}:${counter}`;
    this.pending.set(field, (this.pending.get(field) ?? 0) + by);
  }

  /** Writes the counters gathered since the last flush to Redis (one pipeline). */
  async flushStats(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    const redis = await this.redis();
    if (!redis) return; // counted in Prometheus; Redis' totals miss what happened while it was down
    try {
      const pipeline = redis.pipeline();
      for (const [field, by] of batch) pipeline.hincrby(STATS_KEY, field, Math.round(by));
      await withTimeout(pipeline.exec());
    } catch (error) {
      this.fail("stats", error);
    }
  }

  private ttlMs(ns: NamespaceConfig): number {
    const spread = 1 + ns.jitter * (2 * this.random() - 1);
    return Math.max(1_000, Math.round(ns.ttlSeconds * 1000 * spread));
  }

  /**
   * The cached value of `id` in `ns`, or `load()`'s (stored for next time). `load` may return
   * null (cached too: a negative entry); it must not return undefined.
   */
  async get<T>(ns: NamespaceConfig, id: string, load: Loader<T>, options: GetOptions = {}): Promise<T> {
    const key = entryKey(ns, id, options.tenantId);
    const redis = await this.redis();
    if (!redis) {
      this.count(ns.name, "misses");
      return this.fillLocal(ns, key, load, null, null);
    }
    let envelope: Envelope | null = null;
    let gens: { g: number; t: number };
    try {
      const pipeline = redis.pipeline();
      pipeline.get(nsGenerationKey(ns.name));
      pipeline.get(
        ns.tenantScoped && options.tenantId ? tenantGenerationKey(options.tenantId) : nsGenerationKey(ns.name),
      );
      pipeline.get(key);
      const [g, t, raw] = (await withTimeout(pipeline.exec())) as [unknown, unknown, unknown];
      gens = { g: toNumber(g), t: ns.tenantScoped ? toNumber(t) : 0 };
      const parsed = parseEnvelope(raw);
      if (parsed && parsed.g === gens.g && parsed.t === gens.t) envelope = parsed;
    } catch (error) {
      this.fail(ns.name, error);
      this.count(ns.name, "misses");
      return this.fillLocal(ns, key, load, null, null);
    }
    if (envelope) {
      const value = decodeValue(envelope.d) as T;
      if (envelope.f > this.now()) {
        this.count(ns.name, "hits");
        return value;
      }
      // Stale: serve it, and let one caller (here or elsewhere) refill it.
      this.count(ns.name, "stale");
      if (!this.inflight.has(key)) {
        void this.fillLocal(ns, key, load, redis, gens, { background: true }).catch(() => {});
      }
      return value;
    }
    this.count(ns.name, "misses");
    return this.fillLocal(ns, key, load, redis, gens);
  }

  /** One fill per key in this process; across processes, one per key via a lock. */
  private fillLocal<T>(
    ns: NamespaceConfig,
    key: string,
    load: Loader<T>,
    redis: Redis | null,
    gens: { g: number; t: number } | null,
    { background = false } = {},
  ): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running as Promise<T>;
    const promise = this.fill(ns, key, load, redis, gens, background).finally(() => {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    });
    this.inflight.set(key, promise);
    return promise;
  }

  private async fill<T>(
    ns: NamespaceConfig,
    key: string,
    load: Loader<T>,
    redis: Redis | null,
    gens: { g: number; t: number } | null,
    background: boolean,
  ): Promise<T> {
    if (!redis || !gens) return this.timedLoad(ns, load);
    const lockKey = `${key}:lock`;
    const token = this.random().toString(36).slice(2);
    let locked = true;
    try {
      // The lock and a second look at the entry in one round trip: a fill that finished between
      // this caller's miss and its lock (it stored the value and released the lock) is served,
      // not loaded again.
      const [set, current] = await withTimeout(
        redis.pipeline().set(lockKey, token, { nx: true, px: LOCK_MS }).get(key).exec<[unknown, unknown]>(),
      );
      locked = set === "OK";
      const envelope = parseEnvelope(current);
      if (envelope && envelope.g === gens.g && envelope.t === gens.t && envelope.f > this.now()) {
        if (locked) await withTimeout(redis.del(lockKey));
        return decodeValue(envelope.d) as T;
      }
    } catch (error) {
      this.fail(ns.name, error);
      return this.timedLoad(ns, load);
    }
    if (!locked) {
      if (background) return undefined as T; // another process refreshes it
      // Another process is filling: wait briefly for its value rather than loading again.
      for (let i = 0; i < WAIT_STEPS; i++) {
        await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
        try {
          const envelope = parseEnvelope(await withTimeout(redis.get(key)));
          if (envelope && envelope.g === gens.g && envelope.t === gens.t) return decodeValue(envelope.d) as T;
        } catch (error) {
          this.fail(ns.name, error);
          break;
        }
      }
    }
    const value = await this.timedLoad(ns, load);
    try {
      const ttl = this.ttlMs(ns);
      const envelope: Envelope = { d: encodeValue(value), f: this.now() + ttl, g: gens.g, t: gens.t };
      const pipeline = redis.pipeline();
      pipeline.set(key, JSON.stringify(envelope), { px: ttl + ns.staleSeconds * 1000 });
      if (locked) pipeline.del(lockKey);
      await withTimeout(pipeline.exec());
    } catch (error) {
      this.fail(ns.name, error);
    }
    return value;
  }

  private async timedLoad<T>(ns: NamespaceConfig, load: Loader<T>): Promise<T> {
    const started = performance.now();
    const value = await load();
    this.count(ns.name, "fills");
    this.count(ns.name, "fill_ms", performance.now() - started);
    return value;
  }

  /**
   * Warming: stores the given values where no fresh entry of the current generation exists (two
   * pipelines for the whole batch). Idempotent; touches no hit/miss counter. Throws when Redis
   * cannot be reached (a warmer reports it).
   */
  async primeMany(
    ns: NamespaceConfig,
    entries: { id: string; tenantId?: string; value: unknown }[],
  ): Promise<{ written: number; present: number }> {
    if (entries.length === 0) return { written: 0, present: 0 };
    const redis = await withTimeout(this.redisFactory());
    const read = redis.pipeline();
    read.get(nsGenerationKey(ns.name));
    for (const entry of entries) {
      read.get(ns.tenantScoped && entry.tenantId ? tenantGenerationKey(entry.tenantId) : nsGenerationKey(ns.name));
      read.get(entryKey(ns, entry.id, entry.tenantId));
    }
    const replies = (await read.exec()) as unknown[];
    const g = toNumber(replies[0]);
    const write = redis.pipeline();
    let written = 0;
    entries.forEach((entry, i) => {
      const t = ns.tenantScoped ? toNumber(replies[1 + i * 2]) : 0;
      const current = parseEnvelope(replies[2 + i * 2]);
      if (current && current.g === g && current.t === t && current.f > this.now()) return;
      const ttl = this.ttlMs(ns);
      const envelope: Envelope = { d: encodeValue(entry.value), f: this.now() + ttl, g, t };
      write.set(entryKey(ns, entry.id, entry.tenantId), JSON.stringify(envelope), { px: ttl + ns.staleSeconds * 1000 });
      written += 1;
    });
    if (written > 0) await write.exec();
    this.count(ns.name, "fills", written);
    return { written, present: entries.length - written };
  }

  /** Deletes entries precisely (after a write that changed them). Never throws. */
  async invalidate(ns: NamespaceConfig, ids: string[], options: GetOptions = {}): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) this.inflight.delete(entryKey(ns, id, options.tenantId));
    this.count(ns.name, "invalidations", ids.length);
    const redis = await this.redis();
    if (!redis) return;
    try {
      await withTimeout(redis.del(...ids.map((id) => entryKey(ns, id, options.tenantId))));
    } catch (error) {
      this.fail(ns.name, error);
    }
  }

  /** Invalidates every entry of a namespace (all tenants), in one INCR. */
  async bumpNamespace(ns: NamespaceConfig): Promise<void> {
    this.count(ns.name, "invalidations");
    for (const key of this.inflight.keys()) if (key.includes(`c:${ns.name}:`)) this.inflight.delete(key);
    const redis = await this.redis();
    if (!redis) return;
    try {
      await withTimeout(redis.incr(nsGenerationKey(ns.name)));
    } catch (error) {
      this.fail(ns.name, error);
    }
  }

  /** Invalidates everything cached for one tenant (every tenant-scoped namespace), in one INCR. */
  async bumpTenant(tenantId: string): Promise<void> {
    const tag = tenantTag(tenantId);
    for (const key of this.inflight.keys()) if (key.startsWith(tag)) this.inflight.delete(key);
    const redis = await this.redis();
    if (!redis) return;
    try {
      await withTimeout(redis.incr(tenantGenerationKey(tenantId)));
    } catch (error) {
      this.fail("tenant", error);
    }
  }

  /** The counters in Redis (every instance's), per namespace. */
  async readStats(): Promise<Record<string, Record<CacheCounter, number>>> {
    await this.flushStats();
    const redis = await this.redisFactory();
    const raw = (await redis.hgetall<Record<string, unknown>>(STATS_KEY)) ?? {};
    const out: Record<string, Record<CacheCounter, number>> = {};
    for (const name of this.namespaces.keys()) {
      out[name] = Object.fromEntries(CACHE_COUNTERS.map((c) => [c, 0])) as Record<CacheCounter, number>;
    }
    for (const [field, value] of Object.entries(raw)) {
      const at = field.lastIndexOf(":");
      const ns = field.slice(0, at);
      const counter = field.slice(at + 1) as CacheCounter;
      if (!CACHE_COUNTERS.includes(counter)) continue;
      const row = (out[ns] ??= Object.fromEntries(CACHE_COUNTERS.map((c) => [c, 0])) as Record<CacheCounter, number>);
      row[counter] = toNumber(value);
    }
    return out;
  }
}
