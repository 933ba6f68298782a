// Moving counters from Redis into PostgreSQL: exactly once, whatever is interrupted where, and
// with several flushers racing each other and live traffic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getRedis } from "@/lib/cache/redis";
import { runGate } from "@/lib/usage/gate";
import { flushAllUsage, flushTenantUsage, noteActiveTenant } from "@/lib/usage/flush";
import { hourTag, redisKeys } from "@/lib/usage/keys";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

async function count(tenantId: string, calls: number, route = "GET /api/v1/ping", now = new Date()) {
  const redis = await getRedis();
  for (let i = 0; i < calls; i += 1) {
    const result = await runGate(redis, {
      scope: `{t:${tenantId}}`,
      subject: "k1",
      epoch: "*",
      burstLimit: 0,
      windowMs: 10_000,
      tenantId,
      quotaLimit: null,
      usageField: `k1|${route}`,
      quotaSeed: 0,
      now,
    });
    expect(result.status).toBe("ok");
  }
}

async function total(tenantId: string): Promise<number> {
  const sum = await t.db.usageRollup.aggregate({ where: { tenantId }, _sum: { count: true } });
  return sum._sum.count ?? 0;
}

describe("usage flush", () => {
  it("moves counts into hourly rollups per key and route, once", async () => {
    const ctx = await tenantWithOwner(t.db);
    await count(ctx.tenant.id, 3);
    await count(ctx.tenant.id, 2, "GET /api/v1/tenant");
    expect(await flushTenantUsage(ctx.tenant.id)).toEqual({ batches: 1, calls: 5 });
    expect(await flushTenantUsage(ctx.tenant.id)).toEqual({ batches: 0, calls: 0 });
    const rows = await t.db.usageRollup.findMany({ where: { tenantId: ctx.tenant.id }, orderBy: { route: "asc" } });
    expect(rows.map((r) => [r.route, r.count])).toEqual([
      ["GET /api/v1/ping", 3],
      ["GET /api/v1/tenant", 2],
    ]);
    expect(at(rows, 0).hour.getUTCMinutes()).toBe(0);
  });

  it("recognises a batch that was committed but not deleted (crash after commit)", async () => {
    const ctx = await tenantWithOwner(t.db);
    await count(ctx.tenant.id, 4);
    await flushTenantUsage(ctx.tenant.id);
    const applied = at(await t.db.usageFlush.findMany({ where: { tenantId: ctx.tenant.id } }), 0, "applied flush");
    // Put the already-applied batch back, as if the final DEL never ran.
    const redis = await getRedis();
    const hour = hourTag(new Date());
    await redis.hset(redisKeys.usageFlushing(ctx.tenant.id, hour), {
      __batch: applied.batchId,
      "k1|GET /api/v1/ping": 4,
    });
    await redis.sadd(redisKeys.usageHours(ctx.tenant.id), hour);
    expect(await flushTenantUsage(ctx.tenant.id)).toEqual({ batches: 1, calls: 0 });
    expect(await total(ctx.tenant.id)).toBe(4);
    expect(await redis.exists(redisKeys.usageFlushing(ctx.tenant.id, hour))).toBe(0);
  });

  it("applies a batch that was claimed but never written (crash before commit)", async () => {
    const ctx = await tenantWithOwner(t.db);
    await count(ctx.tenant.id, 6);
    const redis = await getRedis();
    const hour = hourTag(new Date());
    await redis.rename(redisKeys.usageHour(ctx.tenant.id, hour), redisKeys.usageFlushing(ctx.tenant.id, hour));
    await redis.hset(redisKeys.usageFlushing(ctx.tenant.id, hour), { __batch: "orphan-batch" });
    await count(ctx.tenant.id, 1); // live traffic meanwhile
    await flushTenantUsage(ctx.tenant.id);
    expect(await total(ctx.tenant.id)).toBe(7);
  });

  it("stays exact with concurrent flushers and traffic", async () => {
    const ctx = await tenantWithOwner(t.db);
    const traffic = Promise.all(Array.from({ length: 5 }, () => count(ctx.tenant.id, 20)));
    const flushers = Promise.all(Array.from({ length: 3 }, () => flushTenantUsage(ctx.tenant.id)));
    await Promise.all([traffic, flushers]);
    await Promise.all([flushTenantUsage(ctx.tenant.id), flushTenantUsage(ctx.tenant.id)]);
    expect(await total(ctx.tenant.id)).toBe(100);
  });

  it("finds every active tenant for the scheduled flush, past hours included", async () => {
    const a = await tenantWithOwner(t.db);
    const b = await tenantWithOwner(t.db);
    const earlier = new Date(Date.now() - 3 * 3_600_000);
    await count(a.tenant.id, 2, "GET /api/v1/ping", earlier);
    await count(b.tenant.id, 3);
    noteActiveTenant(a.tenant.id, earlier);
    noteActiveTenant(b.tenant.id, new Date());
    await new Promise((resolve) => setTimeout(resolve, 100)); // registration is fire-and-forget
    const result = await flushAllUsage();
    expect(result.tenants).toBeGreaterThanOrEqual(2);
    expect(await total(a.tenant.id)).toBe(2);
    expect(await total(b.tenant.id)).toBe(3);
    const [row] = await t.db.usageRollup.findMany({ where: { tenantId: a.tenant.id } });
    expect(row?.hour.toISOString().slice(0, 13)).toBe(earlier.toISOString().slice(0, 13));
  });
});
