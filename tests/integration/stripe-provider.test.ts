// The Stripe provider, catalog sync, one-off invoices and reconciliation against a local fake of
// the Stripe API: what was sent (form parameters, Idempotency-Key on every write) and what the
// ledger holds afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { SubscriptionRef } from "@/lib/billing/provider";
import type { Env } from "@/lib/env";

import type { RecordedRequest } from "../fixtures/fake-http";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_SECRET_KEY: "sk_test_tessera_provider",
    STRIPE_WEBHOOK_SECRET: "whsec_tessera_provider_test",
  }),
);

const { catalogPrices, priceKey } = await import("@/lib/billing/catalog");
const { setStripeClient } = await import("@/lib/billing/stripe/client");
const { stripeProvider } = await import("@/lib/billing/stripe/provider");
const subscriptions = await import("@/lib/billing/subscriptions");
const { clearPriceCache } = await import("@/lib/billing/stripe/prices");
const { syncStripeCatalog } = await import("@/lib/billing/stripe/sync");
const { createStripeOneOffInvoice } = await import("@/lib/billing/stripe/one-off");
const { reconcileStripe } = await import("@/lib/billing/stripe/reconcile");
const { STRIPE_EVENT_TYPES } = await import("@/lib/billing/stripe/webhooks");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const fx = await import("../fixtures/fake-stripe");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb } = await import("../helpers/db");

type TestDb = Awaited<ReturnType<typeof openTestDb>>;
type FakeStripe = Awaited<ReturnType<typeof fx.startFakeStripe>>;
type Form = Record<string, string>;

let t: TestDb;
let fake: FakeStripe;
/** Every write any fake of this file received, for the closing idempotency check. */
const allWrites: RecordedRequest[] = [];
const fakes: FakeStripe[] = [];

async function newFake(): Promise<FakeStripe> {
  const next = await fx.startFakeStripe();
  fakes.push(next);
  setStripeClient(next.client);
  clearPriceCache();
  return next;
}

beforeAll(async () => {
  t = await openTestDb();
});
beforeEach(async () => {
  fake = await newFake();
  fake.seedCatalogPrices([...catalogPrices().map((p) => fx.priceObject(p.key)), ...fx.meteredPriceObjects()]);
});
afterAll(async () => {
  setStripeClient(undefined);
  for (const f of fakes) await f.close();
  await t.close();
});

/** A request the fake must have recorded (a destructured `calls(…)` or `writes[i]`). */
function recorded(request: RecordedRequest | undefined): RecordedRequest {
  if (!request) throw new Error("Expected a recorded request to the fake Stripe, found none");
  return request;
}
const body = (request: RecordedRequest | undefined) => recorded(request).body as Form;
const key = (request: RecordedRequest | undefined) => recorded(request).headers["idempotency-key"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function writesOf(f: FakeStripe): RecordedRequest[] {
  const writes = f.writes();
  for (const w of writes) if (!allWrites.includes(w)) allWrites.push(w);
  return writes;
}

/** A live subscription both in the fake Stripe and in the ledger (as its webhook left it). */
async function liveSubscription(lookupKey = "tessera_starter_month_usd") {
  const ctx = await tenantWithOwner(t.db);
  const tenantId = ctx.tenant.id;
  const customer = fx.stripeId("cus");
  await t.db.billingAccount.create({ data: { tenantId, stripeCustomerId: customer } });
  const periodStart = Math.floor(Date.now() / 1000) - 10 * 86_400;
  const periodEnd = periodStart + 30 * 86_400;
  const subscription = fx.subscriptionObject({
    customer,
    tenantId,
    price: fake.state.prices.find((p) => p.lookup_key === lookupKey),
    created: periodStart,
    periodStart,
    periodEnd,
  });
  fake.state.subscriptions.set(String(subscription.id), subscription);
  const created = fx.stripeEvent("customer.subscription.created", subscription, { created: periodStart });
  expect(
    await receiveWebhook({
      provider: "STRIPE",
      eventId: String(created.id),
      type: "customer.subscription.created",
      createdAt: new Date(periodStart * 1000),
      payload: created,
    }),
  ).toBe("processed");
  const ref: SubscriptionRef = {
    tenantId,
    provider: "STRIPE",
    providerId: String(subscription.id),
    tier: "STARTER",
    interval: "MONTH",
    status: "ACTIVE",
    currency: "usd",
    unitAmount: 2_900,
    currentPeriodStart: new Date(periodStart * 1000),
    currentPeriodEnd: new Date(periodEnd * 1000),
  };
  return { tenantId, customer, subscription, ref, periodEnd };
}

const ledgerSubscription = (providerId: string) =>
  t.db.subscription.findUniqueOrThrow({ where: { provider_providerId: { provider: "STRIPE", providerId } } });

describe("stripeProvider", () => {
  it("starts Checkout: creates and stores the customer, sends the price with the metered prices, trial, metadata and keys", async () => {
    const ctx = await tenantWithOwner(t.db);
    const tenant = { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name };
    const trialEnd = new Date(Date.now() + 10 * 86_400_000);
    const input = {
      tenant,
      account: { email: null, name: null, stripeCustomerId: null },
      tier: "PROFESSIONAL" as const,
      interval: "MONTH" as const,
      currency: "usd" as const,
      trialEnd,
      successUrl: "http://localhost:3000/t/x/billing?checkout=success",
      cancelUrl: "http://localhost:3000/t/x/billing?checkout=cancel",
      idempotencyKey: `checkout:${tenant.id}:1`,
      actorEmail: "owner@example.test",
    };
    const start = await stripeProvider.startCheckout(input);
    expect(start.kind).toBe("redirect");
    expect(start.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    const [customerCall] = fake.server.calls("POST", "/v1/customers");
    expect(body(customerCall)).toMatchObject({
      email: "owner@example.test",
      name: tenant.name,
      "metadata[tenant_id]": tenant.id,
    });
    expect(key(customerCall)).toBe(`customer:${tenant.id}`);
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    const customerId = [...fake.state.customers.keys()][0];
    expect(account.stripeCustomerId).toBe(customerId);

    const [session] = fake.server.calls("POST", "/v1/checkout/sessions");
    expect(body(session)).toMatchObject({
      mode: "subscription",
      customer: customerId,
      client_reference_id: tenant.id,
      "line_items[0][price]": "price_tessera_professional_month_usd",
      "line_items[0][quantity]": "1",
      // The metered prices ride along (no quantity: Stripe bills what the meters received).
      "line_items[1][price]": "price_tessera_meter_api_calls_usd",
      "line_items[2][price]": "price_tessera_meter_ai_tokens_usd",
      "subscription_data[metadata][tenant_id]": tenant.id,
      "subscription_data[trial_end]": String(Math.floor(trialEnd.getTime() / 1000)),
      "metadata[tenant_id]": tenant.id,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    });
    expect(key(session)).toBe(input.idempotencyKey);
    expect(body(session)["line_items[1][quantity]"]).toBeUndefined();
    expect(body(session)["line_items[3][price]"]).toBeUndefined();

    // Second attempt: the stored customer is reused, and a trial ending within 48 h is not sent.
    fake.server.reset();
    await stripeProvider.startCheckout({
      ...input,
      trialEnd: new Date(Date.now() + 24 * 3_600_000),
      idempotencyKey: `checkout:${tenant.id}:2`,
    });
    expect(fake.server.calls("POST", "/v1/customers")).toHaveLength(0);
    const [again] = fake.server.calls("POST", "/v1/checkout/sessions");
    expect(body(again).customer).toBe(customerId);
    expect(body(again)["subscription_data[trial_end]"]).toBeUndefined();
    // The price id came from the cache the first time filled.
    expect(fake.server.calls("GET", "/v1/prices")).toHaveLength(0);
    writesOf(fake);
  });

  it("keeps one payable Checkout Session per workspace when two checkouts start at once", async () => {
    const ctx = await tenantWithOwner(t.db);
    const start = (tier: "STARTER" | "PROFESSIONAL") =>
      subscriptions.startCheckout(ctx, {
        tier,
        interval: "MONTH",
        currency: "usd",
        provider: "STRIPE",
        nonce: fx.stripeId("n"),
      });
    const [a, b] = await Promise.all([start("STARTER"), start("PROFESSIONAL")]);
    expect(a.redirectUrl).not.toBe(b.redirectUrl);
    const sessions = [...fake.state.sessions.values()].filter((s) => s.client_reference_id === ctx.tenant.id);
    expect(sessions.map((s) => s.status).sort()).toEqual(["expired", "open"]);
    const open = sessions.find((s) => s.status === "open")!;
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account.stripeCheckoutSessionId).toBe(open.id);
    expect([a.redirectUrl, b.redirectUrl]).toContain(open.url);
    expect(
      fake.server.calls("POST", `/v1/checkout/sessions/${String(sessions.find((s) => s !== open)!.id)}/expire`),
    ).toHaveLength(1);

    // Completed (paid) but its subscription not recorded yet: a third checkout is refused.
    Object.assign(open, { status: "complete", subscription: fx.stripeId("sub") });
    await expect(start("STARTER")).rejects.toMatchObject({ code: "conflict" });
    writesOf(fake);
  });

  it("previews and applies a plan change, and the matching webhook is then a no-op", async () => {
    const { tenantId, ref, subscription, periodEnd } = await liveSubscription();
    const now = new Date((periodEnd - 15 * 86_400) * 1000);
    const preview = await stripeProvider.previewPlanChange(ref, { tier: "PROFESSIONAL", interval: "MONTH" }, now);
    const [previewCall] = fake.server.calls("POST", "/v1/invoices/create_preview");
    expect(body(previewCall)).toMatchObject({
      subscription: ref.providerId,
      "subscription_details[items][0][id]": `si_${ref.providerId}`,
      "subscription_details[items][0][price]": "price_tessera_professional_month_usd",
      "subscription_details[items][1][price]": "price_tessera_meter_api_calls_usd",
      "subscription_details[items][2][price]": "price_tessera_meter_ai_tokens_usd",
      "subscription_details[proration_date]": String(Math.floor(now.getTime() / 1000)),
      "subscription_details[proration_behavior]": "create_prorations",
    });
    expect(preview.lines).toEqual([
      { description: "Unused time on the old plan", amount: -1_450 },
      { description: "Remaining time on the new plan", amount: 4_950 },
    ]);
    expect(preview).toMatchObject({ currency: "usd", dueNow: 3_500, nextAmount: 9_900 });
    expect(preview.nextBillingAt).toEqual(new Date(periodEnd * 1000));

    const result = await stripeProvider.changePlan(
      ref,
      { tier: "PROFESSIONAL", interval: "MONTH" },
      `plan:${ref.providerId}:1`,
    );
    expect(result).toEqual({ redirectUrl: null });
    const [update] = fake.server.calls("POST", `/v1/subscriptions/${ref.providerId}`);
    expect(body(update)).toMatchObject({
      "items[0][id]": `si_${ref.providerId}`,
      "items[0][price]": "price_tessera_professional_month_usd",
      // The subscription lacked the metered prices (created before they were attached): added.
      "items[1][price]": "price_tessera_meter_api_calls_usd",
      "items[2][price]": "price_tessera_meter_ai_tokens_usd",
      proration_behavior: "create_prorations",
    });
    expect(body(update)["items[1][id]"]).toBeUndefined();
    expect(key(update)).toBe(`plan:${ref.providerId}:1`);
    const items = () =>
      (fake.state.subscriptions.get(ref.providerId)?.items as { data: { price: { id: string } }[] }).data.map(
        (item) => item.price.id,
      );
    expect(items()).toEqual([
      "price_tessera_professional_month_usd",
      "price_tessera_meter_api_calls_usd",
      "price_tessera_meter_ai_tokens_usd",
    ]);
    const row = await ledgerSubscription(ref.providerId);
    expect(row).toMatchObject({ tier: "PROFESSIONAL", unitAmount: 9_900 });
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("PROFESSIONAL");

    // Stripe's webhook for the same change, stamped the same second: nothing moves.
    const versions = await t.db.subscriptionVersion.count({ where: { subscriptionId: row.id } });
    const event = fx.stripeEvent("customer.subscription.updated", subscription, {
      created: Math.floor(row.providerUpdatedAt.getTime() / 1000),
    });
    await receiveWebhook({
      provider: "STRIPE",
      eventId: String(event.id),
      type: String(event.type),
      createdAt: new Date(Number(event.created) * 1000),
      payload: event,
    });
    expect(await ledgerSubscription(ref.providerId)).toEqual(row);
    expect(await t.db.subscriptionVersion.count({ where: { subscriptionId: row.id } })).toBe(versions);

    // The next change swaps the plan item only: the metered items are kept, not sent again.
    const professional = { ...ref, tier: "PROFESSIONAL" as const, unitAmount: 9_900 };
    await stripeProvider.changePlan(
      professional,
      { tier: "ENTERPRISE", interval: "MONTH" },
      `plan:${ref.providerId}:2`,
    );
    const second = fake.server.calls("POST", `/v1/subscriptions/${ref.providerId}`).at(-1);
    expect(body(second!)).toMatchObject({ "items[0][price]": "price_tessera_enterprise_month_usd" });
    expect(body(second!)["items[1][price]"]).toBeUndefined();
    expect(items()).toEqual([
      "price_tessera_enterprise_month_usd",
      "price_tessera_meter_api_calls_usd",
      "price_tessera_meter_ai_tokens_usd",
    ]);
    expect(await ledgerSubscription(ref.providerId)).toMatchObject({ tier: "ENTERPRISE", unitAmount: 49_900 });
    writesOf(fake);
  });

  it("cancels at period end and resumes (even within one second), and cancels now", async () => {
    const { tenantId, ref } = await liveSubscription("tessera_enterprise_year_eur");
    const enterprise = { ...ref, tier: "ENTERPRISE" as const, interval: "YEAR" as const, currency: "eur" as const };
    await stripeProvider.cancelAtPeriodEnd(enterprise, "cancel:1");
    expect((await ledgerSubscription(ref.providerId)).cancelAtPeriodEnd).toBe(true);
    await stripeProvider.resume(enterprise, "resume:1");
    expect((await ledgerSubscription(ref.providerId)).cancelAtPeriodEnd).toBe(false);
    const updates = fake.server.calls("POST", `/v1/subscriptions/${ref.providerId}`);
    expect(updates.map((u) => [body(u).cancel_at_period_end, key(u)])).toEqual([
      ["true", "cancel:1"],
      ["false", "resume:1"],
    ]);

    await stripeProvider.cancelNow(enterprise, "cancel-now:1");
    const [deletion] = fake.server.calls("DELETE", `/v1/subscriptions/${ref.providerId}`);
    expect(key(deletion)).toBe("cancel-now:1");
    expect((await ledgerSubscription(ref.providerId)).status).toBe("CANCELED");
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("FREE");
    writesOf(fake);
  });

  it("deep-links the Customer Portal to updating the payment method", async () => {
    const { tenantId, customer } = await liveSubscription();
    const returnUrl = "http://localhost:3000/t/acme/billing";
    const url = await stripeProvider.paymentMethodUrl({ tenantId, customerId: null, returnUrl });
    expect(url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    const [call] = fake.server.calls("POST", "/v1/billing_portal/sessions");
    expect(body(call)).toMatchObject({
      customer,
      return_url: returnUrl,
      "flow_data[type]": "payment_method_update",
      "flow_data[after_completion][type]": "redirect",
      "flow_data[after_completion][redirect][return_url]": returnUrl,
    });
    expect(key(call)).toMatch(new RegExp(`^portal:${customer}:`));

    const stranger = await tenantWithOwner(t.db);
    expect(await stripeProvider.paymentMethodUrl({ tenantId: stranger.tenant.id, customerId: null, returnUrl })).toBe(
      null,
    );
    expect(fake.server.calls("POST", "/v1/billing_portal/sessions")).toHaveLength(1);
    writesOf(fake);
  });
});

describe("syncStripeCatalog", () => {
  it("creates products, prices, meters and metered prices once; a second run creates nothing", async () => {
    const empty = await newFake();
    const first = await syncStripeCatalog();
    expect(first.updated).toEqual([]);
    expect(first.created).toHaveLength(4 + 2 + 16 + 2 + 4);
    expect(first.created).toContain("product tessera_professional");
    expect(first.created).toContain("price tessera_white_label_year_eur");
    expect(first.created).toContain("meter tessera_api_calls");
    expect(first.created).toContain("price tessera_meter_ai_tokens_eur");

    const starter = empty.state.prices.find((p) => p.lookup_key === "tessera_starter_year_usd");
    expect(starter).toMatchObject({ unit_amount: 29_000, currency: "usd", product: "tessera_starter" });
    const meter = empty.state.meters.find((m) => m.event_name === "tessera_api_calls");
    expect(meter).toMatchObject({
      default_aggregation: { formula: "sum" },
      customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
    });
    const metered = empty.server
      .calls("POST", "/v1/prices")
      .map(body)
      .find((b) => b.lookup_key === "tessera_meter_api_calls_usd");
    expect(metered).toMatchObject({
      currency: "usd",
      unit_amount_decimal: "0.05",
      "recurring[usage_type]": "metered",
      "recurring[meter]": meter?.id,
      "recurring[interval]": "month",
      transfer_lookup_key: "true",
    });
    const writes = writesOf(empty);
    expect(writes.every((w) => typeof key(w) === "string" && String(key(w)).startsWith("sync:"))).toBe(true);

    const second = await syncStripeCatalog();
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toHaveLength(first.created.length);
    expect(empty.writes()).toHaveLength(writes.length);

    // A price that drifted (changed by hand in Stripe) is replaced and its lookup key moved.
    const drifted = empty.state.prices.find((p) => p.lookup_key === priceKey("STARTER", "MONTH", "eur"));
    if (drifted) drifted.unit_amount = 1;
    const third = await syncStripeCatalog();
    expect(third.created).toEqual([]);
    expect(third.updated).toEqual(["price tessera_starter_month_eur"]);
    expect(drifted?.lookup_key).toBeNull();
    writesOf(empty);
  });
});

describe("createStripeOneOffInvoice", () => {
  it("creates, fills, finalises and sends the invoice with derived keys, and records it", async () => {
    const ctx = await tenantWithOwner(t.db);
    const tenantId = ctx.tenant.id;
    const input = {
      tenantId,
      currency: "eur" as const,
      lines: [
        { description: "Onboarding workshop", quantity: 2, unitAmount: 50_000 },
        { description: "Data import", quantity: 1, unitAmount: 12_500 },
      ],
      daysUntilDue: 14,
      memo: "Thanks for choosing Tessera",
      idempotencyKey: `oneoff:${tenantId}:1`,
    };
    const result = await createStripeOneOffInvoice(input);
    const writes = writesOf(fake);
    expect(writes.map((w) => [w.method, w.path.replace(result.providerId, ":id"), key(w)])).toEqual([
      ["POST", "/v1/customers", `customer:${tenantId}`],
      ["POST", "/v1/invoices", `${input.idempotencyKey}:create`],
      ["POST", "/v1/invoiceitems", `${input.idempotencyKey}:item:0`],
      ["POST", "/v1/invoiceitems", `${input.idempotencyKey}:item:1`],
      ["POST", "/v1/invoices/:id/finalize", `${input.idempotencyKey}:finalize`],
      ["POST", "/v1/invoices/:id/send", `${input.idempotencyKey}:send`],
    ]);
    expect(body(writes[0]).email).toBe(ctx.user.email);
    expect(body(writes[1])).toMatchObject({
      collection_method: "send_invoice",
      days_until_due: "14",
      currency: "eur",
      description: input.memo,
      "metadata[tenant_id]": tenantId,
      auto_advance: "false",
      pending_invoice_items_behavior: "exclude",
    });
    expect(body(writes[2])).toMatchObject({
      invoice: result.providerId,
      description: "Onboarding workshop",
      quantity: "2",
      unit_amount_decimal: "50000",
      currency: "eur",
    });
    expect(result.hostedUrl).toBe(`https://invoice.stripe.test/i/${result.providerId}`);
    const row = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "STRIPE", providerId: result.providerId } },
    });
    expect(row).toMatchObject({
      tenantId,
      status: "OPEN",
      total: 112_500,
      currency: "eur",
      hostedUrl: result.hostedUrl,
    });
    expect(row.lines).toHaveLength(2);

    // A retry with the same key creates nothing new (Stripe replays each step).
    const again = await createStripeOneOffInvoice(input);
    expect(again.providerId).toBe(result.providerId);
    expect(fake.state.invoices.size).toBe(1);
    expect(await t.db.invoice.count({ where: { tenantId } })).toBe(1);
    writesOf(fake);
  });
});

describe("reconcileStripe", () => {
  it("replays only the allow-listed events the ledger lacks, oldest first; a dry run replays none", async () => {
    const { tenantId, customer, subscription } = await liveSubscription();
    const now = new Date();
    const at = (daysAgo: number) => Math.floor(now.getTime() / 1000) - daysAgo * 86_400;
    const known = fx.stripeEvent("customer.updated", fx.customerObject({ id: customer }), { created: at(5) });
    await receiveWebhook({
      provider: "STRIPE",
      eventId: String(known.id),
      type: "customer.updated",
      createdAt: new Date(at(5) * 1000),
      payload: known,
    });
    const canceled = { ...subscription, status: "canceled", canceled_at: at(1) };
    const olderMissing = fx.stripeEvent("customer.subscription.updated", subscription, { created: at(3) });
    const newerMissing = fx.stripeEvent("customer.subscription.deleted", canceled, { created: at(1) });
    const tooOld = fx.stripeEvent("customer.subscription.updated", subscription, { created: at(45) });
    const notOurs = fx.stripeEvent("balance.available", { object: "balance" }, { created: at(2) });
    fake.state.events.push(known, olderMissing, newerMissing, tooOld, notOurs);

    const dry = await reconcileStripe({ dryRun: true, now });
    expect(dry.checked).toBe(3);
    expect(dry.missing.map((m) => m.eventId)).toEqual([olderMissing.id, newerMissing.id]);
    expect(dry.replayed).toEqual({ processed: 0, duplicate: 0, ignored: 0, failed: 0 });
    expect(
      await t.db.webhookEvent.count({ where: { eventId: { in: [String(olderMissing.id), String(newerMissing.id)] } } }),
    ).toBe(0);

    const listCalls = fake.server.calls("GET", "/v1/events");
    const askedTypes = listCalls.flatMap((c) =>
      [...c.query.entries()].filter(([k]) => k.startsWith("types[")).map(([, v]) => v),
    );
    expect(askedTypes.sort()).toEqual([...STRIPE_EVENT_TYPES].sort());
    for (const call of listCalls) {
      expect([...call.query.keys()].filter((k) => k.startsWith("types[")).length).toBeLessThanOrEqual(20);
      expect(call.query.get("created[gte]")).toBe(String(at(30)));
    }

    const real = await reconcileStripe({ now });
    expect(real.replayed).toEqual({ processed: 2, duplicate: 0, ignored: 0, failed: 0 });
    const rows = await t.db.webhookEvent.findMany({
      where: { provider: "STRIPE", eventId: { in: [String(olderMissing.id), String(newerMissing.id)] } },
      orderBy: { receivedAt: "asc" },
    });
    expect(rows.map((r) => [r.eventId, r.status])).toEqual([
      [olderMissing.id, "PROCESSED"],
      [newerMissing.id, "PROCESSED"],
    ]);
    expect((await ledgerSubscription(String(subscription.id))).status).toBe("CANCELED");
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("FREE");

    const rerun = await reconcileStripe({ now });
    expect(rerun.missing).toEqual([]);
  });
});

describe("idempotency", () => {
  it("sent an explicit Idempotency-Key (never the SDK's random one) with every write above", () => {
    expect(allWrites.length).toBeGreaterThan(30);
    for (const write of allWrites) {
      const value = key(write);
      expect(typeof value, `${write.method} ${write.path}`).toBe("string");
      expect(String(value)).not.toMatch(UUID);
    }
  });
});
