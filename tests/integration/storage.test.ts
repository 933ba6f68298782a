// Storage accounting (issue 9, item 12): a running per-tenant total kept where rows are written
// (database triggers, applied at commit), read with one primary-key lookup instead of scanning the
// tables per request, and exact — equal to a full recount — under concurrent writers and rollbacks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { withTenant } from "@/lib/db/tenant";
import { createInvitation } from "@/lib/tenancy/invitations";
import type { TenantContext } from "@/lib/tenancy/context";
import { recordUsageEvents } from "@/lib/usage/events";
import { recountStorageBytes, storageBytes } from "@/lib/usage/storage";
import { getUsageSummary } from "@/lib/usage/summary";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

const baseUrl = "http://localhost:3000";

async function totals(tenantId: string) {
  return withTenant(
    tenantId,
    async (tx) => ({ running: await storageBytes(tx), recount: await recountStorageBytes(tx) }),
    {
      db: t.db,
    },
  );
}

function events(count: number, prefix = uniq("ev")) {
  return {
    events: Array.from({ length: count }, (_, i) => ({
      id: `${prefix}-${i}`,
      event_name: "storage.test",
      value: i,
      properties: { note: "x".repeat(i * 7), at: i % 2 === 0 },
    })),
  };
}

describe("the running storage total", () => {
  it("follows inserts, updates, deletes and rollbacks to the byte", async () => {
    const ctx = await tenantWithOwner(t.db, "PROFESSIONAL");
    let { running, recount } = await totals(ctx.tenant.id);
    // Creating the tenant wrote its owner's membership and an audit entry.
    expect(running).toBeGreaterThan(0);
    expect(running).toBe(recount);

    await createInvitation(ctx, { email: `${uniq("inv")}@example.test`, role: "MEMBER" }, { baseUrl });
    const { key } = await createApiKey(ctx, { name: "storage", scopes: ["usage:write"] });
    await recordUsageEvents(ctx, events(20));
    const grown = await totals(ctx.tenant.id);
    expect(grown.running).toBeGreaterThan(running);
    expect(grown.running).toBe(grown.recount);

    // Updates count their difference (a longer name, a revocation timestamp, reported events).
    await revokeApiKey(ctx, key.id);
    await withTenant(ctx.tenant.id, (tx) => tx.usageEvent.updateMany({ data: { reportedAt: new Date() } }), {
      db: t.db,
    });
    ({ running, recount } = await totals(ctx.tenant.id));
    expect(running).toBe(recount);
    expect(running).toBeGreaterThan(grown.running);

    // A rolled-back transaction never counts.
    await expect(
      withTenant(
        ctx.tenant.id,
        async (tx) => {
          await tx.auditLog.create({ data: { tenantId: ctx.tenant.id, action: "doomed", targetType: "x" } });
          throw new Error("roll back");
        },
        { db: t.db },
      ),
    ).rejects.toThrow("roll back");
    expect((await totals(ctx.tenant.id)).running).toBe(running);

    // Deletes subtract, also through a raw query that bypasses the app.
    await withTenant(ctx.tenant.id, (tx) => tx.$executeRaw`DELETE FROM usage_events WHERE value < 10`, { db: t.db });
    const shrunk = await totals(ctx.tenant.id);
    expect(shrunk.running).toBeLessThan(running);
    expect(shrunk.running).toBe(shrunk.recount);
  });

  it("stays exact with many writers at once, some rolling back", async () => {
    const ctx = await tenantWithOwner(t.db, "PROFESSIONAL");
    const writers = Array.from({ length: 12 }, (_, i) => async () => {
      if (i % 4 === 3) {
        // Writes, then fails: nothing of it may count.
        await withTenant(
          ctx.tenant.id,
          async (tx) => {
            await tx.usageEvent.createMany({
              data: events(5).events.map((e) => ({
                tenantId: ctx.tenant.id,
                idempotencyKey: e.id,
                eventName: e.event_name,
                value: e.value,
                occurredAt: new Date(),
              })),
            });
            throw new Error("writer failed");
          },
          { db: t.db, timeoutMs: 60_000 },
        ).catch(() => undefined);
        return;
      }
      if (i % 4 === 2) {
        await withTenant(ctx.tenant.id, (tx) => tx.$executeRaw`DELETE FROM usage_events WHERE value % 3 = 0`, {
          db: t.db,
          timeoutMs: 60_000,
        });
        return;
      }
      await recordUsageEvents(ctx, events(15));
    });
    await Promise.all(writers.map((write) => write()));
    const { running, recount } = await totals(ctx.tenant.id);
    expect(recount).toBeGreaterThan(0);
    expect(running).toBe(recount);
  });

  it("keeps tenants apart and leaves nothing behind when a tenant is purged", async () => {
    const a = await tenantWithOwner(t.db);
    const b = await tenantWithOwner(t.db);
    const before = (await totals(b.tenant.id)).running;
    await recordUsageEvents(a, events(10));
    expect((await totals(b.tenant.id)).running).toBe(before);
    await t.db.tenant.delete({ where: { id: a.tenant.id } });
    expect(await t.db.tenantStorage.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  });
});

describe("reading storage", () => {
  async function setRunningTotal(ctx: TenantContext, bytes: bigint) {
    await t.db.tenantStorage.update({ where: { tenantId: ctx.tenant.id }, data: { bytes } });
  }

  it("the usage summary shows the running total without scanning the tables", async () => {
    const ctx = await tenantWithOwner(t.db);
    // A value no scan could produce proves where the number comes from.
    await setRunningTotal(ctx, 123_456_789n);
    const summary = await getUsageSummary(ctx);
    expect(summary.dimensions.find((d) => d.id === "storage")?.used).toBe(123_456_789);
  });

  it("the storage limit on recording usage events checks the running total", async () => {
    const ctx = await tenantWithOwner(t.db); // FREE: 1 GB
    await recordUsageEvents(ctx, events(1));
    await setRunningTotal(ctx, 1024n ** 3n);
    await expect(recordUsageEvents(ctx, events(1))).rejects.toMatchObject({ code: "limit_exceeded" });
    await setRunningTotal(ctx, 1024n ** 3n - 1n);
    await expect(recordUsageEvents(ctx, events(1))).resolves.toMatchObject({ accepted: 1 });
  });
});
