// Billing reports on ledgers built through the real webhook pipeline (local deliveries): the
// monthly revenue report, customer analytics, PayPal analytics, the v1 analytics route and the
// operator's CSV export.
import { assert, beforeAll, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/tenancy/context";
import type { BillingEvent, CustomerState, DisputeState, OrderState, RefundRecord } from "@/lib/billing/events";
import { at as nth } from "../helpers/indexed";

const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => current.user }));

const analyticsRoute = await import("@/app/api/v1/stripe/analytics/[customer_id]/route");
const csvRoute = await import("@/app/admin/billing/revenue.csv/route");
const { createApiKey } = await import("@/lib/api-keys/keys");
const { customerAnalytics, listCustomerAnalytics } = await import("@/lib/billing/reports/customers");
const { paypalAnalytics } = await import("@/lib/billing/reports/paypal");
const { loadRevenueReport } = await import("@/lib/billing/reports/revenue");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const { operatorFromUser } = await import("@/lib/http/operator");
const { call, tenantWithOwner } = await import("../helpers/api");
const { at, localDelivery, paymentState, subscriptionState } = await import("../helpers/billing");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();

const none = { new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 };

function refund(providerId: string, paymentProviderId: string, amount: number, iso: string): RefundRecord {
  return {
    kind: "refund",
    provider: "STRIPE",
    providerId,
    at: at(iso),
    paymentProviderId,
    currency: "usd",
    amount,
    reason: null,
    status: "succeeded",
  };
}

function dispute(paymentProviderId: string, iso: string): DisputeState {
  return {
    kind: "dispute",
    provider: "STRIPE",
    providerId: uniq("dp"),
    at: at(iso),
    paymentProviderId,
    currency: "usd",
    amount: 2_900,
    reason: "fraudulent",
    status: "needs_response",
    createdAt: at(iso),
  };
}

function customer(providerId: string): CustomerState {
  return {
    kind: "customer",
    provider: "STRIPE",
    providerId,
    at: at("2026-01-10T00:00:00Z"),
    deleted: false,
    email: "billing@example.test",
    name: "Billing",
    address: null,
  };
}

function order(
  status: OrderState["status"],
  currency: string,
  amount: number,
  iso: string,
  provider: OrderState["provider"] = "PAYPAL",
): OrderState {
  return {
    kind: "order",
    provider,
    providerId: uniq("ord"),
    at: at(iso),
    status,
    currency,
    amount,
    description: null,
    captureProviderId: null,
    approveUrl: null,
    createdAt: at(iso),
  };
}

/** Tenant A: Stripe, usd, monthly Starter → Professional in March with a proration charge, a refund, a dispute. */
function historyA(ids: { sub: string; customer: string; pay: string[] }): BillingEvent[] {
  const pay = (i: number, amount: number, iso: string) =>
    paymentState({
      provider: "STRIPE",
      providerId: ids.pay[i],
      amount,
      at: at(iso),
      paidAt: at(iso),
      createdAt: at(iso),
    });
  return [
    customer(ids.customer),
    subscriptionState({ provider: "STRIPE", providerId: ids.sub, at: at("2026-01-10T00:00:00Z") }),
    pay(0, 2_900, "2026-01-10T00:00:00Z"),
    paymentState({
      provider: "STRIPE",
      providerId: `${ids.pay[1]}-failed`,
      status: "FAILED",
      at: at("2026-02-09T00:00:00Z"),
      createdAt: at("2026-02-09T00:00:00Z"),
      paidAt: null,
    }),
    pay(1, 2_900, "2026-02-10T00:00:00Z"),
    dispute(nth(ids.pay, 1), "2026-02-20T00:00:00Z"),
    pay(2, 2_900, "2026-03-10T00:00:00Z"),
    subscriptionState({
      provider: "STRIPE",
      providerId: ids.sub,
      at: at("2026-03-15T00:00:00Z"),
      tier: "PROFESSIONAL",
      unitAmount: 9_900,
    }),
    pay(3, 3_500, "2026-03-15T00:00:00Z"), // the upgrade's proration
    refund(`${nth(ids.pay, 0)}-re`, nth(ids.pay, 0), 1_000, "2026-03-20T00:00:00Z"),
  ];
}

/** Tenant B: PayPal, eur, a yearly Starter from February, cancelled in April, and one-time orders. */
function historyB(sub: string): BillingEvent[] {
  const yearly = {
    provider: "PAYPAL" as const,
    providerId: sub,
    interval: "YEAR" as const,
    currency: "eur",
    unitAmount: 27_000,
  };
  return [
    subscriptionState({ ...yearly, at: at("2026-02-03T00:00:00Z") }),
    paymentState({
      provider: "PAYPAL",
      providerId: uniq("cap"),
      currency: "eur",
      amount: 27_000,
      at: at("2026-02-03T00:00:00Z"),
      paidAt: at("2026-02-03T00:00:00Z"),
      createdAt: at("2026-02-03T00:00:00Z"),
      invoiceProviderId: null,
    }),
    subscriptionState({
      ...yearly,
      status: "CANCELED",
      at: at("2026-04-10T00:00:00Z"),
      canceledAt: at("2026-04-10T00:00:00Z"),
    }),
    order("COMPLETED", "usd", 5_000, "2026-02-01T00:00:00Z"),
    order("DENIED", "usd", 2_000, "2026-02-05T00:00:00Z"),
    order("VOIDED", "eur", 1_500, "2026-03-01T00:00:00Z"),
    order("APPROVED", "usd", 1_000, "2026-03-02T00:00:00Z"),
    order("CREATED", "usd", 700, "2026-03-03T00:00:00Z"),
    order("COMPLETED", "usd", 9_999, "2026-03-04T00:00:00Z", "LOCAL"),
  ];
}

const RANGE = { from: at("2026-01-01T00:00:00Z"), to: at("2026-04-30T00:00:00Z") };

let ops: ReturnType<typeof operatorFromUser>;
let a: Awaited<ReturnType<typeof tenantWithOwner>>;
let b: Awaited<ReturnType<typeof tenantWithOwner>>;
let stripeCustomer: string;

async function deliver(tenantId: string, events: BillingEvent[]) {
  // One delivery per event, as providers send them.
  for (const event of events) expect(await receiveWebhook(localDelivery(tenantId, [event]))).toBe("processed");
}

beforeAll(async () => {
  const user = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  ops = operatorFromUser({ id: user.id, email: user.email, name: null, isPlatformAdmin: true });
  a = await tenantWithOwner(t.db);
  b = await tenantWithOwner(t.db);
  stripeCustomer = uniq("cus");
  await deliver(
    a.tenant.id,
    historyA({ sub: uniq("sub"), customer: stripeCustomer, pay: [0, 1, 2, 3].map(() => uniq("ch")) }),
  );
  await deliver(b.tenant.id, historyB(uniq("I-SUB")));
});

describe("loadRevenueReport", () => {
  it("reports MRR, movements and cash per currency and month", async () => {
    const report = await loadRevenueReport(ops, { tenantIds: [a.tenant.id, b.tenant.id], ...RANGE });
    expect(report.from).toBe("2026-01");
    expect(report.to).toBe("2026-04");
    expect(report.currencies.map((c) => c.currency)).toEqual(["eur", "usd"]);
    const [eur, usd] = report.currencies;
    assert(eur && usd, "eur and usd in the report");
    expect(usd.months.map((m) => [m.month, m.mrr, m.customers, m.cashCollected, m.refunds, m.netRevenue])).toEqual([
      ["2026-01", 2_900, 1, 2_900, 0, 2_900],
      ["2026-02", 2_900, 1, 2_900, 0, 2_900],
      ["2026-03", 9_900, 1, 6_400, 1_000, 5_400],
      ["2026-04", 9_900, 1, 0, 0, 0],
    ]);
    expect(nth(usd.months, 0).movements).toEqual({ ...none, new: 2_900 });
    expect(usd.months[2]).toMatchObject({ movements: { ...none, expansion: 7_000 }, arr: 118_800, momPercent: 241.38 });
    // 27000 a year = 2250 a month.
    expect(eur.months.map((m) => [m.month, m.mrr, m.cashCollected])).toEqual([
      ["2026-01", 0, 0],
      ["2026-02", 2_250, 27_000],
      ["2026-03", 2_250, 0],
      ["2026-04", 0, 0],
    ]);
    expect(nth(eur.months, 1).movements).toEqual({ ...none, new: 2_250 });
    expect(eur.months[3]).toMatchObject({ movements: { ...none, churn: 2_250 }, momPercent: -100, customers: 0 });
  });

  it("gives equal reports for the same history delivered shuffled and twice to other tenants", async () => {
    const c = await tenantWithOwner(t.db);
    const d = await tenantWithOwner(t.db);
    const ids = () => ({ sub: uniq("sub"), customer: uniq("cus"), pay: [0, 1, 2, 3].map(() => uniq("ch")) });
    await deliver(c.tenant.id, historyA(ids()));
    const shuffled = historyA(ids()).reverse();
    const deliveries = shuffled.map((event) => localDelivery(d.tenant.id, [event]));
    for (const delivery of [...deliveries, ...deliveries]) await receiveWebhook(delivery);
    const one = await loadRevenueReport(ops, { tenantIds: [c.tenant.id], ...RANGE });
    const other = await loadRevenueReport(ops, { tenantIds: [d.tenant.id], ...RANGE });
    expect(other).toEqual(one);
    const original = await loadRevenueReport(ops, { tenantIds: [a.tenant.id], ...RANGE });
    expect(one).toEqual(original);
  });

  it("defaults to the twelve months through the current one, and refuses a reversed range", async () => {
    const report = await loadRevenueReport(ops, { tenantIds: [a.tenant.id] });
    const usd = report.currencies.find((c) => c.currency === "usd");
    expect(usd?.months).toHaveLength(12);
    expect(report.to).toBe(new Date().toISOString().slice(0, 7));
    await expect(loadRevenueReport(ops, { from: RANGE.to, to: RANGE.from })).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("customer analytics", () => {
  it("sums payments, refunds and current MRR per currency", async () => {
    expect(await customerAnalytics(a)).toEqual({
      tenantId: a.tenant.id,
      stripeCustomerId: stripeCustomer,
      currencies: [
        {
          currency: "usd",
          totalPaid: 12_200,
          totalRefunded: 1_000,
          lifetimeValue: 11_200,
          payments: 4,
          currentMrr: 9_900,
        },
      ],
      firstPaymentAt: at("2026-01-10T00:00:00Z"),
      lastPaymentAt: at("2026-03-15T00:00:00Z"),
      disputes: 1,
    });
    expect(await customerAnalytics(b)).toMatchObject({
      stripeCustomerId: null,
      currencies: [
        { currency: "eur", totalPaid: 27_000, totalRefunded: 0, lifetimeValue: 27_000, payments: 1, currentMrr: 0 },
      ],
      disputes: 0,
    });
    const fresh = await tenantWithOwner(t.db);
    expect((await customerAnalytics(fresh)).currencies).toEqual([]);
    const listed = await listCustomerAnalytics(ops);
    expect(listed.find((row) => row.tenantId === a.tenant.id)).toMatchObject({
      name: a.tenant.name,
      slug: a.tenant.slug,
      tier: "PROFESSIONAL",
      currencies: [expect.objectContaining({ lifetimeValue: 11_200 })],
    });
    expect(listed.some((row) => row.tenantId === fresh.tenant.id)).toBe(false);
  });
});

describe("paypalAnalytics", () => {
  it("counts orders, the capture rate, subscriptions and payouts", async () => {
    const batch = await t.db.payoutBatch.create({
      data: {
        provider: "PAYPAL",
        senderBatchId: uniq("batch"),
        status: "SUCCESS",
        currency: "usd",
        total: 3_500,
        createdAt: at("2026-03-05T00:00:00Z"),
        items: {
          create: [
            {
              senderItemId: uniq("it"),
              tenantId: a.tenant.id,
              receiver: "a@example.test",
              currency: "usd",
              amount: 1_000,
              status: "SUCCESS",
              createdAt: at("2026-03-05T00:00:00Z"),
            },
            {
              senderItemId: uniq("it"),
              tenantId: b.tenant.id,
              receiver: "b@example.test",
              currency: "usd",
              amount: 2_500,
              status: "PENDING",
              createdAt: at("2026-03-05T00:00:00Z"),
            },
            {
              senderItemId: uniq("it"),
              tenantId: b.tenant.id,
              receiver: "b@example.test",
              currency: "eur",
              amount: 500,
              status: "FAILED",
              createdAt: at("2026-03-05T00:00:00Z"),
            },
          ],
        },
      },
    });
    expect(batch.id).toBeTruthy();
    const window = {
      from: at("2026-01-01T00:00:00Z"),
      to: at("2026-05-01T00:00:00Z"),
      tenantIds: [a.tenant.id, b.tenant.id],
    };
    const r = await paypalAnalytics(ops, window);
    expect(r.orders.count).toBe(5);
    expect(Object.fromEntries(r.orders.byStatus.map((s) => [s.status, s.count]))).toEqual({
      CREATED: 1,
      APPROVED: 1,
      COMPLETED: 1,
      VOIDED: 1,
      DENIED: 1,
    });
    expect(r.orders.captureRate).toBe(0.25); // 1 completed of 4 decided (the CREATED one is left out)
    const [eur, usd] = r.orders.currencies;
    assert(usd, "usd orders in the report");
    expect(eur).toMatchObject({ currency: "eur", total: { count: 1, amount: 1_500 }, captureRate: 0 });
    expect(usd).toMatchObject({ currency: "usd", total: { count: 4, amount: 8_700 }, captureRate: 0.3333 });
    expect(usd.months).toEqual([
      { month: "2026-01", completed: 0, open: 0, failed: 0, count: 0 },
      { month: "2026-02", completed: 5_000, open: 0, failed: 2_000, count: 2 },
      { month: "2026-03", completed: 0, open: 1_700, failed: 0, count: 2 },
      { month: "2026-04", completed: 0, open: 0, failed: 0, count: 0 },
    ]);
    expect(r.subscriptions.total).toBe(1);
    expect(r.subscriptions.byStatus.find((s) => s.status === "CANCELED")?.count).toBe(1);
    expect(r.subscriptions.mrr).toEqual([{ currency: "eur", mrr: 0 }]);
    expect(r.payouts).toMatchObject({ batches: 1, items: 3 });
    expect(r.payouts.currencies).toEqual([
      { currency: "eur", total: { count: 1, amount: 500 }, byStatus: [{ status: "FAILED", count: 1, amount: 500 }] },
      {
        currency: "usd",
        total: { count: 2, amount: 3_500 },
        byStatus: [
          { status: "PENDING", count: 1, amount: 2_500 },
          { status: "SUCCESS", count: 1, amount: 1_000 },
        ],
      },
    ]);
    // With the local provider standing in for PayPal, its orders and subscriptions count too.
    const withLocal = await paypalAnalytics(ops, { ...window, providers: ["PAYPAL", "LOCAL"] });
    expect(withLocal.orders.count).toBe(6);
    await expect(paypalAnalytics(ops, { from: window.to, to: window.from })).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("GET /api/v1/stripe/analytics/{customer_id}", () => {
  const path = (id: string) => `/api/v1/stripe/analytics/${id}`;
  const get = (id: string, key: string) =>
    call(analyticsRoute.GET, "GET", path(id), { key, params: { customer_id: id } });

  it("answers the workspace's own customer, 404 for any other, 403 without billing:read", async () => {
    const own = (await createApiKey(a, { name: uniq("k"), scopes: ["billing:read"] })).secret;
    const res = await get(stripeCustomer, own);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      customer_id: stripeCustomer,
      tenant_id: a.tenant.id,
      currencies: [
        {
          currency: "usd",
          total_paid: 12_200,
          total_refunded: 1_000,
          lifetime_value: 11_200,
          payments: 4,
          current_mrr: 9_900,
        },
      ],
      first_payment_at: "2026-01-10T00:00:00.000Z",
      last_payment_at: "2026-03-15T00:00:00.000Z",
      disputes: 1,
    });

    const other = (await createApiKey(b, { name: uniq("k"), scopes: ["billing:read"] })).secret;
    const theirs = await get(stripeCustomer, other);
    const missing = await get("cus_does_not_exist", other);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.json).toEqual(missing.json); // existence is not leaked

    const noScope = (await createApiKey(a, { name: uniq("k"), scopes: ["tenant:read"] })).secret;
    const denied = await get(stripeCustomer, noScope);
    expect(denied.status).toBe(403);
    expect(denied.json.error.details).toEqual({ required_scope: "billing:read" });
  });
});

describe("GET /admin/billing/revenue.csv", () => {
  async function download(query: string) {
    const response = await csvRoute.GET(new Request(`http://localhost/admin/billing/revenue.csv${query}`), {
      params: Promise.resolve({}),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it("serves operators a CSV attachment and refuses everyone else", async () => {
    const operator = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
    current.user = { id: operator.id, email: operator.email, name: null, isPlatformAdmin: true };
    const res = await download("?currency=usd&from=2026-01&to=2026-04");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="tessera-revenue-usd-2026-01-to-2026-04.csv"',
    );
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^month,currency,mrr,arr,/);
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 2))).toEqual([
      ["2026-01", "usd"],
      ["2026-02", "usd"],
      ["2026-03", "usd"],
      ["2026-04", "usd"],
    ]);

    expect((await download("?currency=US%20D")).status).toBe(400);
    expect((await download("?from=2026-13")).status).toBe(400);
    expect((await download("?from=2026-05&to=2026-01")).status).toBe(400);

    current.user = a.user;
    expect((await download("")).status).toBe(404);
    current.user = null;
    expect((await download("")).status).toBe(401);
  });
});
