// The webhook queue (lib/billing/webhooks/queue.ts, worker.ts) on a database of its own (its workers
// claim whatever is due, so no other test file's events may be there): the route stores a verified
// delivery and answers before anything is processed; a worker that dies after claiming leaves its
// events to be claimed again once the lease has run out, and a worker processing events another
// worker also took applies nothing twice; two workers at once process every event exactly once and
// each tenant's events in provider order; the scheduled drain processes what is stored; backlog and
// lag are exported as gauges.
import { randomBytes } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import type { PrismaClient, WebhookEvent } from "@/lib/db/generated/client";
import type { IncomingEvent } from "@/lib/billing/webhooks/types";

const settings = vi.hoisted(() => ({
  env: undefined as unknown as Env,
  secret: "whsec_tessera_webhook_queue_test_secret",
}));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_WEBHOOK_SECRET: settings.secret,
    STRIPE_SECRET_KEY: undefined,
    WEBHOOK_PROCESSING: "worker",
  }),
);

const { POST } = await import("@/app/api/webhooks/stripe/route");
const { setStripeClient } = await import("@/lib/billing/stripe/client");
const queue = await import("@/lib/billing/webhooks/queue");
const { WebhookWorker, exportWebhookQueueMetrics } = await import("@/lib/billing/webhooks/worker");
const { retryDueWebhooks } = await import("@/lib/billing/webhooks/intake");
const { metrics } = await import("@/lib/observability/metrics");
const { createPostgresClient, setDb } = await import("@/lib/db/client");
const { postgresExecutor } = await import("@/lib/db/executors");
const { migrate, readMigrations } = await import("@/lib/db/migrate");
const fx = await import("../fixtures/fake-stripe");
const { localDelivery, subscriptionState } = await import("../helpers/billing");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb } = await import("../helpers/db");

type TestDb = Awaited<ReturnType<typeof openTestDb>>;

/** A database of its own: a new in-memory PGlite, or a new PostgreSQL database next to the run's. */
async function freshDatabase(): Promise<TestDb> {
  const url = inject("testDatabaseUrl");
  if (!url) return openTestDb();
  const name = `tessera_webhook_queue_${process.pid}_${randomBytes(3).toString("hex")}`;
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
let db: PrismaClient;
let fake: Awaited<ReturnType<typeof fx.startFakeStripe>>;

beforeAll(async () => {
  t = await freshDatabase();
  db = t.db;
  fake = await fx.startFakeStripe();
  setStripeClient(fake.client);
}, 120_000);
afterAll(async () => {
  setStripeClient(undefined);
  await fake?.close();
  await t?.close();
});

const START = Date.parse("2026-01-01T00:00:00Z");

/** `perTenant` subscription updates for each of `tenants` new tenants, one provider second apart. */
async function history(tenants: number, perTenant: number) {
  const ids = await Promise.all(Array.from({ length: tenants }, async () => (await tenantWithOwner(db)).tenant.id));
  const events: IncomingEvent[] = [];
  ids.forEach((tenantId, ti) => {
    for (let i = 0; i < perTenant; i += 1) {
      const at = new Date(START + (i * tenants + ti) * 1_000);
      const state = subscriptionState({
        providerId: `sub_${tenantId}`,
        at,
        status: i === perTenant - 1 ? "CANCELED" : "ACTIVE",
        canceledAt: i === perTenant - 1 ? at : null,
        tier: i % 2 === 0 ? "STARTER" : "PROFESSIONAL",
      });
      events.push({ ...localDelivery(tenantId, [state]), createdAt: at });
    }
  });
  return { tenantIds: ids, events };
}

/** The same events in a fixed scrambled arrival order (provider order ≠ arrival order). */
function scrambled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i -= 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function storeAll(events: IncomingEvent[]) {
  for (const event of scrambled(events)) expect(await queue.enqueueWebhook(event)).toBe("queued");
}

const rowsOf = (events: IncomingEvent[]) =>
  db.webhookEvent.findMany({ where: { eventId: { in: events.map((e) => e.eventId) } } });

/** Every event processed, and marked processed exactly once (a second mark would count an attempt). */
async function expectProcessedOnce(events: IncomingEvent[]) {
  const rows = await rowsOf(events);
  expect(rows).toHaveLength(events.length);
  expect(rows.filter((r) => r.status !== "PROCESSED" || r.attempts !== 1 || r.leaseUntil !== null)).toEqual([]);
}

async function expectCanceled(tenantIds: string[]) {
  const subs = await db.subscription.findMany({ where: { tenantId: { in: tenantIds } } });
  expect(subs).toHaveLength(tenantIds.length);
  expect(new Set(subs.map((s) => s.status))).toEqual(new Set(["CANCELED"]));
}

describe("webhook queue", () => {
  it("orders events by the customer, tenant or object their payload names", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const stripe = (object: Record<string, unknown>) =>
      queue.orderingKeyOf({
        provider: "STRIPE",
        eventId: "evt_1",
        type: "x",
        createdAt: at,
        payload: { data: { object } },
      });
    expect(stripe({ object: "invoice", id: "in_1", customer: "cus_1" })).toBe("STRIPE:customer:cus_1");
    expect(stripe({ object: "invoice", id: "in_1", customer: { id: "cus_2" } })).toBe("STRIPE:customer:cus_2");
    expect(stripe({ object: "customer", id: "cus_3" })).toBe("STRIPE:customer:cus_3");
    expect(stripe({ object: "checkout.session", id: "cs_1", client_reference_id: "t1" })).toBe("STRIPE:tenant:t1");
    expect(stripe({ object: "charge", id: "ch_1" })).toBe("STRIPE:ch_1");
    const paypal = (resource: Record<string, unknown>) =>
      queue.orderingKeyOf({ provider: "PAYPAL", eventId: "WH-1", type: "x", createdAt: at, payload: { resource } });
    expect(paypal({ id: "I-1", custom_id: "t2" })).toBe("PAYPAL:tenant:t2");
    expect(paypal({ id: "SALE-1", billing_agreement_id: "I-2" })).toBe("PAYPAL:I-2");
    expect(paypal({ id: "CAP-1", supplementary_data: { related_ids: { order_id: "O-1" } } })).toBe("PAYPAL:O-1");
    expect(queue.orderingKeyOf(localDelivery("t3", []))).toBe("LOCAL:tenant:t3");
    expect(queue.orderingKeyOf({ provider: "PAYPAL", eventId: "WH-2", type: "x", createdAt: at, payload: null })).toBe(
      null,
    );
  });

  it("answers a verified delivery once it is stored, before processing it", async () => {
    const ctx = await tenantWithOwner(db);
    const customer = fx.stripeId("cus");
    await db.billingAccount.create({ data: { tenantId: ctx.tenant.id, stripeCustomerId: customer } });
    const id = fx.stripeId("sub");
    const event = fx.stripeEvent("customer.subscription.created", fx.subscriptionObject({ id, customer }));

    const response = await POST(fx.signedStripeRequest(event, settings.secret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, id: event.id, outcome: "queued" });
    const stored = await db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "STRIPE", eventId: String(event.id) } },
    });
    expect(stored).toMatchObject({ status: "RECEIVED", attempts: 0, orderingKey: `STRIPE:customer:${customer}` });
    expect(await db.subscription.count({ where: { providerId: id } })).toBe(0);

    // A redelivery before processing is stored once and queued again; nothing is processed yet.
    expect(await (await POST(fx.signedStripeRequest(event, settings.secret))).json()).toMatchObject({
      outcome: "queued",
    });
    expect(await db.webhookEvent.count({ where: { eventId: String(event.id) } })).toBe(1);

    const { claimed, counts } = await queue.drainWebhooksOnce();
    expect(claimed).toBe(1);
    expect(counts).toEqual({ processed: 1, duplicate: 0, ignored: 0, failed: 0 });
    expect(await db.subscription.findFirstOrThrow({ where: { providerId: id } })).toMatchObject({
      tenantId: ctx.tenant.id,
    });
    // Processed: a later redelivery is a duplicate and changes nothing.
    expect(await (await POST(fx.signedStripeRequest(event, settings.secret))).json()).toMatchObject({
      outcome: "duplicate",
    });
    expect(await queue.drainWebhooksOnce()).toMatchObject({ claimed: 0 });
  });

  it("claims the events of a worker that died after claiming them once its lease has run out", async () => {
    const { tenantIds, events } = await history(3, 4);
    await storeAll(events);

    // Worker A claims everything, then dies before processing (nothing is written).
    const claimedByA = await queue.claimWebhookBatch({ limit: 100 });
    expect(claimedByA).toHaveLength(events.length);
    // While the lease holds, nobody else gets them.
    expect(await queue.claimWebhookBatch({ limit: 100 })).toEqual([]);
    const stats = await queue.webhookQueueStats();
    expect(stats.backlog).toBe(events.length); // still waiting to be processed

    // After the lease, worker B claims and processes them all.
    const later = new Date(Date.now() + queue.WEBHOOK_LEASE_MS + 1_000);
    const claimedByB = await queue.claimWebhookBatch({ limit: 100, now: later });
    expect(claimedByB.map((r) => r.id).sort()).toEqual(claimedByA.map((r) => r.id).sort());
    expect(await queue.processWebhookBatch(claimedByB)).toEqual({
      processed: events.length,
      duplicate: 0,
      ignored: 0,
      failed: 0,
    });
    await expectProcessedOnce(events);
    await expectCanceled(tenantIds);

    // Worker A comes back and processes its stale claim: nothing is applied twice.
    const versions = await db.subscriptionVersion.count({ where: { tenantId: { in: tenantIds } } });
    expect(await queue.processWebhookBatch(claimedByA)).toMatchObject({ processed: 0, duplicate: events.length });
    await expectProcessedOnce(events);
    expect(await db.subscriptionVersion.count({ where: { tenantId: { in: tenantIds } } })).toBe(versions);
  });

  it("applies an event once when two workers process it at the same time", async () => {
    const { tenantIds, events } = await history(4, 3);
    await storeAll(events);
    const a = await queue.claimWebhookBatch({ limit: 100 });
    const b = await queue.claimWebhookBatch({ limit: 100, now: new Date(Date.now() + queue.WEBHOOK_LEASE_MS + 1) });
    expect(b).toHaveLength(a.length);
    const [ca, cb] = await Promise.all([
      queue.processWebhookBatch(a, { concurrency: 4 }),
      queue.processWebhookBatch(b, { concurrency: 4 }),
    ]);
    expect(ca.processed + cb.processed).toBe(events.length);
    expect(ca.duplicate + cb.duplicate).toBe(events.length);
    expect(ca.failed + cb.failed).toBe(0);
    await expectProcessedOnce(events);
    await expectCanceled(tenantIds);
  });

  it(
    "processes a burst exactly once with two workers running, each tenant's events in provider order",
    { timeout: 120_000 },
    async () => {
      const { tenantIds, events } = await history(12, 8);
      await storeAll(events);
      const seen: { worker: string; row: WebhookEvent }[] = [];
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const onProcessed = (worker: string) => (row: WebhookEvent) => {
        seen.push({ worker, row });
        if (seen.length === events.length) finish();
      };
      // Small batches, so both workers claim while the other is busy.
      const workers = [
        new WebhookWorker({ limit: 10, concurrency: 4, idleMs: 20, onProcessed: onProcessed("A") }),
        new WebhookWorker({ limit: 10, concurrency: 4, idleMs: 20, onProcessed: onProcessed("B") }),
      ];
      workers.forEach((w) => w.start());
      await done;
      await Promise.all(workers.map((w) => w.stop()));
      expect(workers.every((w) => !w.running)).toBe(true);

      expect(seen).toHaveLength(events.length);
      expect(new Set(seen.map((s) => s.row.id)).size).toBe(events.length);
      await expectProcessedOnce(events);
      await expectCanceled(tenantIds);
      // Per tenant: processed in the order of the provider's clock, although stored scrambled.
      for (const tenantId of tenantIds) {
        const times = seen
          .filter((s) => s.row.orderingKey === `LOCAL:tenant:${tenantId}`)
          .map((s) => s.row.providerCreatedAt.getTime());
        expect(times).toHaveLength(8);
        expect(times).toEqual([...times].sort((x, y) => x - y));
      }
      expect(await queue.webhookQueueStats()).toMatchObject({ backlog: 0, lagSeconds: 0 });
    },
  );

  it("processes an event whose tenant an earlier event of its key links, after that one", async () => {
    // Translations of a key's events run at once (process.ts): the subscription's cannot find its
    // tenant until the checkout's customer link is applied, so it is translated again, alone, after it.
    const ctx = await tenantWithOwner(db);
    const customer = fx.stripeId("cus");
    const at = fx.unix("2026-02-01T00:00:00Z");
    const checkout = fx.stripeEvent(
      "checkout.session.completed",
      fx.checkoutSessionObject({ customer, client_reference_id: ctx.tenant.id }),
      { created: at },
    );
    const subscription = fx.stripeEvent(
      "customer.subscription.updated",
      fx.subscriptionObject({ customer, tenantId: null, created: at, periodStart: at }),
      { created: at + 1 },
    );
    const events: IncomingEvent[] = [checkout, subscription].map((e) => ({
      provider: "STRIPE",
      eventId: String(e.id),
      type: String(e.type),
      createdAt: new Date(Number(e.created) * 1000),
      payload: e,
    }));
    // Stored newest first: the claim puts them back in provider order.
    for (const event of [...events].reverse()) expect(await queue.enqueueWebhook(event)).toBe("queued");
    const claimed = await queue.claimWebhookBatch();
    expect(claimed.map((r) => r.type)).toEqual(["checkout.session.completed", "customer.subscription.updated"]);
    expect(new Set(claimed.map((r) => r.orderingKey))).toEqual(new Set([`STRIPE:customer:${customer}`]));
    expect(await queue.processWebhookBatch(claimed)).toEqual({ processed: 2, duplicate: 0, ignored: 0, failed: 0 });
    await expectProcessedOnce(events);
    const subs = await db.subscription.findMany({ where: { tenantId: ctx.tenant.id } });
    expect(subs).toHaveLength(1);
  });

  it("is drained by the scheduled retry too, and exports backlog and lag", async () => {
    const { tenantIds, events } = await history(2, 2);
    await storeAll(events);
    exportWebhookQueueMetrics();
    const scrape = async () => {
      const text = await metrics().registry.metrics();
      const value = (name: string) =>
        Number(new RegExp(`^${name}\\{provider="LOCAL"\\} ([\\d.e+-]+)$`, "m").exec(text)?.[1]);
      return { backlog: value("tessera_webhook_backlog_events"), lag: value("tessera_webhook_lag_seconds") };
    };
    const before = await scrape();
    expect(before.backlog).toBe(events.length);
    expect(before.lag).toBeGreaterThanOrEqual(0);
    const stats = await queue.webhookQueueStats({ now: new Date(Date.now() + 60_000) });
    expect(stats.byProvider.LOCAL?.lagSeconds).toBeGreaterThanOrEqual(60);

    expect(await retryDueWebhooks()).toMatchObject({ processed: events.length, failed: 0 });
    await expectProcessedOnce(events);
    await expectCanceled(tenantIds);
    expect(await scrape()).toEqual({ backlog: 0, lag: 0 });
  });
});
