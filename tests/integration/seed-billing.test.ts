// The seed's billing history (lib/db/seed-billing.ts) on a fresh database: months of ledger rows
// written once however often the seed runs, every demo workspace left on the tier the seed gives it,
// MRR in every recent month with each kind of movement, and a failed event an operator can replay.
import { randomBytes } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { priceOf } from "@/lib/billing/catalog";
import { loadRevenueReport, MOVEMENT_KINDS } from "@/lib/billing/reports/revenue";
import { replayWebhookEvent } from "@/lib/billing/webhooks/intake";
import { createPostgresClient, setDb } from "@/lib/db/client";
import { operatorFromUser } from "@/lib/http/operator";
import { postgresExecutor } from "@/lib/db/executors";
import type { PrismaClient } from "@/lib/db/generated/client";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { DEMO_TENANTS, seed } from "@/lib/db/seed";

import { openTestDb, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";

/** A database of its own: a new in-memory PGlite, or a new PostgreSQL database next to the run's. */
async function freshDatabase(): Promise<TestDb> {
  const url = inject("testDatabaseUrl");
  if (!url) return openTestDb();
  const name = `tessera_seed_billing_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const executor = await postgresExecutor(target.toString());
  await migrate(executor, readMigrations());
  await executor.close();
  const handle = createPostgresClient(target.toString());
  setDb(handle);
  return {
    db: handle.client,
    kind: "postgres",
    close: async () => {
      await handle.client.$disconnect();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

let t: TestDb;
beforeAll(async () => {
  t = await freshDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function billingCounts(db: PrismaClient) {
  const [subscriptions, versions, invoices, payments, refunds, disputes, orders, accounts, events, batches, items] =
    await Promise.all([
      db.subscription.count(),
      db.subscriptionVersion.count(),
      db.invoice.count(),
      db.payment.count(),
      db.refund.count(),
      db.dispute.count(),
      db.order.count(),
      db.billingAccount.count(),
      db.webhookEvent.count(),
      db.payoutBatch.count(),
      db.payoutItem.count(),
    ]);
  return { subscriptions, versions, invoices, payments, refunds, disputes, orders, accounts, events, batches, items };
}

describe("seed billing history", () => {
  it("writes the story once, keeps every demo tier, and fills months of revenue", async () => {
    const started = performance.now();
    await seed(t.db);
    const firstRunMs = performance.now() - started;
    const first = await billingCounts(t.db);
    await seed(t.db);
    expect(await billingCounts(t.db)).toEqual(first);
    expect(first).toMatchObject({ batches: 2, items: 6, refunds: 1, disputes: 1, orders: 2, accounts: 5 });
    expect(first.invoices).toBe(20);
    expect(first.events).toBeGreaterThan(25);
    // The embedded first boot seeds this; keep it in the same order of magnitude as the rest of the seed.
    expect(firstRunMs).toBeLessThan(60_000);

    const tenants = await t.db.tenant.findMany({
      where: { slug: { in: DEMO_TENANTS.map((d) => d.slug) } },
      select: { id: true, slug: true, tier: true, trialTier: true },
    });
    expect(tenants).toHaveLength(DEMO_TENANTS.length);
    for (const demo of DEMO_TENANTS) {
      expect(tenants.find((tenant) => tenant.slug === demo.slug)).toMatchObject({
        tier: demo.tier,
        trialTier: demo.trialTier ?? null,
      });
    }
    const id = (slug: string) => tenants.find((tenant) => tenant.slug === slug)!.id;
    expect(await t.db.subscription.count({ where: { tenantId: { in: [id("cobalt"), id("foxtrot")] } } })).toBe(0);

    // The stories behind the movements: Delta upgraded (with a proration credit), Bluebird
    // downgraded, left and came back, Acme churned, Gamma is past due, Echo pays yearly in EUR.
    const delta = await t.db.invoice.findMany({ where: { tenantId: id("delta") } });
    expect(delta.some((invoice) => (invoice.lines as { amount: number }[]).some((line) => line.amount < 0))).toBe(true);
    const bluebird = await t.db.subscription.findMany({
      where: { tenantId: id("bluebird") },
      orderBy: { providerCreatedAt: "asc" },
    });
    expect(bluebird.map((s) => [s.tier, s.status])).toEqual([
      ["STARTER", "CANCELED"],
      ["STARTER", "ACTIVE"],
    ]);
    expect(await t.db.subscription.findFirst({ where: { tenantId: id("acme") } })).toMatchObject({
      status: "CANCELED",
    });
    expect(await t.db.subscription.findFirst({ where: { tenantId: id("gamma") } })).toMatchObject({
      status: "PAST_DUE",
    });
    expect(
      (await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: id("gamma") } })).pastDueSince,
    ).not.toBeNull();
    expect(await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: id("delta") } })).toMatchObject({
      pastDueSince: null,
      paymentMethod: { brand: "visa", last4: "4242" },
    });
    expect(await t.db.payment.count({ where: { tenantId: id("delta"), status: "FAILED" } })).toBe(1);
    expect(await t.db.subscription.findFirst({ where: { tenantId: id("echo") } })).toMatchObject({
      interval: "YEAR",
      currency: "eur",
      status: "ACTIVE",
    });
    expect((await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: id("echo") } })).currency).toBe("eur");

    // The revenue report: MRR in each of the last seven months and every kind of movement.
    const operator = operatorFromUser({
      id: "seed-operator",
      email: "ops@example.test",
      name: null,
      isPlatformAdmin: true,
    });
    const report = await loadRevenueReport(operator, { tenantIds: tenants.map((tenant) => tenant.id) });
    const usd = report.currencies.find((c) => c.currency === "usd")!;
    expect(usd.months.slice(-7).every((month) => month.mrr > 0)).toBe(true);
    for (const kind of MOVEMENT_KINDS) {
      expect(
        usd.months.some((month) => month.movements[kind] > 0),
        `a ${kind} movement`,
      ).toBe(true);
    }
    const eur = report.currencies.find((c) => c.currency === "eur")!;
    expect(eur.months.at(-1)?.mrr).toBe(Math.round(priceOf("WHITE_LABEL", "YEAR", "eur") / 12));
    expect(usd.months.reduce((sum, month) => sum + month.refunds, 0)).toBe(10_000);
  });

  it("leaves a failed event for an unknown tenant and one an operator can replay", async () => {
    const failed = await t.db.webhookEvent.findMany({ where: { status: "FAILED" }, orderBy: { eventId: "asc" } });
    expect(failed.map((e) => e.eventId)).toEqual(["evt_seed_delta_customer_timeout", "evt_seed_unknown_tenant"]);
    expect(failed.every((e) => e.nextAttemptAt === null && e.lastError)).toBe(true);

    expect(await replayWebhookEvent(at(failed, 0).id)).toBe("processed");
    const delta = await t.db.tenant.findUniqueOrThrow({ where: { slug: "delta" } });
    expect((await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: delta.id } })).email).toBe(
      "accounts-payable@delta-logistics.test",
    );
    expect(await replayWebhookEvent(at(failed, 1).id)).toBe("failed");
    expect(delta.tier).toBe("ENTERPRISE");
  });
});
