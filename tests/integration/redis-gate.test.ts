// The API gate (lib/usage/gate.ts) on every Redis transport: its Lua script on the in-process memory
// store (ioredis-mock runs Lua through fengari) and, when REDIS_URL is set, TCP Redis and Upstash
// REST (tests/fixtures/upstash-bridge.ts); and the embedded gate — the same steps as plain commands
// under a process-local lock (lib/cache/memory-gate.ts), which the app's memory store uses.
// Counting, burst limit, quota, auth epoch and month boundaries must be the same on each, and exact
// under concurrency.
import { randomBytes } from "node:crypto";

import type { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isMemoryStore, registerMemoryStore } from "@/lib/cache/memory-gate";
import { runGate, USAGE_TTL_S, type GateInput, type GateResult } from "@/lib/usage/gate";
import { redisKeys, tenantTag } from "@/lib/usage/keys";

import { redisTransports, type OpenTransport, type RedisTransport } from "../fixtures/redis-transports";

const NOW = new Date("2026-11-27T21:15:10Z"); // 10 s into a one-minute rate window
const HOUR = "2026112721";
const WINDOW_MS = 60_000;
const QUOTA_TTL_S = 40 * 24 * 3600;

/** A fresh tenant per test, so tests share no key. */
function tenant() {
  const id = `gate-${randomBytes(4).toString("hex")}`;
  const field = "key_1|GET /v1/things";
  const input = (over: Partial<GateInput> = {}): GateInput => ({
    scope: tenantTag(id),
    subject: "key_1",
    epoch: "*",
    burstLimit: 0,
    windowMs: WINDOW_MS,
    tenantId: id,
    quotaLimit: null,
    usageField: field,
    quotaSeed: 0,
    now: NOW,
    ...over,
  });
  return {
    id,
    field,
    input,
    quotaKey: (at = NOW) => redisKeys.quota(id, at),
    usageKey: (hour = HOUR) => redisKeys.usageHour(id, hour),
    hoursKey: redisKeys.usageHours(id),
    epochKey: redisKeys.authEpoch(tenantTag(id)),
  };
}

const statuses = (results: GateResult[]) => results.map((r) => r.status);

const transports = redisTransports();
const memory = transports.find((t) => t.kind === "memory");
if (!memory) throw new Error("the memory transport is always there");
/** The memory store as lib/cache/redis.ts builds it: registered, so the gate runs without Lua. */
const embedded: RedisTransport = {
  name: "memory, embedded gate (plain commands under a lock)",
  kind: "memory",
  async open() {
    const open = await memory.open();
    return { ...open, redis: registerMemoryStore(open.redis, open.raw) };
  },
};

describe.each([...transports, embedded])("API gate over $name", (transport) => {
  let open: OpenTransport;
  let redis: Redis;

  beforeAll(async () => {
    open = await transport.open();
    redis = open.redis;
    // The Lua transports really run the script; the embedded one really does not.
    expect(isMemoryStore(redis)).toBe(transport === embedded);
  });

  afterAll(async () => {
    await open?.close();
  });

  /** What the gate counted: the hour's usage of the field, the month's quota, the hours listed. */
  async function counted(t: ReturnType<typeof tenant>, hour = HOUR, at = NOW) {
    return {
      usage: await redis.hget<number>(t.usageKey(hour), t.field),
      quota: await redis.get<number>(t.quotaKey(at)),
      hours: (await redis.smembers(t.hoursKey)).map(String).sort(),
    };
  }

  async function sequence(count: number, input: GateInput): Promise<GateResult[]> {
    const results: GateResult[] = [];
    for (let i = 0; i < count; i++) results.push(await runGate(redis, input));
    return results;
  }

  it("counts 100 concurrent calls exactly once each", async () => {
    const t = tenant();
    const input = t.input({ burstLimit: 1_000, quotaLimit: 1_000 });
    const results = await Promise.all(Array.from({ length: 100 }, () => runGate(redis, input)));
    expect(new Set(statuses(results))).toEqual(new Set(["ok"]));
    // The script is atomic: every call saw a distinct count.
    const range = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(results.map((r) => r.quotaUsed).sort((a, b) => a - b)).toEqual(range);
    expect(results.map((r) => r.burstUsed).sort((a, b) => a - b)).toEqual(range);
    expect(await counted(t)).toEqual({ usage: 100, quota: 100, hours: [HOUR] });
    expect(await redis.hgetall(t.usageKey())).toEqual({ [t.field]: 100 });

    const usageTtl = await redis.ttl(t.usageKey());
    expect(usageTtl).toBeGreaterThan(USAGE_TTL_S - 60);
    expect(usageTtl).toBeLessThanOrEqual(USAGE_TTL_S);
    expect(await redis.ttl(t.hoursKey)).toBeGreaterThan(USAGE_TTL_S - 60);
    const quotaTtl = await redis.ttl(t.quotaKey());
    expect(quotaTtl).toBeGreaterThan(QUOTA_TTL_S - 60);
    expect(quotaTtl).toBeLessThanOrEqual(QUOTA_TTL_S);
    const window = Math.floor(NOW.getTime() / WINDOW_MS);
    const rateTtl = await redis.pttl(redisKeys.rateWindow(tenantTag(t.id), "key_1", window));
    expect(rateTtl).toBeGreaterThan(0);
    expect(rateTtl).toBeLessThanOrEqual(WINDOW_MS * 2 + 1_000);
  });

  it("refuses calls past the burst limit without counting them, per subject", async () => {
    const t = tenant();
    const input = t.input({ burstLimit: 5, quotaLimit: 1_000 });
    const results = await sequence(7, input);
    expect(statuses(results)).toEqual(["ok", "ok", "ok", "ok", "ok", "rate_limited", "rate_limited"]);
    expect(results.map((r) => r.burstUsed)).toEqual([1, 2, 3, 4, 5, 5, 5]);
    expect(results[6]).toMatchObject({ quotaUsed: 5, epoch: "0" });
    expect(await counted(t)).toEqual({ usage: 5, quota: 5, hours: [HOUR] });

    // Another key of the tenant has its own limit (and shares the quota).
    expect(await runGate(redis, { ...input, subject: "key_2" })).toMatchObject({
      status: "ok",
      burstUsed: 1,
      quotaUsed: 6,
    });

    // Sliding window: halfway through the next window, half of the previous one still counts.
    const later = new Date(Math.floor(NOW.getTime() / WINDOW_MS) * WINDOW_MS + WINDOW_MS + WINDOW_MS / 2);
    const next = await sequence(4, { ...input, now: later });
    expect(statuses(next)).toEqual(["ok", "ok", "ok", "rate_limited"]);
    expect(next.map((r) => r.burstUsed)).toEqual([3, 4, 5, 5]);
    expect((await counted(t)).quota).toBe(9);
  });

  it("refuses calls once the monthly quota is used up", async () => {
    const t = tenant();
    const results = await sequence(5, t.input({ quotaLimit: 3, quotaSeed: 0 }));
    expect(statuses(results)).toEqual(["ok", "ok", "ok", "quota_exceeded", "quota_exceeded"]);
    expect(results.map((r) => r.quotaUsed)).toEqual([1, 2, 3, 3, 3]);
    expect(await counted(t)).toEqual({ usage: 3, quota: 3, hours: [HOUR] });
  });

  it("asks for the quota when the month's counter is unknown, then starts from the seed", async () => {
    const t = tenant();
    const unseeded = t.input({ quotaLimit: 100, quotaSeed: undefined });
    expect(await runGate(redis, unseeded)).toEqual({
      status: "quota_unknown",
      burstUsed: 0,
      quotaUsed: 0,
      epoch: "0",
      granted: 0,
    });
    expect(await redis.exists(t.quotaKey(), t.usageKey(), t.hoursKey)).toBe(0);

    expect(await runGate(redis, { ...unseeded, quotaSeed: 40 })).toMatchObject({ status: "ok", quotaUsed: 41 });
    // Seeded once: the counter goes on without a seed, and a later seed does not reset it.
    expect(await runGate(redis, unseeded)).toMatchObject({ status: "ok", quotaUsed: 42 });
    expect(await runGate(redis, { ...unseeded, quotaSeed: 7 })).toMatchObject({ status: "ok", quotaUsed: 43 });
    expect(await counted(t)).toEqual({ usage: 3, quota: 43, hours: [HOUR] });

    // Without a quota limit the counter is still needed for counting.
    const other = tenant();
    expect((await runGate(redis, other.input({ quotaSeed: undefined }))).status).toBe("quota_unknown");
  });

  it("refuses a stale auth epoch without counting, and skips the check for '*'", async () => {
    const t = tenant();
    expect(await runGate(redis, t.input({ epoch: "0" }))).toMatchObject({ status: "ok", epoch: "0", quotaUsed: 1 });
    expect(await redis.incr(t.epochKey)).toBe(1); // a key was revoked

    expect(await runGate(redis, t.input({ epoch: "0" }))).toEqual({
      status: "stale",
      burstUsed: 0,
      quotaUsed: 0,
      epoch: "1",
      granted: 0,
    });
    expect(await counted(t)).toEqual({ usage: 1, quota: 1, hours: [HOUR] });

    expect(await runGate(redis, t.input({ epoch: "1" }))).toMatchObject({ status: "ok", epoch: "1", quotaUsed: 2 });
    expect(await runGate(redis, t.input({ epoch: "*" }))).toMatchObject({ status: "ok", epoch: "1", quotaUsed: 3 });
    expect(await counted(t)).toEqual({ usage: 3, quota: 3, hours: [HOUR] });
  });

  it("grants a lease of at most half of what is left, counted in the window and the quota at once; a refill makes no call", async () => {
    const t = tenant();
    const input = t.input({ burstLimit: 100, quotaLimit: 1_000 });
    const granted = await runGate(redis, { ...input, lease: { wanted: 200, refill: false } });
    if (transport === embedded) {
      // The embedded store never leases (no round trip to save): a plain gate call.
      expect(granted).toMatchObject({ status: "ok", granted: 0, burstUsed: 1, quotaUsed: 1 });
      await expect(runGate(redis, { ...input, lease: { wanted: 10, refill: true } })).rejects.toThrow(/need Redis/);
      return;
    }
    // floor((100 − 0 − 1) / 2) = 49; the counts returned are the caller's own call's.
    expect(granted).toMatchObject({ status: "ok", granted: 49, burstUsed: 1, quotaUsed: 1 });
    expect(await counted(t)).toEqual({ usage: 1, quota: 50, hours: [HOUR] });
    const refill = await runGate(redis, { ...input, lease: { wanted: 10, refill: true } });
    expect(refill).toMatchObject({ status: "ok", granted: 10, burstUsed: 50, quotaUsed: 50 });
    expect(await counted(t)).toEqual({ usage: 1, quota: 60, hours: [HOUR] });
    // Near the limit the grant shrinks to nothing: the last calls are exact, one round trip each.
    const near = t.input({ burstLimit: 62, quotaLimit: 1_000 });
    expect(await runGate(redis, { ...near, lease: { wanted: 10, refill: false } })).toMatchObject({
      status: "ok",
      granted: 0,
      burstUsed: 61,
    });
  });

  it("counts each month on its own quota key, across the month boundary", async () => {
    const t = tenant();
    const november = new Date("2026-11-30T23:59:59Z");
    const december = new Date("2026-12-01T00:00:00Z");
    expect(t.quotaKey(november)).not.toBe(t.quotaKey(december));

    const input = t.input({ quotaLimit: 1_000, burstLimit: 100 });
    expect(await runGate(redis, { ...input, now: november, quotaSeed: 10 })).toMatchObject({
      status: "ok",
      quotaUsed: 11,
    });
    expect(await runGate(redis, { ...input, now: december, quotaSeed: 0 })).toMatchObject({
      status: "ok",
      quotaUsed: 1,
    });
    expect(await redis.get(t.quotaKey(november))).toBe(11);
    expect(await redis.get(t.quotaKey(december))).toBe(1);
    expect(await redis.hget(t.usageKey("2026113023"), t.field)).toBe(1);
    expect(await redis.hget(t.usageKey("2026120100"), t.field)).toBe(1);
    expect((await redis.smembers(t.hoursKey)).map(String).sort()).toEqual(["2026113023", "2026120100"]);
  });

  it("does not count platform calls (no tenant)", async () => {
    const t = tenant();
    const results = await sequence(3, t.input({ tenantId: null, burstLimit: 2, quotaSeed: undefined }));
    expect(statuses(results)).toEqual(["ok", "ok", "rate_limited"]);
    expect(results.map((r) => r.quotaUsed)).toEqual([0, 0, 0]);
    expect(await redis.exists(t.quotaKey(), t.usageKey(), t.hoursKey)).toBe(0);
  });
});
