// PayPal as a SubscriptionProvider, and the server side of the PayPal buttons, against the fake:
// checkout creates a subscription for the catalog's plan (custom_id = tenant, PayPal-Request-Id =
// the idempotency key) and redirects to its approval link; a plan change is a revision the buyer
// approves; cancel-at-period-end is the ledger's flag until cancelDuePaypalSubscriptions cancels
// at PayPal; resume clears it; cancelNow cancels. The OAuth token is fetched once and refreshed
// shortly before it expires.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, { STRIPE_SECRET_KEY: undefined }),
);

const { paypalProvider, cancelDuePaypalSubscriptions } = await import("@/lib/billing/paypal/provider");
const { confirmPaypalSubscription, startPaypalButtonSubscription } = await import("@/lib/billing/paypal/buttons");
const { paypalAccessToken, resetPaypalClient } = await import("@/lib/billing/paypal/client");
const { syncPaypalCatalog } = await import("@/lib/billing/paypal/sync");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const { buildTenantContext } = await import("@/lib/tenancy/context");
const fixtures = await import("../fixtures/fake-paypal");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

type TenantContext = Awaited<ReturnType<typeof tenantWithOwner>>;
type SubscriptionRef = Parameters<typeof paypalProvider.cancelNow>[0];

let t: Awaited<ReturnType<typeof openTestDb>>;
let fake: Awaited<ReturnType<typeof fixtures.startFakePaypal>>;

beforeAll(async () => {
  t = await openTestDb();
  fake = await fixtures.startFakePaypal();
  Object.assign(settings.env, fixtures.paypalSettings(fake));
  resetPaypalClient();
  await syncPaypalCatalog();
});
afterAll(async () => {
  await fake.close();
  await t.close();
});
beforeEach(() => {
  Object.assign(settings.env, fixtures.paypalSettings(fake));
});

const planId = (key: string) => String([...fake.plans.values()].find((p) => p.name === key)?.id);

function checkoutInput(
  ctx: TenantContext,
  overrides: Partial<Parameters<typeof paypalProvider.startCheckout>[0]> = {},
) {
  return {
    tenant: { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name },
    account: { email: null, name: null, stripeCustomerId: null },
    tier: "PROFESSIONAL" as const,
    interval: "MONTH" as const,
    currency: "usd" as const,
    trialEnd: null,
    successUrl: "http://localhost:3000/t/x/billing?checkout=done",
    cancelUrl: "http://localhost:3000/t/x/billing?checkout=canceled",
    idempotencyKey: uniq("checkout"),
    actorEmail: ctx.user.email,
    ...overrides,
  };
}

/** A subscription created by the buttons' server side, approved and recorded. */
async function liveSubscription(ctx: TenantContext, nextBillingTime: string): Promise<SubscriptionRef> {
  const id = await startPaypalButtonSubscription(ctx, { tier: "PROFESSIONAL", interval: "MONTH", currency: "usd" });
  fake.activateSubscription(id, { nextBillingTime });
  await confirmPaypalSubscription(ctx, { subscriptionId: id });
  const row = await t.db.subscription.findUniqueOrThrow({
    where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
  });
  return {
    tenantId: ctx.tenant.id,
    provider: "PAYPAL",
    providerId: id,
    tier: "PROFESSIONAL",
    interval: row.interval,
    status: row.status,
    currency: "usd",
    unitAmount: row.unitAmount,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
  };
}

const subscriptionRow = (id: string) =>
  t.db.subscription.findUniqueOrThrow({ where: { provider_providerId: { provider: "PAYPAL", providerId: id } } });

describe("paypalProvider", () => {
  it("starts checkout with a subscription for the catalog's plan and redirects to PayPal's approval page", async () => {
    const ctx = await tenantWithOwner(t.db);
    const trialEnd = new Date(Date.now() + 10 * 86_400_000);
    const input = checkoutInput(ctx, { trialEnd, tier: "ENTERPRISE", interval: "YEAR", currency: "eur" });
    const start = await paypalProvider.startCheckout(input);
    expect(start.kind).toBe("redirect");
    expect(start.url).toMatch(/^https:\/\/www\.sandbox\.paypal\.com\/webapps\/billing\/subscriptions\?ba_token=/);
    const request = at(fake.server.calls("POST", "/v1/billing/subscriptions"), -1, "subscription request");
    expect(request.headers["paypal-request-id"]).toBe(input.idempotencyKey);
    expect(request.body).toMatchObject({
      plan_id: planId("tessera_enterprise_year_eur"),
      custom_id: ctx.tenant.id,
      start_time: trialEnd.toISOString(),
      subscriber: { email_address: ctx.user.email },
      application_context: { return_url: input.successUrl, cancel_url: input.cancelUrl },
    });
    // The same attempt again creates nothing new.
    const count = fake.subscriptions.size;
    expect((await paypalProvider.startCheckout(input)).url).toBe(start.url);
    expect(fake.subscriptions.size).toBe(count);
  });

  it("records an approved subscription from the buttons, for its own workspace only", async () => {
    const ctx = await tenantWithOwner(t.db);
    const ref = await liveSubscription(ctx, "2099-01-01T00:00:00.000Z");
    expect(await subscriptionRow(ref.providerId)).toMatchObject({
      status: "ACTIVE",
      tier: "PROFESSIONAL",
      unitAmount: 9_900,
    });
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier).toBe("PROFESSIONAL");

    const stranger = await tenantWithOwner(t.db);
    await expect(confirmPaypalSubscription(stranger, { subscriptionId: ref.providerId })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await t.db.subscription.count({ where: { tenantId: stranger.tenant.id } })).toBe(0);

    const member = buildTenantContext(ctx.user, ctx.tenant, "MEMBER");
    await expect(
      startPaypalButtonSubscription(member, { tier: "STARTER", interval: "MONTH", currency: "usd" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      startPaypalButtonSubscription(ctx, { tier: "FREE", interval: "DAY", currency: "gbp" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: { tier: expect.any(Array), interval: expect.any(Array), currency: expect.any(Array) },
    });
  });

  it("refuses (and cancels at PayPal) a subscription with an overridden plan, a quantity or an off-catalog price", async () => {
    // What the buyer's browser can do with PayPal's JS SDK and the public client id.
    const enterprise = fake.plans.get(planId("tessera_enterprise_month_usd"))!;
    const cheapPlan = {
      ...enterprise,
      id: `P-CHEAP-${uniq()}`,
      billing_cycles: (enterprise.billing_cycles as Record<string, unknown>[]).map((cycle) => ({
        ...cycle,
        pricing_scheme: { fixed_price: { currency_code: "USD", value: "1.00" } },
      })),
    };
    fake.plans.set(String(cheapPlan.id), cheapPlan);
    const tampering: [string, Record<string, unknown>][] = [
      ["overridden plan", { plan_overridden: true, plan: { billing_cycles: [] } }],
      ["quantity", { quantity: "5" }],
      ["price", { plan_id: cheapPlan.id }],
    ];
    for (const [what, change] of tampering) {
      const ctx = await tenantWithOwner(t.db);
      const id = await startPaypalButtonSubscription(ctx, { tier: "ENTERPRISE", interval: "MONTH", currency: "usd" });
      fake.activateSubscription(id, { nextBillingTime: "2099-01-01T00:00:00.000Z" });
      Object.assign(fake.subscriptions.get(id)!, change);
      await expect(confirmPaypalSubscription(ctx, { subscriptionId: id }), what).rejects.toMatchObject({
        code: "bad_request",
        message: expect.stringMatching(/not accepted/),
      });
      expect(fake.subscriptions.get(id)?.status, what).toBe("CANCELLED");
      expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier, what).toBe("FREE");
      const live = await t.db.subscription.count({
        where: { tenantId: ctx.tenant.id, status: { in: ["TRIALING", "ACTIVE", "PAST_DUE"] } },
      });
      expect(live, what).toBe(0);
    }
  });

  it("previews a plan change without proration and revises the subscription, returning PayPal's approval link", async () => {
    const ctx = await tenantWithOwner(t.db);
    const ref = await liveSubscription(ctx, "2099-02-01T00:00:00.000Z");
    const preview = await paypalProvider.previewPlanChange(ref, { tier: "ENTERPRISE", interval: "YEAR" }, new Date());
    expect(preview).toEqual({
      currency: "usd",
      lines: [],
      dueNow: 0,
      nextAmount: 499_000,
      nextBillingAt: new Date("2099-02-01T00:00:00.000Z"),
    });
    const key = uniq("revise");
    const { redirectUrl } = await paypalProvider.changePlan(ref, { tier: "ENTERPRISE", interval: "YEAR" }, key);
    expect(redirectUrl).toMatch(/^https:\/\/www\.sandbox\.paypal\.com\/webapps\/billing\/subscriptions\/update/);
    const request = at(
      fake.server.calls("POST", `/v1/billing/subscriptions/${ref.providerId}/revise`),
      0,
      "revise request",
    );
    expect(request.headers["paypal-request-id"]).toBe(key);
    expect(request.body).toMatchObject({ plan_id: planId("tessera_enterprise_year_usd") });
    expect((request.body as { application_context: { return_url: string } }).application_context.return_url).toContain(
      `/t/${ctx.tenant.slug}/billing`,
    );
  });

  it("cancels at period end through the ledger, keeps the flag across webhooks, resumes, and cancels once due", async () => {
    const ctx = await tenantWithOwner(t.db);
    const periodEnd = new Date(Date.now() + 5 * 86_400_000);
    const ref = await liveSubscription(ctx, periodEnd.toISOString());
    const cancels = () => fake.server.calls("POST", `/v1/billing/subscriptions/${ref.providerId}/cancel`).length;

    await paypalProvider.cancelAtPeriodEnd(ref, uniq("cancel"));
    expect(await subscriptionRow(ref.providerId)).toMatchObject({ status: "ACTIVE", cancelAtPeriodEnd: true });
    expect(cancels()).toBe(0);

    // A later webhook from PayPal (which knows nothing of the flag) does not clear it.
    const sub = fake.subscriptions.get(ref.providerId) as Record<string, unknown>;
    sub.update_time = new Date(Date.now() + 1_000).toISOString();
    const event = fixtures.webhookEvent("BILLING.SUBSCRIPTION.UPDATED", { ...sub });
    expect(
      await receiveWebhook({
        provider: "PAYPAL",
        eventId: String(event.id),
        type: String(event.event_type),
        createdAt: new Date(),
        payload: event,
      }),
    ).toBe("processed");
    expect((await subscriptionRow(ref.providerId)).cancelAtPeriodEnd).toBe(true);

    // Not due yet: nothing happens.
    expect(await cancelDuePaypalSubscriptions(new Date())).toEqual({ canceled: [], failed: [] });

    await paypalProvider.resume(ref, uniq("resume"));
    expect((await subscriptionRow(ref.providerId)).cancelAtPeriodEnd).toBe(false);
    await paypalProvider.cancelAtPeriodEnd(ref, uniq("cancel"));

    const after = new Date(periodEnd.getTime() + 60_000);
    const due = await cancelDuePaypalSubscriptions(after);
    expect(due.canceled).toContain(ref.providerId);
    expect(cancels()).toBe(1);
    expect(
      at(fake.server.calls("POST", `/v1/billing/subscriptions/${ref.providerId}/cancel`), 0).headers[
        "paypal-request-id"
      ],
    ).toBe(`cancel-due-${ref.providerId}`);
    expect(await subscriptionRow(ref.providerId)).toMatchObject({ status: "CANCELED", cancelAtPeriodEnd: false });
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier).toBe("FREE");
    expect((await cancelDuePaypalSubscriptions(after)).canceled).not.toContain(ref.providerId);
    await expect(paypalProvider.resume(ref, uniq("resume"))).rejects.toMatchObject({ code: "conflict" });
  });

  it("cancels now, tolerating a subscription PayPal has already ended", async () => {
    const ctx = await tenantWithOwner(t.db);
    const ref = await liveSubscription(ctx, "2099-03-01T00:00:00.000Z");
    await paypalProvider.cancelNow(ref, uniq("now"));
    expect((await subscriptionRow(ref.providerId)).status).toBe("CANCELED");
    await paypalProvider.cancelNow(ref, uniq("now"));
    expect(fake.server.calls("POST", `/v1/billing/subscriptions/${ref.providerId}/cancel`)).toHaveLength(2);
    expect(
      await paypalProvider.paymentMethodUrl({ tenantId: ctx.tenant.id, customerId: null, returnUrl: "x" }),
    ).toBeNull();
  });

  it("used one OAuth token for every SDK and REST call, and a PayPal-Request-Id on every POST", () => {
    expect(fake.server.requests.length).toBeGreaterThan(30);
    expect(fake.tokensIssued()).toBe(1);
    expect(fake.postsWithoutRequestId()).toEqual([]);
  });
});

describe("the OAuth token cache", () => {
  it("shares one request between concurrent callers and renews shortly before expiry", async () => {
    resetPaypalClient();
    const tokensBefore = fake.tokensIssued();
    // A two-second token: renewed once half of it has passed.
    fake.server.route({
      method: "POST",
      path: "/v1/oauth2/token",
      reply: () => ({ body: { access_token: `short-${uniq()}`, token_type: "Bearer", expires_in: 2 } }),
    });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => paypalAccessToken()));
    expect(new Set(tokens.map((token) => token.value)).size).toBe(1);
    expect(fake.server.calls("POST", "/v1/oauth2/token").length).toBe(tokensBefore + 1);
    expect((await paypalAccessToken()).value).toBe(at(tokens, 0).value);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await paypalAccessToken()).value).not.toBe(at(tokens, 0).value);
    expect(fake.server.calls("POST", "/v1/oauth2/token").length).toBe(tokensBefore + 2);
  });
});
