// Gate leases (lib/usage/lease.ts) on real TCP Redis: calls admitted from a leased batch without a
// round trip, and what must hold anyway — limits never exceeded across servers, unused calls given
// back, every call counted once in usage, revocation by pub/sub, nothing kept while revocations
// cannot arrive. Then the API itself with API_GATE_LEASES=on.
import { randomBytes } from "node:crypto";

import type { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

process.env.API_GATE_LEASES = "on";

const { GateLeases, LEASE_MAX_AGE_MS, gateLeases, revocationChannel } = await import("@/lib/usage/lease");
const { runGate } = await import("@/lib/usage/gate");
const { redisKeys, tenantTag } = await import("@/lib/usage/keys");
const { redisTransports } = await import("../fixtures/redis-transports");
const { setupTestDb } = await import("../helpers/db");

type Leases = InstanceType<typeof GateLeases>;
type GateInput = import("@/lib/usage/gate").GateInput;

const WINDOW_MS = 60_000;
const START = Date.parse("2026-12-03T10:00:05Z"); // 5 s into a one-minute window

const tcp = redisTransports().find((transport) => transport.kind === "tcp");
if (!tcp) throw new Error("gate leases need TCP Redis: set REDIS_URL (the test command does)");

/** A clock tests move by hand. */
function clock(start = START) {
  let now = start;
  return { now: () => now, set: (at: number) => (now = at) };
}

function caller(over: Partial<GateInput> = {}) {
  const tenantId = `lease-${randomBytes(4).toString("hex")}`;
  const base: GateInput = {
    scope: tenantTag(tenantId),
    subject: "key_1",
    epoch: "*",
    burstLimit: 1_000,
    windowMs: WINDOW_MS,
    tenantId,
    quotaLimit: 100_000,
    usageField: "key_1|GET /api/v1/ping",
    quotaSeed: 0,
    now: new Date(START),
    ...over,
  };
  return { tenantId, input: (at: number): GateInput => ({ ...base, now: new Date(at) }) };
}

/** A gate call as passGate makes it, counting the ones that ask Redis. */
function gate(redis: Redis, leases: Leases, input: GateInput, trips: { count: number }) {
  return leases.decide(input, (request) => {
    trips.count += 1;
    return runGate(redis, request);
  });
}

const counter = async (raw: IORedis, key: string) => Number((await raw.get(key)) ?? 0);

describe("gate leases over TCP Redis", () => {
  let open: Awaited<ReturnType<NonNullable<typeof tcp>["open"]>>;
  let redis: Redis;

  beforeAll(async () => {
    open = await tcp.open();
    redis = open.redis;
  });

  afterAll(async () => {
    await open?.close();
  });

  it("admits most calls from the lease, counts each call once, and gives the unused calls back", async () => {
    const time = clock();
    const leases = new GateLeases(redis, time.now);
    leases.setLive(true);
    const { tenantId, input } = caller();
    const trips = { count: 0 };
    const used: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const result = await gate(redis, leases, input(time.now()), trips);
      expect(result.status).toBe("ok");
      used.push(result.burstUsed);
      // Let an asynchronous refill land, as it would between a server's requests.
      await leases.idle();
    }
    expect(trips.count).toBeLessThan(20);
    // The headers' "used" figure never goes backwards.
    expect(used.every((value, i) => i === 0 || value >= (used[i - 1] ?? 0))).toBe(true);

    await leases.flushUsage();
    const hour = "2026120310";
    expect(Number(await open.raw.hget(redisKeys.usageHour(tenantId, hour), "key_1|GET /api/v1/ping"))).toBe(200);
    expect(await open.raw.sismember(redisKeys.usageHours(tenantId), hour)).toBe(1);

    const windowKey = redisKeys.rateWindow(tenantTag(tenantId), "key_1", Math.floor(START / WINDOW_MS));
    const quotaKey = redisKeys.quota(tenantId, new Date(START));
    expect(leases.held()).toBeGreaterThan(0);
    expect(await counter(open.raw, windowKey)).toBeGreaterThan(200);
    leases.dropAll();
    expect(leases.held()).toBe(0);
    await leases.idle();
    expect(await counter(open.raw, windowKey)).toBe(200);
    expect(await counter(open.raw, quotaKey)).toBe(200);
  });

  it("closing for shutdown gives the unused calls back, writes the leased usage, and leases no more", async () => {
    const time = clock();
    const leases = new GateLeases(redis, time.now);
    leases.setLive(true);
    const { tenantId, input } = caller();
    const trips = { count: 0 };
    for (let i = 0; i < 50; i += 1) {
      await gate(redis, leases, input(time.now()), trips);
      await leases.idle();
    }
    expect(leases.held()).toBeGreaterThan(0);
    await leases.close();
    expect(leases.held()).toBe(0);
    const windowKey = redisKeys.rateWindow(tenantTag(tenantId), "key_1", Math.floor(START / WINDOW_MS));
    expect(await counter(open.raw, windowKey)).toBe(50);
    expect(Number(await open.raw.hget(redisKeys.usageHour(tenantId, "2026120310"), "key_1|GET /api/v1/ping"))).toBe(50);
    // A subscription coming back after the close does not reopen it: every call asks Redis.
    leases.setLive(true);
    expect(leases.isLive()).toBe(false);
    const before = trips.count;
    await gate(redis, leases, input(time.now()), trips);
    await leases.idle();
    expect(trips.count).toBe(before + 1);
    expect(leases.held()).toBe(0);
  });

  it("two servers never admit more than the burst limit, and end with the window counting exactly what they admitted", async () => {
    const time = clock();
    const a = new GateLeases(redis, time.now);
    const b = new GateLeases(redis, time.now);
    a.setLive(true);
    b.setLive(true);
    const { tenantId, input } = caller({ burstLimit: 100, quotaLimit: null });
    const trips = { count: 0 };
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => gate(redis, i % 2 ? a : b, input(time.now()), trips)),
    );
    const admitted = results.filter((result) => result.status === "ok").length;
    expect(admitted).toBeLessThanOrEqual(100);
    // This burst arrives at once: the batches each server leased are spent on it when Redis refuses.
    expect(admitted).toBe(100);
    expect(results.filter((result) => result.status === "rate_limited")).toHaveLength(300 - admitted);
    a.dropAll();
    b.dropAll();
    await Promise.all([a.idle(), b.idle()]);
    const windowKey = redisKeys.rateWindow(tenantTag(tenantId), "key_1", Math.floor(START / WINDOW_MS));
    expect(await counter(open.raw, windowKey)).toBe(admitted);
  });

  it("two servers never go beyond the monthly quota", async () => {
    const time = clock();
    const a = new GateLeases(redis, time.now);
    const b = new GateLeases(redis, time.now);
    a.setLive(true);
    b.setLive(true);
    const { tenantId, input } = caller({ burstLimit: 0, quotaLimit: 60 });
    const trips = { count: 0 };
    let admitted = 0;
    for (let round = 0; round < 10; round += 1) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => gate(redis, i % 2 ? a : b, input(time.now()), trips)),
      );
      admitted += results.filter((result) => result.status === "ok").length;
      for (const result of results) expect(["ok", "quota_exceeded"]).toContain(result.status);
    }
    expect(admitted).toBeLessThanOrEqual(60);
    expect(admitted).toBeGreaterThanOrEqual(50);
    a.dropAll();
    b.dropAll();
    await Promise.all([a.idle(), b.idle()]);
    expect(await counter(open.raw, redisKeys.quota(tenantId, new Date(START)))).toBe(admitted);
    await a.flushUsage();
    await b.flushUsage();
    const usage = await open.raw.hget(redisKeys.usageHour(tenantId, "2026120310"), "key_1|GET /api/v1/ping");
    expect(Number(usage)).toBe(admitted);
  });

  it("a new window, an old lease, a revocation or a lost subscription sends the next call to Redis", async () => {
    const time = clock();
    const leases = new GateLeases(redis, time.now);
    leases.setLive(true);
    const { tenantId, input } = caller();
    const trips = { count: 0 };
    await gate(redis, leases, input(time.now()), trips);
    expect(leases.take(input(time.now()))?.status).toBe("ok");

    // The window ends: the lease is not used for the next one, and its unused calls go back.
    const window = Math.floor(START / WINDOW_MS);
    time.set((window + 1) * WINDOW_MS + 1);
    expect(leases.take(input(time.now()))).toBeNull();
    const first = redisKeys.rateWindow(tenantTag(tenantId), "key_1", window);
    await leases.idle();
    expect(await counter(open.raw, first)).toBe(2);

    // Older than LEASE_MAX_AGE_MS: not used.
    await gate(redis, leases, input(time.now()), trips);
    expect(leases.held()).toBeGreaterThan(0);
    time.set(time.now() + LEASE_MAX_AGE_MS + 1);
    expect(leases.take(input(time.now()))).toBeNull();
    leases.sweep();
    expect(leases.held()).toBe(0);

    // A revocation of the scope drops its leases; another scope's stay.
    const other = caller();
    await gate(redis, leases, input(time.now()), trips);
    await gate(redis, leases, other.input(time.now()), trips);
    leases.revoke(tenantTag(tenantId));
    expect(leases.take(input(time.now()))).toBeNull();
    expect(leases.take(other.input(time.now()))?.status).toBe("ok");

    // A key whose lookup saw another epoch does not use a lease granted under the old one.
    await gate(redis, leases, input(time.now()), trips);
    expect(leases.take({ ...input(time.now()), epoch: "7" })).toBeNull();

    // Revocations cannot arrive: nothing is held, nothing is granted to this server.
    await gate(redis, leases, input(time.now()), trips);
    leases.setLive(false);
    expect(leases.held()).toBe(0);
    expect(leases.take(input(time.now()))).toBeNull();
    const asked: (GateInput["lease"] | undefined)[] = [];
    await leases.decide(input(time.now()), (request) => {
      asked.push(request.lease);
      return runGate(redis, request);
    });
    expect(asked).toEqual([undefined]);
  });

  it("a batch granted while a revocation arrived is not kept but given back", async () => {
    const time = clock();
    const leases = new GateLeases(redis, time.now);
    leases.setLive(true);
    const { tenantId, input } = caller();
    const generation = leases.generation();
    const request = { ...input(time.now()), lease: { wanted: 16, refill: false } };
    const result = await runGate(redis, request);
    expect(result.granted).toBe(16);
    leases.revoke(tenantTag(tenantId)); // arrives before the reply is handled
    leases.store(request, result, generation);
    expect(leases.held()).toBe(0);
    const windowKey = redisKeys.rateWindow(tenantTag(tenantId), "key_1", Math.floor(START / WINDOW_MS));
    await leases.idle();
    expect(await counter(open.raw, windowKey)).toBe(1);
  });
});

describe("the API with API_GATE_LEASES=on", () => {
  const t = setupTestDb();

  it("serves calls from leases, counts every call in usage, and refuses a key revoked on another server once the message arrives", async () => {
    const ping = await import("@/app/api/v1/ping/route");
    const { createApiKey } = await import("@/lib/api-keys/keys");
    const { flushTenantUsage } = await import("@/lib/usage/flush");
    const { call, tenantWithOwner } = await import("../helpers/api");
    const { getRedis } = await import("@/lib/cache/redis");

    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    const { key, secret } = await createApiKey(ctx, { name: "leased", scopes: ["tenant:read"] });
    const first = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
    expect(first.status).toBe(200);
    // The subscription comes up in the background; from then on calls lease.
    await vi.waitFor(() => expect(gateLeases()).not.toBeNull(), { timeout: 10_000 });
    for (let i = 0; i < 60; i += 1) {
      const answer = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
      expect(answer.status).toBe(200);
      expect(Number(answer.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
    }
    expect(gateLeases()?.held()).toBeGreaterThan(0);

    // Usage: the flush writes the leased calls' counts first; every call is counted once.
    await flushTenantUsage(ctx.tenant.id);
    const rows = await t.db.usageRollup.findMany({ where: { tenantId: ctx.tenant.id } });
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(61);

    // Revoked "on another server": the row changes, the epoch is bumped and the scope published
    // by someone else's connection. This server's lease goes when the message arrives.
    await t.db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const redis = await getRedis();
    await redis.incr(redisKeys.authEpoch(tenantTag(ctx.tenant.id)));
    const publisher = new IORedis(process.env.REDIS_URL ?? "", { maxRetriesPerRequest: 1 });
    try {
      await publisher.publish(revocationChannel(), tenantTag(ctx.tenant.id));
    } finally {
      publisher.disconnect();
    }
    await vi.waitFor(() => expect(gateLeases()?.held()).toBe(0));
    const refused = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
    expect(refused.status).toBe(401);
  });
});
