// Replaying a billing history (tests/helpers/billing-history.ts: a seeded PRNG, ≥ 1,000 domain
// events, 40 tenants, 8 months) two ways must end in the same ledger:
//   A. in provider-time order, each event once, into one set of fresh tenants;
//   B. shuffled, 30% delivered twice (same event id), 4 deliveries at a time, into a second set of
//      tenants with the same history; then the scheduled retry until nothing is due (concurrent
//      deliveries may conflict and fail once).
// Then every billing table (subscriptions, subscription_versions, invoices, payments, refunds,
// disputes, orders, billing_accounts) and each tenant's tier are compared field by field, with only
// generated ids, tenant ids, createdAt/updatedAt and the per-set prefix of provider ids normalised;
// and the revenue report of both sets must be identical.
// Deliveries use the local provider's envelope (the domain events themselves), so this is a test of
// the webhook pipeline and the ledger, not of a provider's payload mapping.
import { describe, expect, it } from "vitest";

import { loadRevenueReport } from "@/lib/billing/reports/revenue";
import { operatorFromUser } from "@/lib/http/operator";
import { receiveWebhook, retryDueWebhooks, type IntakeOutcome } from "@/lib/billing/webhooks/intake";
import type { PrismaClient } from "@/lib/db/generated/client";

import { tenantWithOwner } from "../helpers/api";
import {
  generateBillingHistory,
  shuffledWithDuplicates,
  type BillingHistory,
  type HistoryDelivery,
} from "../helpers/billing-history";
import { localDelivery } from "../helpers/billing";
import { setupTestDb, uniq } from "../helpers/db";

const t = setupTestDb();
const SEED = 20_261_128;
const START = new Date("2025-10-01T00:00:00Z");
const FAR_FUTURE = new Date("2100-01-01T00:00:00Z");
const CONCURRENCY = 4;

interface LedgerSet {
  prefix: string;
  history: BillingHistory;
  tenantIds: string[];
}

async function prepare(label: string): Promise<LedgerSet> {
  const prefix = uniq(label);
  const history = generateBillingHistory({ seed: SEED, prefix, start: START });
  const tenantIds = await Promise.all(
    Array.from({ length: history.tenants }, async () => (await tenantWithOwner(t.db)).tenant.id),
  );
  return { prefix, history, tenantIds };
}

function deliver(set: LedgerSet, d: HistoryDelivery): Promise<IntakeOutcome> {
  return receiveWebhook({
    ...localDelivery(set.tenantIds[d.tenant], d.events, d.eventId),
    type: d.type,
    createdAt: d.at,
  });
}

/** The scheduled retry, seeing only this set's events (other test files share the database). */
function ownEvents(prefix: string): PrismaClient {
  return t.db.$extends({
    query: {
      webhookEvent: {
        findMany: ({ args, query }) =>
          query({ ...args, where: { AND: [args.where ?? {}, { eventId: { startsWith: `${prefix}_` } }] } }),
      },
    },
  }) as unknown as PrismaClient;
}

type Row = Record<string, unknown>;
const GENERATED = new Set(["id", "tenantId", "createdAt", "updatedAt", "subscriptionId"]);

/** Every billing row of a set, keyed per table by tenant index and provider id, ids normalised. */
async function ledgerOf(set: LedgerSet): Promise<Record<string, Map<string, Row>>> {
  const where = { tenantId: { in: set.tenantIds } };
  const tables: Record<string, Row[]> = {
    tenants: (
      await t.db.tenant.findMany({ where: { id: { in: set.tenantIds } }, select: { id: true, tier: true } })
    ).map((row) => ({ tenantId: row.id, tier: row.tier })),
    billing_accounts: await t.db.billingAccount.findMany({ where }),
    subscriptions: await t.db.subscription.findMany({ where }),
    subscription_versions: await t.db.subscriptionVersion.findMany({
      where,
      include: { subscription: { select: { providerId: true } } },
    }),
    invoices: await t.db.invoice.findMany({ where }),
    payments: await t.db.payment.findMany({ where }),
    refunds: await t.db.refund.findMany({ where }),
    disputes: await t.db.dispute.findMany({ where }),
    orders: await t.db.order.findMany({ where }),
  };
  const index = new Map(set.tenantIds.map((id, i) => [id, i]));
  const result: Record<string, Map<string, Row>> = {};
  for (const [table, rows] of Object.entries(tables)) {
    result[table] = new Map();
    for (const raw of rows) {
      const row = JSON.parse(JSON.stringify(raw).replaceAll(set.prefix, "<set>")) as Row;
      const tenant = index.get(String(row.tenantId));
      const clean = Object.fromEntries(Object.entries(row).filter(([field]) => !GENERATED.has(field)));
      const subscription = (row.subscription as { providerId?: string } | undefined)?.providerId;
      const key = [tenant, row.providerId ?? subscription ?? "", row.effectiveAt ?? ""].join(" ");
      result[table].set(key, clean);
    }
  }
  return result;
}

/** Field-by-field differences between two ledgers, one line each. */
function differences(a: Record<string, Map<string, Row>>, b: Record<string, Map<string, Row>>): string[] {
  const lines: string[] = [];
  for (const table of Object.keys(a)) {
    const keys = [...new Set([...a[table].keys(), ...b[table].keys()])].sort();
    for (const key of keys) {
      const x = a[table].get(key);
      const y = b[table].get(key);
      if (!x || !y) {
        lines.push(`${table} [${key}]: only in ${x ? "A (in order)" : "B (shuffled)"}`);
        continue;
      }
      for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
        const [left, right] = [JSON.stringify(x[field]), JSON.stringify(y[field])];
        if (left !== right) lines.push(`${table} [${key}] ${field}: A ${left} ≠ B ${right}`);
      }
    }
  }
  return lines;
}

const sets: { a?: LedgerSet; b?: LedgerSet } = {};

describe("replaying a billing history", () => {
  it(
    "ends in the same ledger in order and shuffled with duplicates and concurrency",
    { timeout: 180_000 },
    async () => {
      const a = (sets.a = await prepare("rA"));
      const b = (sets.b = await prepare("rB"));
      expect(a.history.events).toBeGreaterThanOrEqual(1_000);
      expect(a.history.tenants).toBeGreaterThanOrEqual(25);
      expect(b.history.events).toBe(a.history.events);
      // Some objects change state twice within one provider second (finalized and paid at once).
      const states = new Map<string, Set<string>>();
      for (const event of a.history.deliveries.flatMap((d) => d.events)) {
        if (!("status" in event)) continue;
        const key = `${event.kind} ${event.providerId} ${event.at.getTime()}`;
        states.set(key, (states.get(key) ?? new Set()).add(String(event.status)));
      }
      expect([...states.values()].filter((s) => s.size > 1).length).toBeGreaterThan(10);

      // A: in order, once each. B: shuffled, 30% twice, CONCURRENCY at a time. The two sets share
      // no tenant, so they are delivered side by side (A's own deliveries stay strictly in order).
      const queue = shuffledWithDuplicates(b.history.deliveries, 0.3, SEED + 1);
      expect(queue.length).toBeGreaterThan(b.history.deliveries.length * 1.2);
      const outcomesA: Record<string, number> = {};
      const outcomesB: Record<string, number> = {};
      let next = 0;
      const inOrder = async () => {
        for (const d of a.history.deliveries) {
          const outcome = await deliver(a, d);
          outcomesA[outcome] = (outcomesA[outcome] ?? 0) + 1;
        }
      };
      const shuffled = async () => {
        while (next < queue.length) {
          const outcome = await deliver(b, queue[next++]);
          outcomesB[outcome] = (outcomesB[outcome] ?? 0) + 1;
        }
      };
      await Promise.all([inOrder(), ...Array.from({ length: CONCURRENCY }, shuffled)]);
      expect(outcomesA).toEqual({ processed: a.history.deliveries.length });
      const scoped = ownEvents(b.prefix);
      for (let round = 0; round < 10; round += 1) {
        const counts = await retryDueWebhooks({ db: scoped, now: FAR_FUTURE, limit: 500 });
        if (counts.processed + counts.failed + counts.duplicate + counts.ignored === 0) break;
      }
      const unfinished = await t.db.webhookEvent.findMany({
        where: { eventId: { startsWith: `${b.prefix}_` }, status: { not: "PROCESSED" } },
        select: { eventId: true, status: true, lastError: true },
      });
      expect(unfinished).toEqual([]);
      expect(outcomesB.duplicate ?? 0).toBeGreaterThan(0);

      // The history is as varied as promised.
      const ledgerA = await ledgerOf(a);
      const statuses = (table: string, field: string) => new Set([...ledgerA[table].values()].map((row) => row[field]));
      expect(statuses("subscription_versions", "status")).toEqual(
        new Set(["ACTIVE", "PAST_DUE", "CANCELED", "TRIALING"]),
      );
      expect(statuses("subscriptions", "interval")).toEqual(new Set(["MONTH", "YEAR"]));
      expect(statuses("subscriptions", "currency")).toEqual(new Set(["usd", "eur"]));
      expect(statuses("payments", "status")).toEqual(new Set(["SUCCEEDED", "FAILED"]));
      expect([...statuses("orders", "status")]).toEqual(expect.arrayContaining(["COMPLETED", "VOIDED"]));
      for (const table of ["refunds", "disputes", "orders", "subscription_versions"]) {
        expect(ledgerA[table].size, table).toBeGreaterThan(5);
      }
      expect([...ledgerA.refunds.values()].some((r) => r.reason === "requested_by_customer")).toBe(true);
      expect([...ledgerA.refunds.values()].some((r) => r.reason === "duplicate")).toBe(true);

      expect(differences(ledgerA, await ledgerOf(b))).toEqual([]);
    },
  );

  it("gives both sets the same revenue report", async () => {
    const { a, b } = sets;
    if (!a || !b) throw new Error("the replay above did not run");
    const range = { from: START, to: new Date("2026-06-30T00:00:00Z") };
    const operator = operatorFromUser({
      id: "replay-operator",
      email: "ops@example.test",
      name: null,
      isPlatformAdmin: true,
    });
    const reportA = await loadRevenueReport(operator, { ...range, tenantIds: a.tenantIds });
    const reportB = await loadRevenueReport(operator, { ...range, tenantIds: b.tenantIds });
    expect(JSON.stringify(reportA)).not.toMatch(new RegExp(a.tenantIds[0]));
    expect(reportB).toEqual(reportA);
    expect(JSON.stringify(reportA)).toMatch(/[1-9]\d{4,}/);
  });
});
