// The operator's cache console (lib/cache-console/console.ts, lib/cache-console/warmers.ts) on every Redis transport:
// grouping keys by pattern, a bounded scan of 200k keys (TCP), pattern invalidation whose dry run
// counts exactly what the real run deletes, protected namespaces refused or left out, the audit
// entry, health, suggestions and warming; and the API routes behind cache:admin.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPlatformKey } from "@/lib/api-keys/keys";
import { assistantKeys } from "@/lib/assistants/keys";
import {
  checkCacheHealth,
  getCacheHistory,
  getCacheStats,
  getCacheSuggestions,
  invalidatePattern,
  recordCacheSample,
  scanKeyspace,
  suggest,
  type CacheHealth,
  type CacheStats,
  type RedisTarget,
} from "@/lib/cache-console/console";
import { ReadThroughCache } from "@/lib/cache/cache";
import { classifyKey, patternOf, refusalOf } from "@/lib/cache/keyspace";
import { NAMESPACES } from "@/lib/cache/namespaces";
import { warmNamespace } from "@/lib/cache-console/warmers";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenancy/tenants";

import { redisTransports, type OpenTransport } from "../fixtures/redis-transports";
import { call } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { testOperator } from "../helpers/operator";

let t: TestDb;
const operator = testOperator();
const letters = (n: number) => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join("");

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("key patterns", () => {
  it("replaces ids with * and names the application namespace", () => {
    expect(patternOf("c:tenant-slug:acme")).toBe("c:tenant-slug:*");
    expect(patternOf("{t:cmx6zj2cj000dhd7do8mcz0un}:c:membership:cmx6zj38u0013hd7dpbvja5hu")).toBe(
      "{t:*}:c:membership:*",
    );
    expect(patternOf("{t:cmx6zj2cj000dhd7do8mcz0un}:usage:2026120301")).toBe("{t:*}:usage:*");
    expect(patternOf("rl:signin:ip:10.0.0.1:1764730800000")).toBe("rl:signin:ip:*:*");
    expect(patternOf("{signin:9f86d081884c7d659a2feaa0c55ad015}:email")).toBe("{signin:*}:email");
    expect(patternOf("c:tenant-slug:acme:lock")).toBe("c:tenant-slug:*:lock");
    expect(classifyKey("c:tenant-slug:acme")).toMatchObject({ namespace: "cache:tenant-slug", kind: "cache" });
    expect(classifyKey("{t:abc}:c:membership:u1")).toMatchObject({ namespace: "cache:membership", kind: "cache" });
    expect(classifyKey("{t:abc}:quota:202612")).toMatchObject({ kind: "protected", namespace: "quota-counters" });
    expect(classifyKey("{t:abc}:auth-epoch")).toMatchObject({ kind: "protected", namespace: "auth-epochs" });
    expect(patternOf("c:tenant:gen")).toBe("c:tenant:gen");
    expect(patternOf("big:{t:tenant5}:c:membership:cm0000000000000000000001")).toBe("big:{t:*}:c:membership:*");
    expect(classifyKey("c:tenant:gen")).toMatchObject({ kind: "protected", namespace: "cache-generations" });
    expect(classifyKey("something:else")).toMatchObject({ kind: "unknown" });
    expect(classifyKey("{t:abc}:ai-chat:conv:stream")).toMatchObject({
      kind: "protected",
      namespace: "resumable-streams",
    });
    expect(classifyKey("{t:abc}:ai-chat:conv:other")).toMatchObject({ kind: "unknown" });
    expect(classifyKey("{t:abc}:ai-tokens:202612")).toMatchObject({ kind: "cache", namespace: "ai-token-counts" });
    expect(refusalOf("rl:*")).toMatchObject({ namespace: "rate-limit" });
    expect(refusalOf("{t:*}:usage:*")).toMatchObject({ namespace: "usage-counters" });
    expect(refusalOf("c:tenant-slug:*")).toBeNull();
    expect(refusalOf("*")).toBeNull(); // narrowed by the scan instead
  });
});

describe.each(redisTransports())("cache console over $name", (transport) => {
  let open: OpenTransport;
  let target: RedisTarget;
  let cache: ReadThroughCache;
  const options = () => ({ target, cache });

  beforeAll(async () => {
    open = await transport.open();
    const keyPrefix = (open.raw.options as { keyPrefix?: string }).keyPrefix ?? "";
    target = {
      redis: open.redis,
      keyPrefix,
      kind: transport.kind === "memory" ? "memory" : transport.kind === "rest" ? "upstash" : "redis",
    };
    cache = new ReadThroughCache({ redis: async () => open.redis, statsFlushMs: 0 });
    for (const ns of Object.values(NAMESPACES)) cache.define(ns);
  });
  afterAll(async () => {
    cache?.stop();
    await open?.close();
  });

  it("groups a complete scan by pattern with counts, TTLs and namespaces", async () => {
    const tag = letters(8);
    const pipeline = open.raw.pipeline();
    for (let i = 0; i < 30; i++) pipeline.set(`g${tag}:c:tenant-slug:slug-${i}`, "x", "EX", 1_200);
    for (let i = 0; i < 20; i++) pipeline.set(`g${tag}:rl:signin:ip:10.0.0.${i}:1764730800000`, "1", "PX", 30_000);
    for (let i = 0; i < 5; i++) pipeline.set(`g${tag}:misc:${i}0000000000000001`, "x");
    await pipeline.exec();
    const report = await scanKeyspace(operator, { match: `g${tag}:*`, max_keys: 10_000 }, options());
    expect(report.complete).toBe(true);
    expect(report.scanned).toBe(55);
    const byPattern = Object.fromEntries(report.groups.map((g) => [g.pattern, g]));
    expect(byPattern[`g${tag}:c:tenant-slug:*`]).toMatchObject({ count: 30 });
    expect(byPattern[`g${tag}:c:tenant-slug:*`]?.ttl["10m-1h"]).toBe(30);
    expect(byPattern[`g${tag}:rl:signin:ip:*:*`]).toMatchObject({ count: 20 });
    expect(byPattern[`g${tag}:rl:signin:ip:*:*`]?.ttl["<1m"]).toBe(20);
    expect(byPattern[`g${tag}:misc:*`]).toMatchObject({ count: 5, kind: "unknown" });
    expect(byPattern[`g${tag}:misc:*`]?.ttl.none).toBe(5);
    if (transport.kind === "memory") expect(report.memoryMeasured).toBe(false);
    else {
      expect(report.memoryMeasured).toBe(true);
      expect(report.biggest.length).toBeGreaterThan(0);
    }
  });

  it("counts in a dry run exactly what the real run deletes, leaving protected keys, audit-logged", async () => {
    const tenant = `inv${randomBytes(5).toString("hex")}`;
    const pipeline = open.raw.pipeline();
    for (let i = 0; i < 2_500; i++) pipeline.set(`{t:${tenant}}:c:membership:user-${i}`, "{}", "EX", 600);
    for (let i = 0; i < 120; i++) pipeline.hset(`{t:${tenant}}:usage:20261203${String(i).padStart(2, "0")}`, "k", 1);
    for (let i = 0; i < 30; i++) pipeline.set(`{t:${tenant}}:rl:key-${i}:1764730`, "3", "EX", 60);
    pipeline.set(`{t:${tenant}}:auth-epoch`, "4");
    await pipeline.exec();
    const pattern = `{t:${tenant}}:*`;

    const dry = await invalidatePattern(operator, { pattern }, options());
    expect(dry).toMatchObject({ dryRun: true, matched: 2_500, deleted: 0, complete: true });
    expect(dry.namespaces).toEqual([{ namespace: "cache:membership", count: 2_500 }]);
    expect(Object.fromEntries(dry.protected.map((p) => [p.namespace, p.count]))).toEqual({
      "usage-counters": 120,
      "rate-limit": 30,
      "auth-epochs": 1,
    });
    expect(dry.protected.every((p) => p.reason.length > 10)).toBe(true);
    expect(dry.sample.length).toBe(20);

    const real = await invalidatePattern(operator, { pattern, dry_run: false }, options());
    expect(real.deleted).toBe(dry.matched);
    expect(real.matched).toBe(dry.matched);
    const left = await scanKeyspace(operator, { match: pattern, max_keys: 10_000 }, options());
    expect(left.scanned).toBe(151);
    expect(left.groups.every((g) => g.kind === "protected")).toBe(true);

    const audit = await t.db.platformAuditLog.findFirst({
      where: { action: "cache.invalidated", target: pattern },
    });
    expect(audit).toMatchObject({ actorEmail: operator.email, actorId: operator.id });
    expect(audit?.details).toMatchObject({ matched: 2_500, deleted: 2_500 });
    if (open.bridge) {
      const sent = new Set(open.bridge.commands);
      for (const forbidden of ["keys", "flushall", "flushdb"]) expect(sent.has(forbidden)).toBe(false);
      expect(sent.has("scan")).toBe(true);
      expect(sent.has("unlink")).toBe(true);
    }
  });

  it("classifies the assistants' keys: recorded answers protected, the token count deletable", async () => {
    const tenant = `ai${randomBytes(5).toString("hex")}`;
    const at = new Date("2026-12-03T09:00:00Z");
    const conversations = Array.from({ length: 3 }, () => crypto.randomUUID());
    const streams = conversations.map(() => crypto.randomUUID());
    const pipeline = open.raw.pipeline();
    conversations.forEach((conversation, i) => {
      pipeline.set(assistantKeys.activeStream(tenant, conversation), streams[i]!, "EX", 600);
      pipeline.rpush(assistantKeys.streamChunks(tenant, streams[i]!), "data: {}\n\n");
      pipeline.expire(assistantKeys.streamChunks(tenant, streams[i]!), 600);
    });
    pipeline.set(assistantKeys.streamStop(tenant, streams[0]!), "1", "EX", 600);
    pipeline.set(assistantKeys.tokens(tenant, at), "1200", "EX", 600);
    pipeline.set(assistantKeys.chatRate(tenant, "cmx6zj38u0013hd7dpbvja5hu", 1764752400000), "2", "PX", 60_000);
    await pipeline.exec();

    const report = await scanKeyspace(operator, { match: `*{t:${tenant}}:*`, max_keys: 10_000 }, options());
    expect(report.scanned).toBe(9);
    const byPattern = Object.fromEntries(report.groups.map((g) => [g.pattern, g]));
    expect(byPattern["{t:*}:ai-chat:*:stream"]).toMatchObject({
      count: 3,
      namespace: "resumable-streams",
      kind: "protected",
    });
    expect(byPattern["{t:*}:ai-stream:*"]).toMatchObject({
      count: 3,
      namespace: "resumable-streams",
      kind: "protected",
    });
    expect(byPattern["{t:*}:ai-stream:*:stop"]).toMatchObject({ count: 1, namespace: "resumable-streams" });
    expect(byPattern["{t:*}:ai-tokens:*"]).toMatchObject({ count: 1, namespace: "ai-token-counts", kind: "cache" });
    expect(byPattern["rl:{t:*}:ai-chat:*:*"]).toMatchObject({ count: 1, namespace: "rate-limit", kind: "protected" });
    expect(report.groups.some((g) => g.kind === "unknown")).toBe(false);

    // A wide invalidation deletes only the token count (read again from the meter on the next turn).
    const real = await invalidatePattern(operator, { pattern: `{t:${tenant}}:*`, dry_run: false }, options());
    expect(real).toMatchObject({ matched: 1, deleted: 1, namespaces: [{ namespace: "ai-token-counts", count: 1 }] });
    expect(real.protected).toEqual([expect.objectContaining({ namespace: "resumable-streams", count: 7 })]);
    expect(await open.raw.exists(assistantKeys.streamChunks(tenant, streams[1]!))).toBe(1);
    await expect(
      invalidatePattern(operator, { pattern: `{t:${tenant}}:ai-stream:*`, dry_run: false }, options()),
    ).rejects.toMatchObject({ code: "conflict", details: { namespace: "resumable-streams" } });
  });

  it("refuses a pattern that matches only a protected namespace, with the reason", async () => {
    for (const pattern of ["rl:*", "{t:*}:usage:*", "{signin:*}:*", "c:stats"]) {
      const error = await invalidatePattern(operator, { pattern, dry_run: false }, options()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
      expect((error as AppError).details).toMatchObject({ reason: expect.any(String) });
    }
    expect(
      await t.db.platformAuditLog.count({ where: { action: "cache.invalidation_refused", target: "rl:*" } }),
    ).toBeGreaterThan(0);
    await expect(invalidatePattern(operator, { pattern: "has space" }, options())).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("reports health and stats, saying what the transport cannot know", async () => {
    const health = await checkCacheHealth(options());
    expect(health.transport).toBe(target.kind);
    expect(health.state).not.toBe("down");
    expect(health.pingMs).toBeGreaterThanOrEqual(0);
    const stats = await getCacheStats(operator, options());
    expect(stats.namespaces.map((n) => n.name)).toEqual(Object.values(NAMESPACES).map((n) => n.name));
    if (transport.kind === "memory") {
      expect(stats.server.available).toBe(false);
      expect(stats.server.note).toMatch(/memory store/);
    } else {
      expect(stats.server.available).toBe(true);
      expect(stats.server.usedMemory).toBeGreaterThan(0);
      expect(health.evictionPolicy).toBeTruthy();
    }
    const suggestions = await getCacheSuggestions(operator, options());
    expect(Array.isArray(suggestions)).toBe(true);
  });

  it("keeps one-minute samples of the counters for the history chart", async () => {
    const space = [...cache.namespaces.values()][0]!;
    await cache.get(space, "history-probe", async () => 1);
    await recordCacheSample(options());
    await cache.get(space, "history-probe", async () => 1);
    await recordCacheSample(options());
    const history = await getCacheHistory(operator, options());
    expect(history.length).toBeGreaterThanOrEqual(2);
    const [prev, last] = history.slice(-2);
    expect(Date.parse(last!.at)).toBeGreaterThanOrEqual(Date.parse(prev!.at));
    expect(last!.hits - prev!.hits).toBe(1);
  });

  it("warms a namespace idempotently, in pages, and audits it", async () => {
    const owner = await t.db.user.create({ data: { email: `${uniq("warm")}@example.test`, name: "Warm" } });
    for (let i = 0; i < 3; i++) await createTenant({ name: `Warm ${i}`, slug: uniq("warm") }, owner);
    const first = await warmNamespace(operator, { namespace: "tenant-slug", page_size: 2 }, { cache });
    expect(first.done).toBe(true);
    expect(first.pages).toBeGreaterThanOrEqual(2);
    expect(first.written + first.present).toBe(first.total);
    expect(first.total).toBeGreaterThanOrEqual(3);
    const again = await warmNamespace(operator, { namespace: "tenant-slug" }, { cache });
    expect(again).toMatchObject({ written: 0, present: first.total, done: true });
    const partial = await warmNamespace(operator, { namespace: "tenant-slug", page_size: 1 }, { cache, maxPages: 1 });
    expect(partial.done).toBe(false);
    expect(partial.cursor).toBeTruthy();
    await expect(warmNamespace(operator, { namespace: "nope" }, { cache })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(
      await t.db.platformAuditLog.count({ where: { action: "cache.warmed", target: "tenant-slug" } }),
    ).toBeGreaterThan(0);
  });

  if (transport.kind === "tcp") {
    it("keeps a scan of 200k keys bounded in keys, commands and time", { timeout: 120_000 }, async () => {
      const tag = `big${letters(6)}`;
      for (let batch = 0; batch < 20; batch++) {
        const pipeline = open.raw.pipeline();
        for (let i = 0; i < 10_000; i++) {
          const n = batch * 10_000 + i;
          pipeline.set(`${tag}:{t:tenant${n % 500}}:c:membership:cm${String(n).padStart(22, "0")}`, "1", "EX", 900);
        }
        await pipeline.exec();
      }
      const report = await scanKeyspace(operator, { match: `${tag}:*`, max_keys: 20_000, max_ms: 5_000 }, options());
      expect(report.complete).toBe(false);
      expect(report.cursor).not.toBe("0");
      expect(report.scanned).toBeGreaterThanOrEqual(1);
      expect(report.scanned).toBeLessThan(20_000 + 1_100); // stops within one SCAN page of the bound
      const scans = Math.ceil(20_000 / 1_000) + 200;
      expect(report.commands).toBeLessThanOrEqual(scans + scans * 200 + 60 + 1);
      expect(report.groups.map((g) => g.pattern)).toEqual([`${tag}:{t:*}:c:membership:*`]);
      // Continuing from the cursor covers more of the keyspace.
      const next = await scanKeyspace(
        operator,
        { match: `${tag}:*`, cursor: report.cursor, max_keys: 20_000, max_ms: 5_000 },
        options(),
      );
      expect(next.scanned).toBeGreaterThan(0);
      // Clean up in bounded batches, as the console would (dry run first).
      const dry = await invalidatePattern(operator, { pattern: `${tag}:*` }, { ...options(), budgetMs: 60_000 });
      expect(dry.matched).toBe(200_000);
      const real = await invalidatePattern(
        operator,
        { pattern: `${tag}:*`, dry_run: false },
        { ...options(), budgetMs: 60_000 },
      );
      expect(real.deleted).toBe(200_000);
    });
  }
});

describe("suggestions", () => {
  const baseStats = (over: Partial<CacheStats["namespaces"][number]>): CacheStats =>
    ({
      at: new Date().toISOString(),
      transport: "redis",
      bypassing: false,
      overall: { lookups: 0, hits: 0, misses: 0, stale: 0, hitRate: null },
      namespaces: [
        {
          name: "tenant-slug",
          description: "",
          ttlSeconds: 60,
          staleSeconds: 0,
          tenantScoped: false,
          hits: 0,
          misses: 0,
          stale: 0,
          fills: 0,
          avgFillMs: null,
          errors: 0,
          invalidations: 0,
          hitRate: null,
          ...over,
        },
      ],
      server: { available: true, maxMemory: 0, evictedKeys: 0 } as CacheStats["server"],
      dbSize: 10,
    }) as CacheStats;
  const health = { state: "ok", reasons: [], evictionPolicy: "noeviction", fragmentation: 1 } as unknown as CacheHealth;

  it("flags a namespace under 85% with the evidence and a TTL action, and a missing memory limit", () => {
    const out = suggest(baseStats({ hits: 60, misses: 40, hitRate: 0.6 }), health, null);
    const low = out.find((s) => s.id === "hit-rate:tenant-slug");
    expect(low?.evidence).toContain("60 hits, 40 misses");
    expect(low?.action).toContain("CACHE_TTLS=tenant-slug=120");
    expect(out.some((s) => s.id === "maxmemory")).toBe(true);
    expect(
      suggest(baseStats({ hits: 95, misses: 5, hitRate: 0.95 }), health, null).some((s) => s.id.startsWith("hit-rate")),
    ).toBe(false);
  });
});

describe("cache API routes", () => {
  it("serve operators with cache:admin; invalidation is a dry run by default", async () => {
    const { secret } = await createPlatformKey(
      { id: operator.id, email: operator.email },
      { name: "cache console", scopes: ["cache:admin"] },
    );
    const stats = await call(
      (await import("@/app/api/v1/redis/cache/stats/route")).GET,
      "GET",
      "/api/v1/redis/cache/stats",
      {
        key: secret,
      },
    );
    expect(stats.status).toBe(200);
    expect(stats.json.namespaces.map((n: { name: string }) => n.name)).toContain("tenant-slug");
    expect(stats.json.overall).toHaveProperty("hit_rate");
    const invalidate = (await import("@/app/api/v1/redis/cache/invalidate/route")).POST;
    const dry = await call(invalidate, "POST", "/api/v1/redis/cache/invalidate", {
      key: secret,
      body: { pattern: "c:pricing:*" },
    });
    expect(dry.status).toBe(200);
    expect(dry.json.dry_run).toBe(true);
    const refused = await call(invalidate, "POST", "/api/v1/redis/cache/invalidate", {
      key: secret,
      body: { pattern: "rl:*", dry_run: false },
    });
    expect(refused.status).toBe(409);
    const { secret: other } = await createPlatformKey(
      { id: operator.id, email: operator.email },
      { name: "tenants only", scopes: ["platform:read"] },
    );
    const forbidden = await call(invalidate, "POST", "/api/v1/redis/cache/invalidate", {
      key: other,
      body: { pattern: "c:pricing:*" },
    });
    expect(forbidden.status).toBe(403);
  });
});
