// The API's analytics counters on the embedded memory store (issue 11.3): RECORD_SCRIPT runs as plain
// commands under the gate's lock (lib/cache/memory-gate.ts) instead of Lua in fengari. Same calls
// into the Lua script (an unregistered ioredis-mock) and into the plain commands (a registered one)
// must leave the same counters, sets and expiries.
import type { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { recordApiCall, type ApiCallRecord } from "@/lib/analytics/record";
import { analyticsKeys, minuteTag } from "@/lib/analytics/keys";
import { isMemoryStore, registerMemoryStore } from "@/lib/cache/memory-gate";
import { hourTag } from "@/lib/usage/keys";

import { redisTransports, type OpenTransport } from "../fixtures/redis-transports";

// As in the embedded default (no REDIS_URL): distinct users go to sets (ioredis-mock's Lua has no PFADD).
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await (await import("../helpers/settings")).withSettings(importOriginal, null, {});
  return { ...actual, runtimeMode: { ...actual.runtimeMode, cache: "memory" } };
});

const memory = redisTransports().find((t) => t.kind === "memory");
if (!memory) throw new Error("the memory transport is always there");

const NOW = new Date("2026-12-03T10:15:30Z");
const TENANT = "t_record";
const CALLS: ApiCallRecord[] = [
  { tenantId: TENANT, route: "GET /api/v1/ping", status: 200, latencyMs: 3.4, userId: null, now: NOW },
  { tenantId: TENANT, route: "GET /api/v1/ping", status: 200, latencyMs: 3.6, userId: null, now: NOW },
  { tenantId: TENANT, route: "GET /api/v1/members", status: 404, latencyMs: 120, userId: "u_1", now: NOW },
  { tenantId: TENANT, route: "POST /api/v1/members", status: 201, latencyMs: 40, userId: "u_2", now: NOW },
  { tenantId: null, route: "GET /api/v1/tenants", status: 200, latencyMs: 9, userId: null, now: NOW },
];

async function snapshot(open: OpenTransport) {
  const raw = open.raw;
  const minute = minuteTag(NOW);
  const tenant = analyticsKeys.tenantScope(TENANT);
  const platform = analyticsKeys.platformScope;
  const hashes = [
    analyticsKeys.minute(tenant, minute),
    analyticsKeys.minute(platform, minute),
    analyticsKeys.hour(TENANT, hourTag(NOW)),
  ];
  const sets = [
    analyticsKeys.minuteUsers(tenant, minute),
    analyticsKeys.minuteUsers(platform, minute),
    analyticsKeys.hours(TENANT),
  ];
  const out: Record<string, unknown> = {};
  for (const key of hashes) out[key] = { value: await raw.hgetall(key), expires: (await raw.ttl(key)) > 0 };
  for (const key of sets) {
    const type = await raw.type(key);
    const members = type === "set" ? (await raw.smembers(key)).sort() : type === "none" ? [] : await raw.pfcount(key);
    out[key] = { type, members, expires: (await raw.ttl(key)) > 0 };
  }
  return out;
}

describe("analytics counters on the embedded memory store", () => {
  let lua: OpenTransport;
  let plain: OpenTransport;
  let embedded: Redis;

  beforeAll(async () => {
    lua = await memory.open();
    plain = await memory.open();
    embedded = registerMemoryStore(plain.redis, plain.raw);
  });

  afterAll(async () => {
    await lua?.close();
    await plain?.close();
  });

  it("leaves exactly what the Lua script leaves", async () => {
    expect(isMemoryStore(lua.redis)).toBe(false);
    expect(isMemoryStore(embedded)).toBe(true);
    for (const call of CALLS) {
      await recordApiCall(call, lua.redis);
      await recordApiCall(call, embedded);
    }
    // Concurrent writers: the counters still add up.
    await Promise.all(CALLS.map((call) => recordApiCall(call, lua.redis)));
    await Promise.all(CALLS.map((call) => recordApiCall(call, embedded)));
    const expected = await snapshot(lua);
    expect(Object.values(expected).some((entry) => JSON.stringify(entry).includes('"calls":"8"'))).toBe(true);
    expect(await snapshot(plain)).toEqual(expected);
  });
});
