// The read-through cache (lib/cache/cache.ts) on every Redis transport: the memory store and, when
// REDIS_URL is set, TCP Redis and Upstash REST (the bridge fixture). Hit/miss accounting in Redis
// and Prometheus, stampede protection in one process and across two, stale-while-revalidate,
// generations, hash-tagged tenant keys, jittered TTLs, and the Redis-down fallback.
import { randomBytes } from "node:crypto";

import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { entryKey, ReadThroughCache, type NamespaceConfig } from "@/lib/cache/cache";
import { ioredisRequester } from "@/lib/cache/requester";
import { metrics } from "@/lib/observability/metrics";

import { redisTransports, type OpenTransport } from "../fixtures/redis-transports";

const ns = (over: Partial<NamespaceConfig> = {}): NamespaceConfig => ({
  name: `t${randomBytes(3).toString("hex")}`,
  description: "test namespace",
  ttlSeconds: 60,
  staleSeconds: 30,
  jitter: 0.1,
  tenantScoped: false,
  ...over,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function counterValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await metrics().registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

describe.each(redisTransports())("read-through cache over $name", (transport) => {
  let open: OpenTransport;
  let clock = Date.now();
  const make = (random = Math.random) =>
    new ReadThroughCache({ redis: async () => open.redis, statsFlushMs: 0, now: () => clock, random });

  beforeAll(async () => {
    open = await transport.open();
  });
  afterAll(async () => {
    await open?.close();
  });

  it("counts a miss, a fill and then hits, in Redis and in Prometheus", async () => {
    const cache = make();
    const space = cache.define(ns());
    let loads = 0;
    const load = async () => ({ n: ++loads, at: new Date("2026-12-01T00:00:00Z") });
    const first = await cache.get(space, "a", load);
    const second = await cache.get(space, "a", load);
    const third = await cache.get(space, "a", load);
    expect(loads).toBe(1);
    expect(second).toEqual(first);
    expect(third.at).toBeInstanceOf(Date); // dates survive the JSON round trip
    expect(third.at.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    const stats = await cache.readStats();
    expect(stats[space.name]).toMatchObject({ hits: 2, misses: 1, fills: 1, errors: 0 });
    expect(await counterValue("tessera_cache_events_total", { namespace: space.name, event: "hits" })).toBe(2);
    expect(await counterValue("tessera_cache_events_total", { namespace: space.name, event: "misses" })).toBe(1);
  });

  it("caches null (a negative entry) but loads again after invalidate()", async () => {
    const cache = make();
    const space = cache.define(ns());
    let loads = 0;
    const load = async () => (++loads > 1 ? "now" : null);
    expect(await cache.get(space, "x", load)).toBeNull();
    expect(await cache.get(space, "x", load)).toBeNull();
    expect(loads).toBe(1);
    await cache.invalidate(space, ["x"]);
    expect(await cache.get(space, "x", load)).toBe("now");
  });

  it("fills once for 100 concurrent misses in one process", async () => {
    const cache = make();
    const space = cache.define(ns());
    const gate = deferred<string>();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return gate.promise;
    };
    const calls = Array.from({ length: 100 }, () => cache.get(space, "hot", load));
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve("value");
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["value"]));
    expect(loads).toBe(1);
    // Over slow transports some callers arrive after the value is stored: they hit.
    const stats = (await cache.readStats())[space.name];
    expect(stats?.fills).toBe(1);
    expect((stats?.misses ?? 0) + (stats?.hits ?? 0)).toBe(100);
  });

  it("fills once for 100 concurrent misses spread over two processes (the Redis lock)", async () => {
    const a = make();
    const b = make();
    const config = ns();
    a.define(config);
    b.define(config);
    let loads = 0;
    const gate = deferred<string>();
    const load = async () => {
      loads += 1;
      return gate.promise;
    };
    const first = a.get(config, "hot", load);
    // Let A take the lock before B's callers arrive.
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (let i = 0; i < 10 && loads === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    const calls = [
      first,
      ...Array.from({ length: 49 }, () => a.get(config, "hot", load)),
      ...Array.from({ length: 50 }, () => b.get(config, "hot", load)),
    ];
    gate.resolve("shared");
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["shared"]));
    expect(loads).toBe(1);
  });

  it("serves a stale entry while one background fill replaces it", async () => {
    const cache = make(() => 0.5); // no jitter
    const space = cache.define(ns({ ttlSeconds: 10, staleSeconds: 60 }));
    let version = 0;
    const load = async () => `v${++version}`;
    expect(await cache.get(space, "k", load)).toBe("v1");
    clock += 11_000; // past the fresh TTL, inside the stale window
    const stale = await Promise.all([cache.get(space, "k", load), cache.get(space, "k", load)]);
    expect(stale).toEqual(["v1", "v1"]);
    await cache.idle();
    expect(version).toBe(2);
    expect(await cache.get(space, "k", load)).toBe("v2");
    expect((await cache.readStats())[space.name]).toMatchObject({ stale: 2, fills: 2, hits: 1 });
  });

  it("invalidates a namespace or a tenant with one generation bump", async () => {
    const cache = make();
    const global = cache.define(ns());
    const scoped = cache.define(ns({ tenantScoped: true }));
    let loads = 0;
    const load = async () => ++loads;
    await cache.get(global, "g", load);
    await cache.get(scoped, "u1", load, { tenantId: "ta" });
    await cache.get(scoped, "u1", load, { tenantId: "tb" });
    expect(loads).toBe(3);
    await cache.bumpTenant("ta");
    expect(await cache.get(scoped, "u1", load, { tenantId: "ta" })).toBe(4); // refilled
    expect(await cache.get(scoped, "u1", load, { tenantId: "tb" })).toBe(3); // untouched
    expect(await cache.get(global, "g", load)).toBe(1);
    await cache.bumpNamespace(global);
    expect(await cache.get(global, "g", load)).toBe(5);
  });

  it("puts tenant entries under the tenant's hash tag, with a jittered TTL plus the stale window", async () => {
    const low = make(() => 0);
    const high = make(() => 0.999);
    const scoped = ns({ tenantScoped: true, ttlSeconds: 100, staleSeconds: 20, jitter: 0.1 });
    low.define(scoped);
    high.define(scoped);
    const key = entryKey(scoped, "user-1", "tenant-9");
    expect(key).toBe(`{t:tenant-9}:c:${scoped.name}:user-1`);
    await low.get(scoped, "user-1", async () => 1, { tenantId: "tenant-9" });
    await high.get(scoped, "user-2", async () => 2, { tenantId: "tenant-9" });
    const shortTtl = await open.redis.pttl(key);
    const longTtl = await open.redis.pttl(entryKey(scoped, "user-2", "tenant-9"));
    expect(shortTtl).toBeGreaterThan(90_000 + 20_000 - 5_000);
    expect(shortTtl).toBeLessThanOrEqual(90_000 + 20_000);
    expect(longTtl).toBeGreaterThan(109_000 + 20_000 - 5_000);
    expect(longTtl).toBeLessThanOrEqual(110_000 + 20_000);
  });

  it("warms with primeMany: idempotent, and leaves hit/miss counters alone", async () => {
    const cache = make();
    const space = cache.define(ns());
    const entries = [
      { id: "a", value: 1 },
      { id: "b", value: 2 },
    ];
    expect(await cache.primeMany(space, entries)).toEqual({ written: 2, present: 0 });
    expect(await cache.primeMany(space, entries)).toEqual({ written: 0, present: 2 });
    let loads = 0;
    expect(await cache.get(space, "b", async () => ++loads)).toBe(2);
    expect(loads).toBe(0);
    expect((await cache.readStats())[space.name]).toMatchObject({ hits: 1, misses: 0, fills: 2 });
  });
});

describe("read-through cache with Redis down", () => {
  let dead: IORedis;
  beforeAll(() => {
    // Nothing listens on port 1: every command fails after the connect attempt.
    dead = new IORedis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      connectTimeout: 200,
      retryStrategy: () => null,
    });
    dead.on("error", () => {});
  });
  afterAll(() => dead.disconnect());

  it("reads the source, loses nothing, says so in a metric, and stops trying for a while", async () => {
    const redis = new Redis(ioredisRequester(dead) as never);
    const cache = new ReadThroughCache({ redis: async () => redis, statsFlushMs: 0 });
    const space = cache.define(ns());
    const before = await counterValue("tessera_cache_redis_errors_total");
    const fallbacks = await counterValue("tessera_redis_unavailable_total", { purpose: "cache" });
    let loads = 0;
    const load = async () => `fresh-${++loads}`;
    expect(await cache.get(space, "k", load)).toBe("fresh-1");
    expect(await cache.get(space, "k", load)).toBe("fresh-2"); // no cache, but no error either
    expect(cache.degraded).toBe(true);
    expect(await counterValue("tessera_cache_redis_errors_total")).toBe(before + 1); // breaker: one try
    expect(await counterValue("tessera_redis_unavailable_total", { purpose: "cache" })).toBe(fallbacks + 1);
    await expect(cache.invalidate(space, ["k"])).resolves.toBeUndefined();
    expect(await counterValue("tessera_cache_events_total", { namespace: space.name, event: "misses" })).toBe(2);
  });
});
