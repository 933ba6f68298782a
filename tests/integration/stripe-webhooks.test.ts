// Stripe webhooks end to end: every allow-listed event type, signed for real and delivered to the
// route handler, lands in the ledger; bad or missing signatures store nothing; duplicates and
// out-of-order deliveries change nothing; unknown types are stored and ignored; an event for a
// customer not linked yet fails and is processed on retry. Stripe reads go to a local fake.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

const settings = vi.hoisted(() => ({
  env: undefined as unknown as Env,
  secret: "whsec_tessera_stripe_webhooks_test_secret",
}));
vi.mock("@/lib/env", async (importOriginal) =>
  // No STRIPE_SECRET_KEY: verification must not need it (API reads go to the fake client).
  // Processed before the route answers, so each delivery's outcome is in its response
  // (the queue and its workers: tests/integration/webhook-queue.test.ts).
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_WEBHOOK_SECRET: settings.secret,
    STRIPE_SECRET_KEY: undefined,
    WEBHOOK_PROCESSING: "inline",
  }),
);

const { POST } = await import("@/app/api/webhooks/stripe/route");
const { loadBillingPortal } = await import("@/lib/billing/portal");
const { setStripeClient } = await import("@/lib/billing/stripe/client");
const { buildTenantContext } = await import("@/lib/tenancy/context");
const { STRIPE_EVENT_TYPES } = await import("@/lib/billing/stripe/webhooks");
const { replayWebhookEvent } = await import("@/lib/billing/webhooks/intake");
const fx = await import("../fixtures/fake-stripe");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb } = await import("../helpers/db");

type TestDb = Awaited<ReturnType<typeof openTestDb>>;
type FakeStripe = Awaited<ReturnType<typeof fx.startFakeStripe>>;

let t: TestDb;
let fake: FakeStripe;
const delivered = new Set<string>();

beforeAll(async () => {
  t = await openTestDb();
  fake = await fx.startFakeStripe();
  setStripeClient(fake.client);
});
afterAll(async () => {
  setStripeClient(undefined);
  await fake.close();
  await t.close();
});

async function deliver(event: Record<string, unknown>, secret: string | null = settings.secret) {
  const response = await POST(fx.signedStripeRequest(event, secret));
  const body = (await response.json()) as { outcome?: string };
  if (response.status === 200 && body.outcome === "processed") delivered.add(String(event.type));
  return { status: response.status, outcome: body.outcome };
}

/** A tenant whose Stripe customer is already linked (as checkout leaves it). */
async function linkedTenant() {
  const ctx = await tenantWithOwner(t.db);
  const customer = fx.stripeId("cus");
  await t.db.billingAccount.create({ data: { tenantId: ctx.tenant.id, stripeCustomerId: customer } });
  return { tenantId: ctx.tenant.id, customer };
}

const T = (iso: string) => fx.unix(iso);

const subscriptionRow = (providerId: string) =>
  t.db.subscription.findUniqueOrThrow({ where: { provider_providerId: { provider: "STRIPE", providerId } } });
const tierOf = async (tenantId: string) => (await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier;

describe("Stripe webhooks", () => {
  it("checkout.session.completed links the customer to the tenant named by client_reference_id", async () => {
    const ctx = await tenantWithOwner(t.db);
    const session = fx.checkoutSessionObject({ client_reference_id: ctx.tenant.id });
    const result = await deliver(
      fx.stripeEvent("checkout.session.completed", session, { created: T("2026-02-01T00:00:00Z") }),
    );
    expect(result).toEqual({ status: 200, outcome: "processed" });
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account).toMatchObject({ stripeCustomerId: session.customer, email: "buyer@example.test", name: "Buyer" });
    expect(account.address).toMatchObject({ city: "Springfield", postalCode: "12345", country: "US" });
  });

  it("follows a subscription through created, trial_will_end, updated, paused, resumed and deleted", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = fx.stripeId("sub");
    const trialEnd = T("2026-03-15T00:00:00Z");
    const base = {
      id,
      tenantId: ctx.tenant.id,
      lookupKey: "tessera_professional_month_eur",
      created: T("2026-03-01T00:00:00Z"),
      periodStart: T("2026-03-01T00:00:00Z"),
      periodEnd: T("2026-04-01T00:00:00Z"),
      trialEnd,
    };
    const send = (type: string, iso: string, status: string) =>
      deliver(fx.stripeEvent(type, fx.subscriptionObject({ ...base, status }), { created: T(iso) }));

    expect((await send("customer.subscription.created", "2026-03-01T00:00:00Z", "trialing")).outcome).toBe("processed");
    let row = await subscriptionRow(id);
    expect(row).toMatchObject({
      tenantId: ctx.tenant.id,
      tier: "PROFESSIONAL",
      interval: "MONTH",
      status: "TRIALING",
      currency: "eur",
      unitAmount: 9_200,
      currentPeriodStart: new Date("2026-03-01T00:00:00Z"),
      currentPeriodEnd: new Date("2026-04-01T00:00:00Z"),
      trialEnd: new Date("2026-03-15T00:00:00Z"),
    });
    expect(await tierOf(ctx.tenant.id)).toBe("PROFESSIONAL");

    expect((await send("customer.subscription.trial_will_end", "2026-03-12T00:00:00Z", "trialing")).outcome).toBe(
      "processed",
    );
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account.trialEndingNotifiedAt).toEqual(new Date("2026-03-12T00:00:00Z"));

    await send("customer.subscription.updated", "2026-03-15T00:00:00Z", "active");
    expect((await subscriptionRow(id)).status).toBe("ACTIVE");
    await send("customer.subscription.paused", "2026-03-20T00:00:00Z", "paused");
    expect((await subscriptionRow(id)).status).toBe("PAUSED");
    expect(await tierOf(ctx.tenant.id)).toBe("FREE");
    await send("customer.subscription.resumed", "2026-03-21T00:00:00Z", "active");
    expect((await subscriptionRow(id)).status).toBe("ACTIVE");
    expect(await tierOf(ctx.tenant.id)).toBe("PROFESSIONAL");
    const deleted = fx.subscriptionObject({ ...base, status: "canceled", canceledAt: T("2026-03-25T00:00:00Z") });
    await deliver(fx.stripeEvent("customer.subscription.deleted", deleted, { created: T("2026-03-25T00:00:00Z") }));
    row = await subscriptionRow(id);
    expect(row).toMatchObject({ status: "CANCELED", canceledAt: new Date("2026-03-25T00:00:00Z") });
    expect(await tierOf(ctx.tenant.id)).toBe("FREE");
    const versions = await t.db.subscriptionVersion.findMany({ where: { subscriptionId: row.id } });
    expect(versions).toHaveLength(6);
  });

  it("does not let an older customer.subscription.updated overwrite a newer one", async () => {
    const { tenantId, customer } = await linkedTenant();
    const id = fx.stripeId("sub");
    const newer = fx.subscriptionObject({
      id,
      customer,
      lookupKey: "tessera_enterprise_year_usd",
      cancelAtPeriodEnd: true,
    });
    const older = fx.subscriptionObject({ id, customer, lookupKey: "tessera_starter_month_usd" });
    await deliver(fx.stripeEvent("customer.subscription.updated", newer, { created: T("2026-04-02T00:00:00Z") }));
    const result = await deliver(
      fx.stripeEvent("customer.subscription.updated", older, { created: T("2026-04-01T00:00:00Z") }),
    );
    expect(result.outcome).toBe("processed");
    expect(await subscriptionRow(id)).toMatchObject({
      tier: "ENTERPRISE",
      interval: "YEAR",
      unitAmount: 499_000,
      cancelAtPeriodEnd: true,
    });
    expect(await tierOf(tenantId)).toBe("ENTERPRISE");
  });

  it("records invoices, a failed attempt as a FAILED payment with dunning, and notices", async () => {
    const { tenantId, customer } = await linkedTenant();
    const id = fx.stripeId("in");
    const subscription = fx.stripeId("sub");
    const invoice = (status: string, extra: Parameters<typeof fx.invoiceObject>[0] = {}) =>
      fx.invoiceObject({ id, customer, subscription, status, created: T("2026-05-01T00:00:00Z"), ...extra });
    // Dunning exists only while a subscription is live.
    const live = fx.subscriptionObject({
      id: subscription,
      customer,
      status: "active",
      created: T("2026-04-01T00:00:00Z"),
    });
    await deliver(fx.stripeEvent("customer.subscription.created", live, { created: T("2026-04-01T00:00:00Z") }));

    await deliver(fx.stripeEvent("invoice.finalized", invoice("open"), { created: T("2026-05-01T00:00:00Z") }));
    let row = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "STRIPE", providerId: id } },
    });
    expect(row).toMatchObject({
      tenantId,
      status: "OPEN",
      total: 2_900,
      subscriptionProviderId: subscription,
      hostedUrl: `https://invoice.stripe.test/i/${id}`,
      pdfUrl: `https://pay.stripe.test/invoice/${id}/pdf`,
    });
    expect(row.lines).toEqual([
      { description: "1 × Tessera Starter (at $29.00 / month)", quantity: 1, unitAmount: 2_900, amount: 2_900 },
    ]);

    const failed = invoice("open", { attemptCount: 1, nextPaymentAttempt: T("2026-05-04T00:00:00Z") });
    expect(
      (await deliver(fx.stripeEvent("invoice.payment_failed", failed, { created: T("2026-05-01T01:00:00Z") }))).outcome,
    ).toBe("processed");
    const payment = await t.db.payment.findUniqueOrThrow({
      where: { provider_providerId: { provider: "STRIPE", providerId: `${id}:attempt:1` } },
    });
    expect(payment).toMatchObject({ status: "FAILED", amount: 2_900, invoiceProviderId: id });
    let account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account.pastDueSince).toEqual(new Date("2026-05-01T01:00:00Z"));

    const action = invoice("open", { attemptCount: 2 });
    expect(
      (await deliver(fx.stripeEvent("invoice.payment_action_required", action, { created: T("2026-05-02T00:00:00Z") })))
        .outcome,
    ).toBe("processed");

    const paidAt = T("2026-05-03T00:00:00Z");
    const paid = { ...invoice("paid"), status_transitions: { finalized_at: paidAt - 86_400, paid_at: paidAt } };
    await deliver(fx.stripeEvent("invoice.paid", paid, { created: paidAt }));
    row = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "STRIPE", providerId: id } },
    });
    expect(row).toMatchObject({ status: "PAID", amountPaid: 2_900, paidAt: new Date("2026-05-03T00:00:00Z") });
    account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account.pastDueSince).toBeNull();

    const invoicesBefore = await t.db.invoice.count({ where: { tenantId } });
    const upcoming = fx.invoiceObject({ id: null, customer, subscription, status: "draft" });
    expect(
      (await deliver(fx.stripeEvent("invoice.upcoming", upcoming, { created: T("2026-05-25T00:00:00Z") }))).outcome,
    ).toBe("processed");
    expect(await t.db.invoice.count({ where: { tenantId } })).toBe(invoicesBefore);
  });

  it("records a voided invoice (ending the dunning it caused) and an uncollectible one", async () => {
    const { tenantId, customer } = await linkedTenant();
    const subscription = fx.stripeId("sub");
    const live = fx.subscriptionObject({ id: subscription, customer, status: "past_due" });
    await deliver(fx.stripeEvent("customer.subscription.created", live, { created: T("2026-08-01T00:00:00Z") }));
    const id = fx.stripeId("in");
    const invoice = (status: string, extra: Parameters<typeof fx.invoiceObject>[0] = {}) =>
      fx.invoiceObject({ id, customer, subscription, status, created: T("2026-08-01T00:00:00Z"), ...extra });
    await deliver(
      fx.stripeEvent("invoice.payment_failed", invoice("open", { attemptCount: 1 }), {
        created: T("2026-08-01T01:00:00Z"),
      }),
    );
    const account = () => t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect((await account()).pastDueSince).toEqual(new Date("2026-08-01T01:00:00Z"));

    expect(
      (await deliver(fx.stripeEvent("invoice.voided", invoice("void"), { created: T("2026-08-02T00:00:00Z") })))
        .outcome,
    ).toBe("processed");
    const row = () =>
      t.db.invoice.findUniqueOrThrow({ where: { provider_providerId: { provider: "STRIPE", providerId: id } } });
    expect((await row()).status).toBe("VOID");
    expect((await account()).pastDueSince).toBeNull();

    const other = fx.stripeId("in");
    const uncollectible = fx.invoiceObject({ id: other, customer, subscription, status: "uncollectible" });
    expect(
      (
        await deliver(
          fx.stripeEvent("invoice.marked_uncollectible", uncollectible, { created: T("2026-08-03T00:00:00Z") }),
        )
      ).outcome,
    ).toBe("processed");
    expect(
      (
        await t.db.invoice.findUniqueOrThrow({
          where: { provider_providerId: { provider: "STRIPE", providerId: other } },
        })
      ).status,
    ).toBe("UNCOLLECTIBLE");
  });

  it("keeps a renewal invoice's metered overage lines, marked by meter, and the portal shows the overage", async () => {
    const { tenantId, customer } = await linkedTenant();
    const subscription = fx.stripeId("sub");
    const invoice = fx.invoiceObject({ customer, subscription, amount: 2_900, created: T("2026-06-01T00:00:00Z") });
    const lines = (invoice.lines as { data: Record<string, unknown>[] }).data;
    lines.push({
      ...lines[0],
      id: fx.stripeId("il"),
      amount: 125,
      description: "API calls over the plan's quota (× 2,500)",
      quantity: 2_500,
      pricing: {
        type: "price_details",
        price_details: { price: "price_tessera_meter_api_calls_usd", product: "tessera_meter_api_calls" },
        unit_amount_decimal: "0.05",
      },
    });
    Object.assign(invoice, { subtotal: 3_025, total: 3_025, amount_due: 3_025, amount_paid: 3_025 });
    await deliver(fx.stripeEvent("invoice.paid", invoice, { created: T("2026-06-01T00:00:00Z") }));
    const row = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "STRIPE", providerId: String(invoice.id) } },
    });
    expect(row.lines).toEqual([
      { description: "1 × Tessera Starter (at $29.00 / month)", quantity: 1, unitAmount: 2_900, amount: 2_900 },
      {
        description: "API calls over the plan's quota (× 2,500)",
        quantity: 2_500,
        unitAmount: 0,
        amount: 125,
        meter: "api_calls",
      },
    ]);
    const ctx = buildTenantContext(
      { id: "owner", email: "owner@example.test", name: null, isPlatformAdmin: false },
      await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
      "OWNER",
    );
    const portal = await loadBillingPortal(ctx);
    expect(portal.invoices.find((i) => i.id === row.id)).toMatchObject({ overage: 125, total: 3_025 });
  });

  it("records payment intents by their charge, refunds (embedded or listed) and disputes on the same row", async () => {
    const { tenantId, customer } = await linkedTenant();
    const charge = fx.stripeId("ch");
    const intent = fx.paymentIntentObject({ customer, latest_charge: charge, amount: 9_900, amount_received: 9_900 });
    await deliver(fx.stripeEvent("payment_intent.succeeded", intent, { created: T("2026-06-01T00:00:00Z") }));
    const byCharge = { provider_providerId: { provider: "STRIPE" as const, providerId: charge } };
    expect(await t.db.payment.findUniqueOrThrow({ where: byCharge })).toMatchObject({
      tenantId,
      status: "SUCCEEDED",
      amount: 9_900,
      paidAt: new Date("2026-06-01T00:00:00Z"),
    });

    // The charge payload lists one refund; a second arrives through the API listing below.
    const first = fx.refundObject(charge, 1_000);
    const embedded = fx.chargeObject({ id: charge, customer, amount: 9_900, amountRefunded: 1_000, refunds: [first] });
    await deliver(fx.stripeEvent("charge.refunded", embedded, { created: T("2026-06-02T00:00:00Z") }));
    expect((await t.db.payment.findUniqueOrThrow({ where: byCharge })).amountRefunded).toBe(1_000);

    const second = fx.refundObject(charge, 2_000);
    fake.state.refunds.push(first, second);
    const listed = fx.chargeObject({ id: charge, customer, amount: 9_900, amountRefunded: 3_000, refunds: null });
    fake.server.reset();
    await deliver(fx.stripeEvent("charge.refunded", listed, { created: T("2026-06-03T00:00:00Z") }));
    expect(fake.server.calls("GET", "/v1/refunds").map((r) => r.query.get("charge"))).toEqual([charge]);
    const refunds = await t.db.refund.findMany({ where: { paymentProviderId: charge }, orderBy: { amount: "asc" } });
    expect(refunds.map((r) => [r.providerId, r.amount, r.status])).toEqual([
      [first.id, 1_000, "succeeded"],
      [second.id, 2_000, "succeeded"],
    ]);
    expect((await t.db.payment.findUniqueOrThrow({ where: byCharge })).amountRefunded).toBe(3_000);

    const dispute = fx.disputeObject(charge, { amount: 6_900 });
    await deliver(fx.stripeEvent("charge.dispute.created", dispute, { created: T("2026-06-04T00:00:00Z") }));
    expect(
      await t.db.dispute.findUniqueOrThrow({
        where: { provider_providerId: { provider: "STRIPE", providerId: String(dispute.id) } },
      }),
    ).toMatchObject({
      tenantId,
      paymentProviderId: charge,
      amount: 6_900,
      reason: "fraudulent",
      status: "needs_response",
    });
    expect((await t.db.payment.findUniqueOrThrow({ where: byCharge })).disputed).toBe(true);

    // The dispute moves on (evidence under review) and closes (lost), whatever the arrival order.
    const disputeRow = () =>
      t.db.dispute.findUniqueOrThrow({
        where: { provider_providerId: { provider: "STRIPE", providerId: String(dispute.id) } },
      });
    const closed = { ...dispute, status: "lost" };
    expect(
      (await deliver(fx.stripeEvent("charge.dispute.closed", closed, { created: T("2026-06-20T00:00:00Z") }))).outcome,
    ).toBe("processed");
    const review = { ...dispute, status: "under_review" };
    expect(
      (await deliver(fx.stripeEvent("charge.dispute.updated", review, { created: T("2026-06-10T00:00:00Z") }))).outcome,
    ).toBe("processed");
    expect(await disputeRow()).toMatchObject({ status: "lost", providerUpdatedAt: new Date("2026-06-20T00:00:00Z") });

    const failedCharge = fx.stripeId("ch");
    const failedIntent = fx.paymentIntentObject({
      customer,
      latest_charge: failedCharge,
      status: "requires_payment_method",
      last_payment_error: { message: "Your card was declined." },
    });
    await deliver(
      fx.stripeEvent("payment_intent.payment_failed", failedIntent, { created: T("2026-06-05T00:00:00Z") }),
    );
    expect(
      await t.db.payment.findUniqueOrThrow({
        where: { provider_providerId: { provider: "STRIPE", providerId: failedCharge } },
      }),
    ).toMatchObject({ status: "FAILED", failureMessage: "Your card was declined.", paidAt: null });
  });

  it("finds a disputed charge's tenant through the API when the payment is not in the ledger", async () => {
    const { tenantId, customer } = await linkedTenant();
    const charge = fx.chargeObject({ customer });
    fake.state.charges.set(String(charge.id), charge);
    const dispute = fx.disputeObject(String(charge.id));
    expect((await deliver(fx.stripeEvent("charge.dispute.created", dispute))).outcome).toBe("processed");
    const row = await t.db.dispute.findUniqueOrThrow({
      where: { provider_providerId: { provider: "STRIPE", providerId: String(dispute.id) } },
    });
    expect(row.tenantId).toBe(tenantId);
  });

  it("keeps the billing profile and card from customer.updated, and unlinks on customer.deleted", async () => {
    const { tenantId, customer } = await linkedTenant();
    const method = fx.paymentMethodObject();
    fake.state.paymentMethods.set(String(method.id), method);
    const updated = fx.customerObject({
      id: customer,
      email: "ap@example.test",
      name: "Accounts Payable",
      invoice_settings: { default_payment_method: method.id },
    });
    await deliver(fx.stripeEvent("customer.updated", updated, { created: T("2026-07-01T00:00:00Z") }));
    let account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account).toMatchObject({ email: "ap@example.test", name: "Accounts Payable", stripeCustomerId: customer });
    expect(account.paymentMethod).toEqual({ brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 });
    expect(account.address).toMatchObject({ line1: "1 Main St", state: "IL" });

    // No default payment method: the stored card stays.
    const renamed = fx.customerObject({ id: customer, email: "ap@example.test", name: "AP Team" });
    await deliver(fx.stripeEvent("customer.updated", renamed, { created: T("2026-07-02T00:00:00Z") }));
    account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account.name).toBe("AP Team");
    expect(account.paymentMethod).toMatchObject({ last4: "4242" });

    await deliver(fx.stripeEvent("customer.deleted", renamed, { created: T("2026-07-03T00:00:00Z") }));
    account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account.stripeCustomerId).toBeNull();
    expect(account.paymentMethod).toBeNull();
  });

  it("never lets a failed attempt overwrite an event a concurrent delivery processed", async () => {
    const { tenantId, customer } = await linkedTenant();
    const methodId = fx.stripeId("pm");
    // The first read of the card answers at once; the second fails, but only once the first
    // delivery has committed (the race a provider's redelivery during our processing makes).
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    fake.server.route({
      method: "GET",
      path: `/v1/payment_methods/${methodId}`,
      reply: async () => {
        reads += 1;
        if (reads === 1) return { body: fx.paymentMethodObject({ id: methodId }) };
        await released;
        return { status: 400, body: { error: { type: "invalid_request_error", message: "Try again." } } };
      },
    });
    const updated = fx.customerObject({ id: customer, invoice_settings: { default_payment_method: methodId } });
    const event = fx.stripeEvent("customer.updated", updated, { created: T("2026-07-10T00:00:00Z") });
    const first = deliver(event);
    const second = deliver(event);
    const winner = await Promise.race([first, second]);
    expect(winner).toEqual({ status: 200, outcome: "processed" });
    release();
    const outcomes = (await Promise.all([first, second])).map((r) => r.outcome).sort();
    expect(reads).toBe(2);
    expect(outcomes).toEqual(["duplicate", "processed"]);
    const row = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "STRIPE", eventId: String(event.id) } },
    });
    expect(row).toMatchObject({ status: "PROCESSED", tenantId, lastError: null, nextAttemptAt: null });
  });

  it("answers 400 and stores nothing for a bad or missing signature", async () => {
    const { customer } = await linkedTenant();
    const event = fx.stripeEvent("customer.updated", fx.customerObject({ id: customer }));
    expect((await deliver(event, "whsec_someone_else")).status).toBe(400);
    expect((await deliver(event, null)).status).toBe(400);
    const tampered = fx.signedStripeRequest(event, settings.secret);
    const forged = new Request(tampered.url, {
      method: "POST",
      headers: tampered.headers,
      body: JSON.stringify({ ...event, type: "customer.deleted" }),
    });
    expect((await POST(forged)).status).toBe(400);
    expect(await t.db.webhookEvent.count({ where: { provider: "STRIPE", eventId: String(event.id) } })).toBe(0);
  });

  it("treats a second delivery as a duplicate that changes nothing", async () => {
    const { tenantId, customer } = await linkedTenant();
    const id = fx.stripeId("sub");
    const event = fx.stripeEvent("customer.subscription.created", fx.subscriptionObject({ id, customer }));
    expect((await deliver(event)).outcome).toBe("processed");
    const before = await subscriptionRow(id);
    expect((await deliver(event)).outcome).toBe("duplicate");
    expect(await subscriptionRow(id)).toEqual(before);
    expect(await t.db.subscriptionVersion.count({ where: { tenantId } })).toBe(1);
  });

  it("stores and ignores an event type outside the allow-list", async () => {
    const event = fx.stripeEvent("balance.available", { object: "balance", available: [] });
    expect(await deliver(event)).toEqual({ status: 200, outcome: "ignored" });
    const row = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "STRIPE", eventId: String(event.id) } },
    });
    expect(row.status).toBe("IGNORED");
  });

  it("fails an event for an unknown customer and processes it on retry once the customer is linked", async () => {
    const ctx = await tenantWithOwner(t.db);
    const customer = fx.stripeId("cus");
    const id = fx.stripeId("sub");
    const event = fx.stripeEvent("customer.subscription.updated", fx.subscriptionObject({ id, customer }));
    expect((await deliver(event)).outcome).toBe("failed");
    const stored = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "STRIPE", eventId: String(event.id) } },
    });
    expect(stored).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(stored.nextAttemptAt).not.toBeNull();

    await t.db.billingAccount.create({ data: { tenantId: ctx.tenant.id, stripeCustomerId: customer } });
    expect(await replayWebhookEvent(stored.id)).toBe("processed");
    expect((await subscriptionRow(id)).tenantId).toBe(ctx.tenant.id);
    expect(await tierOf(ctx.tenant.id)).toBe("STARTER");
  });

  it("answers 404 while STRIPE_WEBHOOK_SECRET is unset", async () => {
    settings.env.STRIPE_WEBHOOK_SECRET = undefined;
    try {
      const response = await POST(fx.signedStripeRequest(fx.stripeEvent("customer.updated", {}), settings.secret));
      expect(response.status).toBe(404);
    } finally {
      settings.env.STRIPE_WEBHOOK_SECRET = settings.secret;
    }
  });

  it("has delivered and processed every allow-listed event type above", () => {
    expect([...delivered].sort()).toEqual([...STRIPE_EVENT_TYPES].sort());
  });
});
