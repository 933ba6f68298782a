// The v1 boundary with real keys: 401s a developer can act on, keys hashed at rest, revocation
// and rolling effective on the very next call, burst limit and monthly quota answering 429 with
// their headers, exact counting under concurrency, and the month boundary.
import { createHash } from "node:crypto";

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import * as ping from "@/app/api/v1/ping/route";
import { createApiKey, revokeApiKey, rollApiKey } from "@/lib/api-keys/keys";
import { clearKeyCache } from "@/lib/api-keys/lookup";
import { getRedis } from "@/lib/cache/redis";
import { adminChangeTier, adminSuspendTenant } from "@/lib/lifecycle/tenants";
import { flushTenantUsage } from "@/lib/usage/flush";
import { redisKeys } from "@/lib/usage/keys";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
const operator = { id: null, email: "ops@example.test" };

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const get = (key?: string, headers?: Record<string, string>) => call(ping.GET, "GET", "/api/v1/ping", { key, headers });

describe("authentication", () => {
  it("answers 401 with an actionable message for missing, malformed, forged and unknown keys", async () => {
    const missing = await get();
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe("unauthorized");
    expect(missing.json.error.message).toMatch(/Authorization: Bearer/);

    const malformed = await get(undefined, { authorization: "Token abc" });
    expect(malformed.status).toBe(401);

    const forged = await get("tsk_live_" + "A".repeat(32));
    expect(forged.status).toBe(401);
    expect(forged.json.error.message).toMatch(/not valid/);

    const wrongShape = await get("tsk_live_short");
    expect(wrongShape.status).toBe(401);
  });

  it("stores only the sha256 of the secret", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { key, secret } = await createApiKey(ctx, { name: "hash", scopes: ["tenant:read"] });
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret.slice(9));
    expect(row.start).toBe(secret.slice(0, 13));
  });

  it("refuses an expired key", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { key, secret } = await createApiKey(ctx, {
      name: "soon",
      scopes: ["tenant:read"],
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await get(secret)).status).toBe(200);
    await t.db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    clearKeyCache();
    const expired = await get(secret);
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toMatch(/expired/);
  });

  it("honours revocation on the next call even when another process cached the key", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { key, secret } = await createApiKey(ctx, { name: "cached", scopes: ["tenant:read"] });
    expect((await get(secret)).status).toBe(200); // cached here, epoch confirmed
    // Revoke "elsewhere": the database row and the epoch change, this process's cache stays.
    await t.db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const redis = await getRedis();
    await redis.incr(redisKeys.authEpoch(`{t:${ctx.tenant.id}}`));
    const next = await get(secret);
    expect(next.status).toBe(401);
    expect(next.json.error.message).toMatch(/revoked/);
  });

  it("serves an expired cache entry while one background read refreshes it", async () => {
    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    const { key, secret } = await createApiKey(ctx, { name: "swr", scopes: ["tenant:read"] });
    expect((await get(secret)).status).toBe(200);
    // A change the epoch does not announce (scopes are immutable in the product; set directly).
    await t.db.apiKey.update({ where: { id: key.id }, data: { scopes: ["usage:read"] } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 61_000));
    const stale = await Promise.all(Array.from({ length: 20 }, () => get(secret)));
    expect(stale.every((r) => r.status === 200)).toBe(true); // served from the expired entry
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refreshed = await get(secret);
    expect(refreshed.status).toBe(200);
    const keys = await import("@/app/api/v1/api-keys/route");
    const usage = await call(keys.GET, "GET", "/api/v1/api-keys", { key: secret });
    expect(usage.status).toBe(403); // the reloaded entry carries the new scopes
    // Revocation after expiry is still caught by the epoch on the next call.
    vi.setSystemTime(new Date(Date.now() + 61_000));
    await revokeApiKey(ctx, key.id);
    expect((await get(secret)).status).toBe(401);
  });

  it("rolls a key: the new secret works, the old one stops (or after its grace period)", async () => {
    const ctx = await tenantWithOwner(t.db);
    const first = await createApiKey(ctx, { name: "roll", scopes: ["tenant:read"] });
    expect((await get(first.secret)).status).toBe(200);
    const second = await rollApiKey(ctx, first.key.id, { graceSeconds: 3600 });
    expect((await get(second.secret)).status).toBe(200);
    expect((await get(first.secret)).status).toBe(200); // grace
    const third = await rollApiKey(ctx, second.key.id, { graceSeconds: 0 });
    expect((await get(third.secret)).status).toBe(200);
    expect((await get(second.secret)).status).toBe(401);
    expect(third.key.scopes).toEqual(["tenant:read"]);
  });

  it("applies a suspension and a tier change made by an operator at once", async () => {
    const ctx = await tenantWithOwner(t.db, "FREE");
    const { secret } = await createApiKey(ctx, { name: "tier", scopes: ["tenant:read"] });
    expect((await get(secret)).headers.get("x-ratelimit-limit")).toBe("20");
    await adminChangeTier(operator, ctx.tenant.id, { tier: "ENTERPRISE" });
    expect((await get(secret)).headers.get("x-ratelimit-limit")).toBe("2500");
    await adminSuspendTenant(operator, ctx.tenant.id, { reason: "unpaid" });
    const suspended = await get(secret);
    expect(suspended.status).toBe(403);
    expect(suspended.json.error.message).toMatch(/suspended/);
  });

  it("never lets a key grant more than its creator's role", async () => {
    const ctx = await tenantWithOwner(t.db);
    await expect(
      createApiKey({ ...ctx, role: "VIEWER" }, { name: "x", scopes: ["tenant:read"] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createApiKey({ ...ctx, role: "ADMIN" }, { name: "x", scopes: ["billing:write"] }),
    ).rejects.toMatchObject({ code: "forbidden", details: { scopes: [expect.stringContaining("billing:write")] } });
    await expect(createApiKey(ctx, { name: "x", scopes: ["platform:write"] })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});

describe("limits", () => {
  it("answers 429 with Retry-After and X-RateLimit headers at the burst limit", async () => {
    // The burst limit is a sliding window: on a busy machine twenty calls can straddle a window
    // boundary and see the previous window's weight shrink. Pin the clock inside one window.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T12:00:00.001Z"));
    const ctx = await tenantWithOwner(t.db, "FREE");
    const { secret } = await createApiKey(ctx, { name: "burst", scopes: ["tenant:read"] });
    const results = [];
    for (let i = 0; i < 20; i += 1) results.push(await get(secret));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => Number(r.headers.get("x-ratelimit-remaining")))).toEqual(
      Array.from({ length: 20 }, (_, i) => 19 - i),
    );
    const limited = await get(secret);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(limited.json.error.details).toMatchObject({ reason: "burst_limit", limit: 20 });
    expect(limited.headers.get("x-ratelimit-limit")).toBe("20");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(Number(limited.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000 - 1);
    // Rejected calls are not counted as usage.
    const flushed = await flushTenantUsage(ctx.tenant.id);
    expect(flushed.calls).toBe(20);
  });

  it("counts 100 concurrent calls exactly, in Redis and after the flush into PostgreSQL", async () => {
    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    const { key, secret } = await createApiKey(ctx, { name: "burst", scopes: ["tenant:read"] });
    const results = await Promise.all(Array.from({ length: 100 }, () => get(secret)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(100);
    const remaining = results.map((r) => Number(r.headers.get("x-quota-remaining"))).sort((a, b) => a - b);
    expect(new Set(remaining).size).toBe(100); // every call saw its own count
    await flushTenantUsage(ctx.tenant.id);
    await flushTenantUsage(ctx.tenant.id); // nothing left: no double counting
    const rollups = await t.db.usageRollup.findMany({ where: { tenantId: ctx.tenant.id } });
    expect(rollups).toEqual([expect.objectContaining({ apiKeyId: key.id, route: "GET /api/v1/ping", count: 100 })]);
  });

  it("answers 429 when the monthly quota is used up and resets at the month boundary", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T23:59:50Z"));
    const ctx = await tenantWithOwner(t.db, "FREE");
    const { secret } = await createApiKey(ctx, { name: "quota", scopes: ["tenant:read"] });
    const redis = await getRedis();
    await redis.set(redisKeys.quota(ctx.tenant.id, new Date()), 999);
    const last = await get(secret);
    expect(last.status).toBe(200);
    expect(last.headers.get("x-quota-remaining")).toBe("0");
    const over = await get(secret);
    expect(over.status).toBe(429);
    expect(over.json.error.details).toMatchObject({ reason: "monthly_quota", limit: 1000 });
    expect(over.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(over.headers.get("retry-after")).toBe("10");
    expect(over.headers.get("x-quota-reset")).toBe(String(Date.parse("2026-12-01T00:00:00Z") / 1000));

    vi.setSystemTime(new Date("2026-12-01T00:00:01Z"));
    const december = await get(secret);
    expect(december.status).toBe(200);
    expect(december.headers.get("x-quota-remaining")).toBe("999");
  });

  it("lets a workspace with a paid subscription go beyond its quota, counting the overage to bill", async () => {
    const ctx = await tenantWithOwner(t.db, "STARTER");
    await t.db.tenant.update({ where: { id: ctx.tenant.id }, data: { overageBilling: true } });
    const { secret } = await createApiKey(ctx, { name: "overage", scopes: ["tenant:read"] });
    const redis = await getRedis();
    await redis.set(redisKeys.quota(ctx.tenant.id, new Date()), 10_000);
    const over = await get(secret);
    expect(over.status).toBe(200);
    expect(over.headers.get("x-quota-limit")).toBe("10000");
    expect(over.headers.get("x-quota-remaining")).toBe("0");
    expect(over.headers.get("x-quota-overage")).toBe("1");
    expect((await get(secret)).headers.get("x-quota-overage")).toBe("2");
    expect((await flushTenantUsage(ctx.tenant.id)).calls).toBe(2);
  });

  it("rebuilds a lost quota counter from the flushed rollups (Redis restarted)", async () => {
    const ctx = await tenantWithOwner(t.db, "FREE");
    const { secret } = await createApiKey(ctx, { name: "restart", scopes: ["tenant:read"] });
    for (let i = 0; i < 5; i += 1) expect((await get(secret)).status).toBe(200);
    await flushTenantUsage(ctx.tenant.id);
    const redis = await getRedis();
    await redis.del(redisKeys.quota(ctx.tenant.id, new Date()));
    const after = await get(secret);
    expect(after.status).toBe(200);
    expect(after.headers.get("x-quota-remaining")).toBe(String(1000 - 6));
  });
});
