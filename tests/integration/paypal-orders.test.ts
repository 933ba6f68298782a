// One-time orders through the v1 routes with real API keys: create → (buyer approves at PayPal)
// → capture, against the fake PayPal; the ledger gets the order, the payment and a paid invoice.
// Idempotency-Key makes a retried create answer the same order; every POST PayPal received
// carried PayPal-Request-Id; one OAuth token served every call. Without any real provider the same
// routes serve the local simulated order (approved at once); with Stripe configured, or in
// production on PostgreSQL with no provider, they refuse it (400): a simulated order must never
// mint revenue next to real money.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

import { deleteRedisKeys } from "../../scripts/lib/redis-keys";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(
    importOriginal,
    settings,
    { STRIPE_SECRET_KEY: undefined },
    { keyPrefix: "paypal-orders" },
  ),
);

const createRoute = await import("@/app/api/v1/paypal/create-order/route");
const listRoute = await import("@/app/api/v1/paypal/orders/route");
const itemRoute = await import("@/app/api/v1/paypal/orders/[id]/route");
const captureRoute = await import("@/app/api/v1/paypal/orders/[id]/capture/route");
const { createApiKey } = await import("@/lib/api-keys/keys");
const { resetPaypalClient } = await import("@/lib/billing/paypal/client");
const fixtures = await import("../fixtures/fake-paypal");
const { call, tenantWithOwner } = await import("../helpers/api");
const { openTestDb } = await import("../helpers/db");

type TenantContext = Awaited<ReturnType<typeof tenantWithOwner>>;

let t: Awaited<ReturnType<typeof openTestDb>>;
let fake: Awaited<ReturnType<typeof fixtures.startFakePaypal>>;
let ctx: TenantContext;
let writer: string;
let reader: string;
let otherKey: string;

const create = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  call(createRoute.POST, "POST", "/api/v1/paypal/create-order", { key, body, headers });
const capture = (key: string, id: string, headers: Record<string, string> = {}) =>
  call(captureRoute.POST, "POST", `/api/v1/paypal/orders/${id}/capture`, { key, params: { id }, headers });
const get = (key: string, id: string) =>
  call(itemRoute.GET, "GET", `/api/v1/paypal/orders/${id}`, { key, params: { id } });

beforeAll(async () => {
  t = await openTestDb();
  fake = await fixtures.startFakePaypal();
  Object.assign(settings.env, fixtures.paypalSettings(fake));
  resetPaypalClient();
  ctx = await tenantWithOwner(t.db, "ENTERPRISE");
  const other = await tenantWithOwner(t.db, "ENTERPRISE");
  writer = (await createApiKey(ctx, { name: "orders", scopes: ["billing:write", "billing:read"] })).secret;
  reader = (await createApiKey(ctx, { name: "reader", scopes: ["billing:read"] })).secret;
  otherKey = (await createApiKey(other, { name: "other", scopes: ["billing:write", "billing:read"] })).secret;
});
afterAll(async () => {
  const url = process.env.REDIS_URL;
  // This file's gate counters live under its own prefix: remove them.
  if (url) await deleteRedisKeys(url, settings.env.REDIS_KEY_PREFIX);
  await fake.close();
  await t.close();
});
beforeEach(() => {
  Object.assign(settings.env, fixtures.paypalSettings(fake));
});

describe("PayPal orders through /api/v1/paypal", () => {
  it("creates an order, refuses to capture it before approval, captures it after, and records the money", async () => {
    const created = await create(writer, { amount: 1_999, currency: "usd", description: "Onboarding workshop" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      provider: "paypal",
      status: "created",
      amount: 1_999,
      currency: "usd",
      description: "Onboarding workshop",
      capture_id: null,
    });
    expect(created.json.id).toMatch(/^ORDER-/);
    expect(created.json.approve_url).toMatch(/^https:\/\/www\.sandbox\.paypal\.com\/checkoutnow\?token=ORDER-/);
    const sent = at(fake.server.calls("POST", "/v2/checkout/orders").slice(-1), 0).body as Record<string, unknown>;
    expect(sent).toMatchObject({
      intent: "CAPTURE",
      purchase_units: [
        {
          custom_id: ctx.tenant.id,
          description: "Onboarding workshop",
          amount: { currency_code: "USD", value: "19.99" },
        },
      ],
    });
    expect(at(sent.purchase_units as { reference_id: string }[], 0).reference_id).toMatch(/^ord_[0-9a-f]{32}$/);

    const early = await capture(writer, created.json.id);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("conflict");

    fake.approveOrder(created.json.id);
    const captured = await capture(writer, created.json.id);
    expect(captured.status).toBe(200);
    expect(captured.json).toMatchObject({ id: created.json.id, status: "completed", approve_url: null });
    const captureId = captured.json.capture_id as string;
    expect(captureId).toMatch(/^CAPTURE-/);

    const payment = await t.db.payment.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: captureId } },
    });
    expect(payment).toMatchObject({
      tenantId: ctx.tenant.id,
      status: "SUCCEEDED",
      amount: 1_999,
      orderProviderId: created.json.id,
    });
    const invoice = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: captureId } },
    });
    expect(invoice).toMatchObject({ status: "PAID", total: 1_999, amountPaid: 1_999, currency: "usd", pdfUrl: null });
    const order = await t.db.order.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: created.json.id } },
    });
    expect(order.createdById).toMatch(/^key:/);

    // Capturing again answers the completed order and charges nothing more.
    const capturesBefore = fake.server.calls("POST", /\/capture$/).length;
    const again = await capture(writer, created.json.id);
    expect(again.json).toMatchObject({ status: "completed", capture_id: captureId });
    expect(fake.server.calls("POST", /\/capture$/)).toHaveLength(capturesBefore);

    const read = await get(reader, created.json.id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(again.json);
  });

  it("answers the same order to a retried create with the same Idempotency-Key", async () => {
    const body = { amount: 500, currency: "eur", description: "Extra seats" };
    const headers = { "idempotency-key": "retry-me-1" };
    const first = await create(writer, body, headers);
    const ordersAtPaypal = fake.orders.size;
    const second = await create(writer, body, headers);
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(fake.orders.size).toBe(ordersAtPaypal);
    const requestIds = fake.server
      .calls("POST", "/v2/checkout/orders")
      .slice(-2)
      .map((r) => r.headers["paypal-request-id"]);
    expect(requestIds[0]).toBe(requestIds[1]);
    // The same key from another workspace is another order.
    const other = await create(otherKey, body, headers);
    expect(other.json.id).not.toBe(first.json.id);
  });

  it("lists orders newest first with cursors, and keeps each workspace's orders to itself", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const path: string = `/api/v1/paypal/orders?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await call(listRoute.GET, "GET", path, { key: reader });
      expect(res.status).toBe(200);
      ids.push(...(res.json.data as { id: string }[]).map((o) => o.id));
      cursor = res.json.next_cursor;
      if (!cursor) break;
    }
    const rows = await t.db.order.findMany({
      where: { tenantId: ctx.tenant.id },
      orderBy: [{ providerCreatedAt: "desc" }, { id: "desc" }],
    });
    expect(ids).toEqual(rows.map((r) => r.providerId));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect((await get(otherKey, at(ids, 0))).status).toBe(404);
    expect((await capture(otherKey, at(ids, 0))).status).toBe(404);
    const bad = await call(listRoute.GET, "GET", "/api/v1/paypal/orders?cursor=nope!", { key: reader });
    expect(bad.status).toBe(400);
  });

  it("answers 400 with field errors for a bad body and 403 without billing:write", async () => {
    const bad = await create(writer, { amount: 19.99, currency: "gbp", description: "" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(Object.keys(bad.json.error.details).sort()).toEqual(["amount", "currency", "description"]);
    const denied = await create(reader, { amount: 100, currency: "usd", description: "Nope" });
    expect(denied.status).toBe(403);
    expect(denied.json.error.details).toEqual({ required_scope: "billing:write" });
  });

  it("sent PayPal-Request-Id with every POST and asked for one OAuth token", () => {
    expect(fake.server.requests.filter((r) => r.method === "POST").length).toBeGreaterThan(5);
    expect(fake.postsWithoutRequestId()).toEqual([]);
    expect(fake.tokensIssued()).toBe(1);
    expect(fake.server.calls("POST", "/v1/oauth2/token")).toHaveLength(1);
  });
});

describe("without PayPal: the local simulated order", () => {
  beforeEach(() => {
    settings.env.PAYPAL_CLIENT_ID = undefined;
    settings.env.PAYPAL_CLIENT_SECRET = undefined;
  });

  it("creates an order already approved, captures it, and records the payment and invoice", async () => {
    const before = fake.server.requests.length;
    const created = await create(writer, { amount: 4_200, currency: "eur", description: "Local order" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ provider: "local", status: "approved", approve_url: null, amount: 4_200 });
    const retried = await create(writer, { amount: 4_200, currency: "eur", description: "Local order" }, {});
    expect(retried.json.id).not.toBe(created.json.id);

    const captured = await capture(writer, created.json.id, { "idempotency-key": "cap-1" });
    expect(captured.status).toBe(200);
    expect(captured.json).toMatchObject({ status: "completed", capture_id: `${created.json.id}_capture` });
    const invoice = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "LOCAL", providerId: `${created.json.id}_capture` } },
    });
    expect(invoice).toMatchObject({ tenantId: ctx.tenant.id, status: "PAID", total: 4_200, currency: "eur" });
    expect(fake.server.requests.length).toBe(before);

    // A retried create with the same key answers the completed order, not a fresh approved one.
    const keyed = await create(
      writer,
      { amount: 100, currency: "usd", description: "Keyed" },
      { "idempotency-key": "k-1" },
    );
    await capture(writer, keyed.json.id);
    const repeat = await create(
      writer,
      { amount: 100, currency: "usd", description: "Keyed" },
      { "idempotency-key": "k-1" },
    );
    expect(repeat.json).toMatchObject({ id: keyed.json.id, status: "completed" });
  });

  it("refuses the simulated order where Stripe is configured, or in production on PostgreSQL, storing nothing", async () => {
    // An approved local order from before the deployment was configured: it cannot be captured now.
    const earlier = await create(writer, { amount: 900, currency: "usd", description: "Before Stripe" });
    expect(earlier.json).toMatchObject({ provider: "local", status: "approved" });
    const configurations: Partial<Env>[] = [
      { STRIPE_SECRET_KEY: "sk_test_orders_real_provider" },
      { NODE_ENV: "production", DATABASE_URL: "postgresql://db.example.test/tessera" },
    ];
    const saved = { ...settings.env };
    try {
      for (const configuration of configurations) {
        Object.assign(settings.env, configuration);
        const orders = await t.db.order.count({ where: { tenantId: ctx.tenant.id } });
        const refused = await create(writer, { amount: 50_000, currency: "usd", description: "Free money" });
        expect(refused.status, JSON.stringify(configuration)).toBe(400);
        expect(refused.json.error.message).toMatch(/PayPal/);
        const capture2 = await capture(writer, earlier.json.id);
        expect(capture2.status).toBe(400);
        expect(await t.db.order.count({ where: { tenantId: ctx.tenant.id } })).toBe(orders);
        Object.assign(settings.env, saved);
      }
    } finally {
      Object.assign(settings.env, saved);
    }
    const paid = await t.db.invoice.count({
      where: { provider: "LOCAL", providerId: `${earlier.json.id}_capture` },
    });
    expect(paid).toBe(0);
  });

  it("serves the simulated order in production when BILLING_SIMULATED_CHECKOUT turns the demo on", async () => {
    const saved = { ...settings.env };
    Object.assign(settings.env, {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://db.example.test/tessera",
      BILLING_SIMULATED_CHECKOUT: true,
    });
    try {
      const created = await create(writer, { amount: 700, currency: "usd", description: "Demo order" });
      expect(created.status).toBe(201);
      expect((await capture(writer, created.json.id)).json).toMatchObject({ status: "completed" });
    } finally {
      Object.assign(settings.env, saved);
    }
  });
});
