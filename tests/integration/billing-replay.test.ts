// Replaying a billing history (tests/helpers/billing-history.ts: a seeded PRNG, ≥ 1,000 domain
// events, 40 tenants, 8 months) two ways must end in the same ledger:
//   A. in provider-time order, each event once, into one set of fresh tenants;
//   B. shuffled, 30% delivered twice (same event id), 4 deliveries at a time, into a second set of
//      tenants with the same history (none may fail on a deadlock); then the scheduled retry until
//      nothing is due.
// Then every billing table (subscriptions, subscription_versions, invoices, payments, refunds,
// disputes, orders, billing_accounts) and each tenant's derived fields — tier, Tessera's trial
// (every tenant starts on one), dunning (billing_accounts), overage billing — are compared field by
// field, with only generated ids, tenant ids, createdAt/updatedAt and the per-set prefix of provider
// ids normalised; the revenue report of both sets must be identical; and the notices mailed must
// agree: none twice, the shuffled set's a subset of the in-order set's, and every notice only the
// in-order delivery sent stale by then (its invoice already paid or void, its trial already over).
// Deliveries use the local provider's envelope (the domain events themselves), so this is a test of
// the webhook pipeline and the ledger, not of a provider's payload mapping.
//
// Then a third set gets each tenant's whole history, shuffled with duplicates, in one ledger call
// (one transaction per tenant): the same ledger again.
//
// Then one Stripe lifecycle — subscription created (active), its invoice paid, the charge refunded,
// the subscription deleted — as Stripe's own payloads, in all 24 arrival orders (each event twice)
// to 24 workspaces on Tessera's trial: every order ends in the same ledger and derived fields (the
// trial is replaced even when the deletion arrives first), sends the same notices (none), and the
// customer analytics count the invoice's payment once; an invoice paid without any charge event is
// still paid money, and no "payment failed" email goes out for an invoice already paid.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { BillingNotice } from "@/lib/billing/events";

const mailed = vi.hoisted(() => [] as { tenantId: string; notice: BillingNotice }[]);
vi.mock("@/lib/billing/notify", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/billing/notify")>();
  return {
    ...actual,
    notifyBillingContacts: async (tenantId: string, notice: BillingNotice) => {
      mailed.push({ tenantId, notice });
      return [];
    },
  };
});

import { applyBillingEvents } from "@/lib/billing/ledger";
import { customerAnalytics } from "@/lib/billing/reports/customers";
import { loadRevenueReport } from "@/lib/billing/reports/revenue";
import { setStripeClient } from "@/lib/billing/stripe/client";
import { operatorFromUser } from "@/lib/http/operator";
import { receiveWebhook, retryDueWebhooks, type IntakeOutcome } from "@/lib/billing/webhooks/intake";
import type { PrismaClient } from "@/lib/db/generated/client";
import { withTenant } from "@/lib/db/tenant";

import { createTenant } from "@/lib/tenancy/tenants";

import {
  generateBillingHistory,
  shuffledWithDuplicates,
  type BillingHistory,
  type HistoryDelivery,
} from "../helpers/billing-history";
import * as fx from "../fixtures/fake-stripe";
import { localDelivery } from "../helpers/billing";
import { setupTestDb, uniq } from "../helpers/db";
import { at, prop } from "../helpers/indexed";

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

/** A tenant on Tessera's 14-day Professional trial from START (the same trial in both sets). */
async function trialTenant(): Promise<string> {
  const slug = uniq("replay").toLowerCase().slice(0, 40);
  const user = await t.db.user.create({ data: { email: `${slug}@example.test`, name: "Owner" } });
  return (await createTenant({ name: slug, slug }, { id: user.id, email: user.email }, { now: START })).id;
}

async function prepare(label: string): Promise<LedgerSet> {
  const prefix = uniq(label);
  const history = generateBillingHistory({ seed: SEED, prefix, start: START });
  // A few at a time: 40 tenant transactions at once outwait the pool's start timeout on a busy machine.
  const tenantIds: string[] = [];
  for (let i = 0; i < history.tenants; i += 4) {
    tenantIds.push(...(await Promise.all(Array.from({ length: Math.min(4, history.tenants - i) }, trialTenant))));
  }
  return { prefix, history, tenantIds };
}

function deliver(set: LedgerSet, d: HistoryDelivery): Promise<IntakeOutcome> {
  return receiveWebhook({
    ...localDelivery(at(set.tenantIds, d.tenant, "tenant of the delivery"), d.events, d.eventId),
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
      await t.db.tenant.findMany({
        where: { id: { in: set.tenantIds } },
        select: { id: true, tier: true, trialTier: true, trialEndsAt: true, overageBilling: true },
      })
    ).map(({ id, ...derived }) => ({ tenantId: id, ...derived })),
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
    const keys = [...new Set([...prop(a, table).keys(), ...prop(b, table).keys()])].sort();
    for (const key of keys) {
      const x = prop(a, table).get(key);
      const y = prop(b, table).get(key);
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

/** The notices mailed for a set's tenants, as "tenant-index kind provider-id at" keys. */
function noticesOf(set: LedgerSet): string[] {
  const index = new Map(set.tenantIds.map((id, i) => [id, i]));
  return mailed
    .filter((m) => index.has(m.tenantId))
    .map((m) =>
      [
        index.get(m.tenantId),
        m.notice.notice,
        m.notice.providerId.replaceAll(set.prefix, "<set>"),
        m.notice.at.toISOString(),
      ].join(" "),
    )
    .sort();
}

describe("replaying a billing history", () => {
  it(
    "ends in the same ledger in order and shuffled with duplicates and concurrency",
    { timeout: 600_000 },
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
          const outcome = await deliver(b, at(queue, next++, "queued delivery"));
          outcomesB[outcome] = (outcomesB[outcome] ?? 0) + 1;
        }
      };
      await Promise.all([inOrder(), ...Array.from({ length: CONCURRENCY }, shuffled)]);
      expect(outcomesA).toEqual({ processed: a.history.deliveries.length });
      // The retry below is a worker's, not a cover for deadlocks: no delivery failed on one (the
      // revenue rollups fold their counter changes at commit, in key order).
      const deadlocked = await t.db.webhookEvent.findMany({
        where: {
          eventId: { startsWith: `${b.prefix}_` },
          OR: [{ lastError: { contains: "40P01" } }, { lastError: { contains: "deadlock" } }],
        },
        select: { eventId: true, lastError: true },
      });
      expect(deadlocked).toEqual([]);
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
      const statuses = (table: string, field: string) =>
        new Set([...prop(ledgerA, table).values()].map((row) => row[field]));
      expect(statuses("subscription_versions", "status")).toEqual(
        new Set(["ACTIVE", "PAST_DUE", "CANCELED", "TRIALING"]),
      );
      expect(statuses("subscriptions", "interval")).toEqual(new Set(["MONTH", "YEAR"]));
      expect(statuses("subscriptions", "currency")).toEqual(new Set(["usd", "eur"]));
      expect(statuses("payments", "status")).toEqual(new Set(["SUCCEEDED", "FAILED"]));
      expect([...statuses("orders", "status")]).toEqual(expect.arrayContaining(["COMPLETED", "VOIDED"]));
      for (const table of ["refunds", "disputes", "orders", "subscription_versions"]) {
        expect(prop(ledgerA, table).size, table).toBeGreaterThan(5);
      }
      expect([...prop(ledgerA, "refunds").values()].some((r) => r.reason === "requested_by_customer")).toBe(true);
      expect([...prop(ledgerA, "refunds").values()].some((r) => r.reason === "duplicate")).toBe(true);

      expect(differences(ledgerA, await ledgerOf(b))).toEqual([]);

      // Every tenant started on Tessera's trial and subscribed at least once: the trial is gone in both.
      expect(
        [...prop(ledgerA, "tenants").values()].every((row) => row.trialTier === null && row.trialEndsAt === null),
      ).toBe(true);

      // Notices: none twice; the shuffled delivery mails a subset, leaving out only stale ones.
      const [noticesA, noticesB] = [noticesOf(a), noticesOf(b)];
      expect(noticesA.length).toBeGreaterThan(20);
      expect(new Set(noticesA).size).toBe(noticesA.length);
      expect(new Set(noticesB).size).toBe(noticesB.length);
      expect(noticesB.filter((key) => !noticesA.includes(key))).toEqual([]);
      const finalState = (table: string, key: string) => prop(ledgerA, table).get(key)?.status;
      const notStale = noticesA
        .filter((key) => !noticesB.includes(key))
        .filter((key) => {
          const [tenant, kind, providerId] = key.split(" ");
          if (kind === "payment_failed")
            return !["PAID", "VOID"].includes(String(finalState("invoices", `${tenant} ${providerId} `)));
          if (kind === "trial_will_end") return finalState("subscriptions", `${tenant} ${providerId} `) === "TRIALING";
          return true;
        });
      expect(notStale).toEqual([]);
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
    expect(JSON.stringify(reportA)).not.toMatch(new RegExp(at(a.tenantIds, 0)));
    expect(reportB).toEqual(reportA);
    expect(JSON.stringify(reportA)).toMatch(/[1-9]\d{4,}/);
  });

  it(
    "ends in the same ledger when each tenant's whole history, shuffled with duplicates, is applied at once",
    { timeout: 300_000 },
    async () => {
      // The ledger applies subscriptions, invoices and payments a run at a time (ledger-rows.ts:
      // read once, applied in memory, written back); here every run holds many states of the same
      // objects, older after newer and the same state twice, as a worker's batch of one key can.
      const { a } = sets;
      if (!a) throw new Error("the replay above did not run");
      const c = await prepare("rC");
      const queue = shuffledWithDuplicates(c.history.deliveries, 0.3, SEED + 2);
      const actor = { id: null, email: "replay test" };
      for (const [index, tenantId] of c.tenantIds.entries()) {
        const events = queue.filter((d) => d.tenant === index).flatMap((d) => d.events);
        await withTenant(tenantId, (tx) => applyBillingEvents(tx, tenantId, events, actor), { timeoutMs: 60_000 });
      }
      expect(differences(await ledgerOf(a), await ledgerOf(c))).toEqual([]);
    },
  );
});

// ─── One Stripe lifecycle in every arrival order ─────────────────────────────

type FakeStripe = Awaited<ReturnType<typeof fx.startFakeStripe>>;
type StripeEvent = ReturnType<typeof fx.stripeEvent>;

let fake: FakeStripe;

beforeAll(async () => {
  fake = await fx.startFakeStripe();
  setStripeClient(fake.client);
});
afterAll(async () => {
  setStripeClient(undefined);
  await fake.close();
});

const T0 = fx.unix("2026-09-01T00:00:00Z");

/** A workspace on Tessera's 14-day Professional trial, its Stripe customer linked (as checkout leaves it). */
async function trialWorkspace() {
  const slug = uniq("order").toLowerCase().slice(0, 40);
  const user = await t.db.user.create({ data: { email: `${slug}@example.test`, name: "Owner" } });
  const tenant = await createTenant({ name: slug, slug }, { id: user.id, email: user.email });
  expect(tenant.trialTier).toBe("PROFESSIONAL");
  const customer = fx.stripeId("cus");
  await t.db.billingAccount.create({ data: { tenantId: tenant.id, stripeCustomerId: customer } });
  return { tenantId: tenant.id, customer };
}

/** The four events of one workspace's lifecycle, in provider order (one minute apart). */
function lifecycle(customer: string, tenantId: string): [StripeEvent, StripeEvent, StripeEvent, StripeEvent] {
  const subscription = fx.stripeId("sub");
  const invoice = fx.stripeId("in");
  const charge = fx.stripeId("ch");
  const sub = (status: string, extra: Parameters<typeof fx.subscriptionObject>[0] = {}) =>
    fx.subscriptionObject({ id: subscription, customer, tenantId, status, created: T0, periodStart: T0, ...extra });
  const paid = fx.invoiceObject({ id: invoice, customer, subscription, status: "paid", amount: 2_900, created: T0 });
  Object.assign(paid, {
    number: "TESS-LIFECYCLE",
    status_transitions: { finalized_at: T0, paid_at: T0 + 60, marked_uncollectible_at: null, voided_at: null },
  });
  fake.state.invoicePayments.push(fx.invoicePaymentObject(invoice, charge, 2_900, T0 + 60));
  const refund = fx.refundObject(charge, 2_900, { created: T0 + 120 });
  const refunded = fx.chargeObject({
    id: charge,
    customer,
    amount: 2_900,
    amountRefunded: 2_900,
    refunds: [refund],
    created: T0 + 60,
  });
  return [
    fx.stripeEvent("customer.subscription.created", sub("active"), { created: T0 }),
    fx.stripeEvent("invoice.paid", paid, { created: T0 + 60 }),
    fx.stripeEvent("charge.refunded", refunded, { created: T0 + 120 }),
    fx.stripeEvent("customer.subscription.deleted", sub("canceled", { canceledAt: T0 + 180 }), { created: T0 + 180 }),
  ];
}

function deliverStripe(event: StripeEvent) {
  return receiveWebhook({
    provider: "STRIPE",
    eventId: String(event.id),
    type: String(event.type),
    createdAt: new Date(Number(event.created) * 1000),
    payload: event,
  });
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Everything derived for one workspace, with generated ids and the per-workspace provider ids normalised. */
async function outcomeOf(tenantId: string, ids: string[]) {
  const where = { tenantId };
  const tenant = await t.db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { tier: true, trialTier: true, trialEndsAt: true, overageBilling: true },
  });
  const rows = {
    account: await t.db.billingAccount.findMany({ where }),
    subscriptions: await t.db.subscription.findMany({ where }),
    versions: await t.db.subscriptionVersion.findMany({ where, orderBy: { effectiveAt: "asc" } }),
    invoices: await t.db.invoice.findMany({ where }),
    payments: await t.db.payment.findMany({ where }),
    refunds: await t.db.refund.findMany({ where }),
  };
  const analytics = await customerAnalytics({
    tenant: await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
  });
  const notices = mailed.filter((n) => n.tenantId === tenantId).map((n) => n.notice);
  let text = JSON.stringify({ tenant, rows, analytics: { ...analytics, tenantId: null }, notices }, (key, value) =>
    GENERATED.has(key) ? undefined : (value as unknown),
  );
  ids.forEach((id, i) => (text = text.replaceAll(id, `<id${i}>`)));
  return JSON.parse(text) as Row;
}

describe("one Stripe lifecycle in every arrival order", () => {
  it(
    "ends with the same ledger, tier, trial, dunning, overage flag, notices and analytics",
    { timeout: 600_000 },
    async () => {
      const orders = permutations([0, 1, 2, 3]);
      expect(orders).toHaveLength(24);
      const results: Row[] = [];
      for (const order of orders) {
        const { tenantId, customer } = await trialWorkspace();
        const events = lifecycle(customer, tenantId);
        for (const index of order)
          expect(await deliverStripe(at(events, index)), String(at(events, index).type)).toBe("processed");
        // A second delivery of each, in the same order, changes nothing.
        for (const index of order) expect(await deliverStripe(at(events, index))).toBe("duplicate");
        const ids = [
          customer,
          ...events.map((e) => String((e.data as { object: { id: string } }).object.id)),
          String(at((events[2].data as { object: { refunds: { data: { id: string }[] } } }).object.refunds.data, 0).id),
        ];
        results.push(await outcomeOf(tenantId, ids));
      }

      const inOrder = at(results, 0, "result of the first order");
      expect(inOrder).toMatchObject({
        tenant: { tier: "FREE", trialTier: null, trialEndsAt: null, overageBilling: false },
        notices: [],
        analytics: {
          currencies: [{ currency: "usd", totalPaid: 2_900, totalRefunded: 2_900, lifetimeValue: 0, payments: 1 }],
        },
      });
      expect((inOrder.rows as { account: Row[] }).account[0]).toMatchObject({ pastDueSince: null, graceEndsAt: null });
      expect((inOrder.rows as { subscriptions: Row[] }).subscriptions[0]).toMatchObject({ status: "CANCELED" });
      expect((inOrder.rows as { invoices: Row[] }).invoices[0]).toMatchObject({
        status: "PAID",
        paymentProviderId: "<id3>",
      });
      for (const [i, result] of results.entries()) expect(result, `order ${at(orders, i).join(",")}`).toEqual(inOrder);
    },
  );

  it("counts an invoice paid without any charge event as paid money, once", async () => {
    const { tenantId, customer } = await trialWorkspace();
    const [created, paid] = lifecycle(customer, tenantId);
    fake.state.invoicePayments.length = 0; // Stripe lists no payment (paid out of band)
    await deliverStripe(created);
    await deliverStripe(paid);
    const analytics = await customerAnalytics({
      tenant: await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    });
    expect(analytics.currencies).toMatchObject([{ currency: "usd", totalPaid: 2_900, payments: 1, currentMrr: 2_900 }]);
    expect(analytics.firstPaymentAt).toEqual(new Date((T0 + 60) * 1000));
  });

  it("sends no payment-failed email for an invoice the ledger already holds as paid", async () => {
    const { tenantId, customer } = await trialWorkspace();
    const [created, paid] = lifecycle(customer, tenantId);
    const invoice = (paid.data as { object: Record<string, unknown> }).object;
    const failed = fx.stripeEvent(
      "invoice.payment_failed",
      { ...invoice, status: "open", amount_paid: 0, attempt_count: 1, status_transitions: { paid_at: null } },
      { created: T0 + 30 },
    );
    await deliverStripe(created);
    await deliverStripe(paid);
    expect(await deliverStripe(failed)).toBe("processed");
    expect(mailed.filter((n) => n.tenantId === tenantId)).toEqual([]);
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account.pastDueSince).toBeNull();

    // The same failure for an invoice still open is mailed.
    const other = await trialWorkspace();
    const [otherCreated, otherPaid] = lifecycle(other.customer, other.tenantId);
    const openInvoice = (otherPaid.data as { object: Record<string, unknown> }).object;
    await deliverStripe(otherCreated);
    await deliverStripe(
      fx.stripeEvent(
        "invoice.payment_failed",
        { ...openInvoice, status: "open", amount_paid: 0, attempt_count: 1, status_transitions: { paid_at: null } },
        { created: T0 + 30 },
      ),
    );
    expect(mailed.filter((n) => n.tenantId === other.tenantId).map((n) => n.notice.notice)).toEqual(["payment_failed"]);
  });
});
