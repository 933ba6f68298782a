// A worker's claim across many tenants (lib/billing/webhooks/claim.ts, lib/billing/ledger-batch.ts),
// on a database of its own (claims take whatever is due): the tenants' ledger runs share one
// transaction, each tenant's events applied and reported in provider order; when one tenant's event
// cannot be applied the others still are and the failed one is recorded and retried; and the
// per-tenant statements keep row-level security (lib/db/each-tenant.ts) — a tenant's statement sees
// and writes only that tenant's rows, and no tenant's rows outside it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import type { PrismaClient, WebhookEvent } from "@/lib/db/generated/client";
import type { IncomingEvent } from "@/lib/billing/webhooks/types";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, { WEBHOOK_PROCESSING: "external" }),
);

const queue = await import("@/lib/billing/webhooks/queue");
const { eachTenant, withTenantsTx } = await import("@/lib/db/each-tenant");
const { localDelivery, subscriptionState } = await import("../helpers/billing");
const { tenantWithOwner } = await import("../helpers/api");
const { openIsolatedDb } = await import("../helpers/isolated-db");

let iso: Awaited<ReturnType<typeof openIsolatedDb>>;
let db: PrismaClient;

beforeAll(async () => {
  iso = await openIsolatedDb();
  db = iso.db;
}, 120_000);
afterAll(async () => {
  await iso?.close();
});

const START = Date.parse("2026-03-01T00:00:00Z");

/**
 * One subscription state per event for `subscription` of `tenantId`, 50 provider seconds apart,
 * alternating STARTER and PROFESSIONAL; the last one cancels unless `cancel` is false.
 */
function updates(tenantId: string, subscription: string, count: number, offset = 0, cancel = true): IncomingEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(START + (offset + i * 50) * 1_000);
    const last = cancel && i === count - 1;
    const state = subscriptionState({
      providerId: subscription,
      at,
      status: last ? "CANCELED" : "ACTIVE",
      canceledAt: last ? at : null,
      tier: i % 2 === 0 ? "STARTER" : "PROFESSIONAL",
    });
    return { ...localDelivery(tenantId, [state]), createdAt: at };
  });
}

/** Stores newest first (the reverse of provider order), then claims everything due. */
async function storeAndClaim(events: IncomingEvent[], now?: Date): Promise<WebhookEvent[]> {
  for (const event of [...events].reverse()) expect(await queue.enqueueWebhook(event)).toBe("queued");
  return queue.claimWebhookBatch({ limit: 500, now });
}

/** Statements the pg driver sends while `fn` runs (BEGIN counts transactions). */
async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
  const texts: string[] = [];
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const spy = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    texts.push(typeof first === "string" ? first : (first?.text ?? ""));
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query);
  try {
    return { result: await fn(), texts };
  } finally {
    spy.mockRestore();
  }
}

describe("a claim across tenants", () => {
  it(
    "applies every tenant's events in one transaction, each tenant's in provider order",
    { timeout: 120_000 },
    async () => {
      const tenants = await Promise.all(Array.from({ length: 6 }, async () => (await tenantWithOwner(db)).tenant.id));
      // Interleaved provider times across tenants; each tenant's five states, the last on STARTER.
      const events = tenants.flatMap((tenantId, t) => updates(tenantId, `sub_${tenantId}`, 5, t, false));
      const claimed = await storeAndClaim(events);
      expect(claimed).toHaveLength(events.length);

      const seen: WebhookEvent[] = [];
      const { result, texts } = await statementsDuring(() =>
        queue.processWebhookBatch(claimed, { onProcessed: (row) => seen.push(row) }),
      );
      expect(result).toEqual({ processed: events.length, duplicate: 0, ignored: 0, failed: 0 });
      // One transaction for the six tenants, and a statement count that does not grow with them
      // (tenant lookups for the translations, then about ten statements for the whole claim). The
      // statements are counted at the pg driver: on PostgreSQL (PGlite has no driver to count at).
      if (process.env.DATABASE_URL) {
        expect(texts.filter((t) => /^\s*BEGIN/i.test(t))).toHaveLength(1);
        expect(texts.filter((t) => t.includes("tessera_each_tenant")).length).toBeLessThanOrEqual(4);
      }

      for (const tenantId of tenants) {
        const times = seen
          .filter((row) => row.orderingKey === `LOCAL:tenant:${tenantId}`)
          .map((row) => row.providerCreatedAt.getTime());
        expect(times).toHaveLength(5);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
      const rows = await db.webhookEvent.findMany({ where: { id: { in: claimed.map((r) => r.id) } } });
      expect(rows.filter((r) => r.status !== "PROCESSED" || r.attempts !== 1 || r.leaseUntil !== null)).toEqual([]);
      expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set(tenants));

      // Each tenant's ledger: its own subscription in its newest state, all five versions, the tier
      // that state gives (audited) — nothing of one tenant landed with another.
      for (const tenantId of tenants) {
        const subs = await db.subscription.findMany({ where: { tenantId } });
        expect(subs.map((s) => [s.providerId, s.status, s.tier])).toEqual([[`sub_${tenantId}`, "ACTIVE", "STARTER"]]);
        expect(await db.subscriptionVersion.count({ where: { tenantId } })).toBe(5);
        expect(await db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).toMatchObject({
          tier: "STARTER",
          overageBilling: true,
        });
        expect(await db.auditLog.count({ where: { tenantId, action: "billing.tier_changed" } })).toBeGreaterThan(0);
      }

      // Processing the same claim again (a worker whose lease ran out) applies nothing twice.
      expect(await queue.processWebhookBatch(claimed)).toMatchObject({ processed: 0, duplicate: events.length });
      for (const tenantId of tenants) {
        expect(await db.subscriptionVersion.count({ where: { tenantId } })).toBe(5);
      }
    },
  );

  it(
    "still applies the other tenants when one tenant's event fails, and retries the failed one",
    { timeout: 120_000 },
    async () => {
      const [a, b, c] = await Promise.all(Array.from({ length: 3 }, async () => (await tenantWithOwner(db)).tenant.id));
      if (!a || !b || !c) throw new Error("tenants not created");
      const boom = `sub_boom_${c}`;
      // The database refuses one subscription (as a constraint or a bug would).
      await db.$executeRawUnsafe(`
        CREATE OR REPLACE FUNCTION claim_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW."providerId" LIKE 'sub_boom_%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$`);
      await db.$executeRawUnsafe(
        `CREATE TRIGGER claim_test_refuse BEFORE INSERT OR UPDATE ON subscriptions FOR EACH ROW EXECUTE FUNCTION claim_test_refuse()`,
      );
      const failing = updates(c, boom, 1, 30);
      const events = [
        ...updates(a, `sub_${a}`, 3, 0),
        ...updates(b, `sub_${b}`, 3, 1),
        ...updates(c, `sub_${c}`, 2, 2),
        ...failing,
      ];
      const claimed = await storeAndClaim(events);
      expect(claimed).toHaveLength(events.length);
      try {
        expect(await queue.processWebhookBatch(claimed)).toEqual({
          processed: events.length - 1,
          duplicate: 0,
          ignored: 0,
          failed: 1,
        });
      } finally {
        await db.$executeRawUnsafe(`DROP TRIGGER claim_test_refuse ON subscriptions`);
        await db.$executeRawUnsafe(`DROP FUNCTION claim_test_refuse()`);
      }
      const rows = await db.webhookEvent.findMany({ where: { id: { in: claimed.map((r) => r.id) } } });
      const failed = rows.filter((r) => r.status === "FAILED");
      expect(failed.map((r) => r.eventId)).toEqual(failing.map((e) => e.eventId));
      expect(failed[0]).toMatchObject({ attempts: 1, leaseUntil: null });
      expect(failed[0]?.lastError).toContain("refused by the test");
      expect(rows.filter((r) => r.status === "PROCESSED" && r.attempts === 1)).toHaveLength(events.length - 1);
      for (const [tenantId, status] of [
        [a, "CANCELED"],
        [b, "CANCELED"],
        [c, "CANCELED"],
      ] as const) {
        const subs = await db.subscription.findMany({ where: { tenantId } });
        expect(subs.map((s) => [s.providerId, s.status])).toEqual([[`sub_${tenantId}`, status]]);
      }

      // Not due before its back-off; due after it, claimed again and applied.
      expect(await queue.claimWebhookBatch({ limit: 500 })).toEqual([]);
      const due = new Date((failed[0]?.nextAttemptAt ?? new Date()).getTime() + 1_000);
      const retried = await queue.claimWebhookBatch({ limit: 500, now: due });
      expect(retried.map((r) => r.eventId)).toEqual(failing.map((e) => e.eventId));
      expect(await queue.processWebhookBatch(retried)).toMatchObject({ processed: 1, failed: 0 });
      expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: retried[0]?.id } })).toMatchObject({
        status: "PROCESSED",
        attempts: 2,
      });
      expect(await db.subscription.count({ where: { tenantId: c, providerId: boom } })).toBe(1);
    },
  );

  it("runs each tenant's statement under that tenant's row-level security only", async () => {
    const [a, b] = await Promise.all([tenantWithOwner(db), tenantWithOwner(db)]);
    const ids = [a.tenant.id, b.tenant.id];
    const seen = await withTenantsTx(
      async (tx) => {
        const each = await eachTenant<string[]>(
          tx,
          `SELECT coalesce(jsonb_agg(id), '[]'::jsonb) FROM tenants`,
          new Map(ids.map((id) => [id, {}])),
        );
        // Outside eachTenant the transaction names no tenant: tenant tables show nothing.
        const outside = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM tenants`);
        return { each, outside: outside[0]?.n };
      },
      { db },
    );
    expect(seen.each).toEqual(new Map(ids.map((id) => [id, [id]])));
    expect(seen.outside).toBe(0);

    // A's statement cannot write a row of B.
    const write = withTenantsTx(
      (tx) =>
        eachTenant(
          tx,
          `INSERT INTO audit_logs ("tenantId", id, action, "targetType") VALUES ($1->>'other', 'x-' || md5(random()::text), 'test', 'tenant') RETURNING NULL::jsonb`,
          new Map([[a.tenant.id, { other: b.tenant.id }]]),
        ),
      { db },
    );
    await expect(write).rejects.toThrow(/row-level security/);
    expect(await db.auditLog.count({ where: { tenantId: b.tenant.id, action: "test" } })).toBe(0);
  });
});
