// Simulated money never stands in for real money. The local provider (test cards, no money) serves
// only where no real provider is configured at all — and, in production on PostgreSQL, only when
// BILLING_SIMULATED_CHECKOUT turns it on for a demo. Elsewhere its checkout, card form, plan
// changes and renewals refuse or lapse, the portal offers no way to pay (and says so), and the
// revenue reports leave its rows out once a real provider is configured.
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env, base: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) => {
  const s = await import("../helpers/settings");
  const changes = {
    NODE_ENV: "test",
    AUTH_SECRET: "simulated-provider-test-secret-0123456789abcdef",
    BILLING_SIMULATED_CHECKOUT: false,
    ...s.NO_PAYMENT_PROVIDERS,
  } as const;
  const mocked = await s.withSettings(importOriginal, settings, changes);
  settings.base = { ...settings.env };
  return mocked;
});

const subscriptions = await import("@/lib/billing/subscriptions");
const { completeLocalCheckout, updateLocalPaymentMethod } = await import("@/lib/billing/local/checkout");
const { changeLocalPlan } = await import("@/lib/billing/local/provider");
const { advanceLocalSubscriptions } = await import("@/lib/billing/local/renewals");
const { loadBillingPortal } = await import("@/lib/billing/portal");
const { customerAnalytics } = await import("@/lib/billing/reports/customers");
const { loadRevenueReport } = await import("@/lib/billing/reports/revenue");
const { tenantWithOwner } = await import("../helpers/api");
const { testOperator } = await import("../helpers/operator");
const { setupTestDb, uniq } = await import("../helpers/db");

type Ctx = Awaited<ReturnType<typeof tenantWithOwner>>;

const t = setupTestDb();
const GOOD = { cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", cardholder: "Ann Example" };
const PRODUCTION: Partial<Env> = { NODE_ENV: "production", DATABASE_URL: "postgresql://db.example.test/tessera" };
const STRIPE: Partial<Env> = { STRIPE_SECRET_KEY: "sk_test_simulated_real_provider" };

function configure(next: Partial<Env>) {
  Object.assign(settings.env, settings.base, next);
}
afterEach(() => configure({}));

async function startSession(ctx: Ctx): Promise<string> {
  const { redirectUrl } = await subscriptions.startCheckout(ctx, {
    tier: "ENTERPRISE",
    interval: "MONTH",
    currency: "usd",
    provider: "LOCAL",
    nonce: uniq("n"),
  });
  return new URL(redirectUrl, "http://localhost").searchParams.get("session") ?? "";
}

const tierOf = async (ctx: Ctx) => (await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier;

describe("where the simulated checkout serves", () => {
  it("tells the modes apart", async () => {
    const { localProviderMode } = await import("@/lib/billing/provider-mode");
    expect(localProviderMode()).toBe("embedded");
    configure(PRODUCTION);
    expect(localProviderMode()).toBe("production");
    configure({ ...PRODUCTION, BILLING_SIMULATED_CHECKOUT: true });
    expect(localProviderMode()).toBe("demo");
    configure(STRIPE);
    expect(localProviderMode()).toBe("real_provider");
  });

  it("in production on PostgreSQL without a provider, lets nobody upgrade for free, and the portal says so", async () => {
    const ctx = await tenantWithOwner(t.db);
    // A session signed while the simulation was on, completed after it was turned off.
    const session = await startSession(ctx);
    configure(PRODUCTION);

    await expect(
      subscriptions.startCheckout(ctx, {
        tier: "ENTERPRISE",
        interval: "MONTH",
        currency: "usd",
        provider: "LOCAL",
        nonce: uniq("n"),
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { provider: expect.any(Array) } });
    await expect(completeLocalCheckout(ctx, { ...GOOD, session })).rejects.toMatchObject({ code: "bad_request" });
    await expect(updateLocalPaymentMethod(ctx, { ...GOOD, nonce: uniq("nonce") })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(subscriptions.paymentMethodUrl(ctx)).rejects.toMatchObject({ code: "bad_request" });
    expect(await t.db.subscription.count({ where: { tenantId: ctx.tenant.id } })).toBe(0);
    const account = await t.db.billingAccount.findUnique({ where: { tenantId: ctx.tenant.id } });
    expect(account?.paymentMethod ?? null).toBeNull();
    expect(await tierOf(ctx)).toBe("FREE");
    expect((await loadBillingPortal(ctx)).providers).toEqual([]);

    // The demo setting turns it on again, on purpose.
    configure({ ...PRODUCTION, BILLING_SIMULATED_CHECKOUT: true });
    expect((await loadBillingPortal(ctx)).providers).toEqual(["LOCAL"]);
    expect((await completeLocalCheckout(ctx, { ...GOOD, session })).status).toBe("paid");
    expect(await tierOf(ctx)).toBe("ENTERPRISE");
  });

  it("with Stripe configured, refuses the card form and plan changes of a simulated subscription, which lapses at its period end", async () => {
    const ctx = await tenantWithOwner(t.db);
    const session = await startSession(ctx);
    expect((await completeLocalCheckout(ctx, { ...GOOD, session })).status).toBe("paid");
    const sub = await t.db.subscription.findFirstOrThrow({ where: { tenantId: ctx.tenant.id } });
    configure(STRIPE);

    await expect(completeLocalCheckout(ctx, { ...GOOD, session })).rejects.toMatchObject({ code: "bad_request" });
    await expect(updateLocalPaymentMethod(ctx, { ...GOOD, nonce: uniq("nonce") })).rejects.toMatchObject({
      code: "bad_request",
    });
    const ref = {
      tenantId: sub.tenantId,
      provider: sub.provider,
      providerId: sub.providerId,
      tier: "ENTERPRISE" as const,
      interval: sub.interval,
      status: sub.status,
      currency: "usd" as const,
      unitAmount: sub.unitAmount,
      currentPeriodStart: sub.currentPeriodStart,
      currentPeriodEnd: sub.currentPeriodEnd,
    };
    await expect(
      changeLocalPlan(ref, { tier: "WHITE_LABEL", interval: "YEAR" }, uniq("k"), new Date()),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await tierOf(ctx)).toBe("ENTERPRISE");

    // No renewal on a test card: the subscription ends with its period and the workspace is Free.
    const end = sub.currentPeriodEnd as Date;
    const report = await advanceLocalSubscriptions(new Date(end.getTime() + 1_000), { tenantId: ctx.tenant.id });
    expect(report).toEqual({ renewed: 0, canceled: 1, failed: 0 });
    expect(await t.db.payment.count({ where: { tenantId: ctx.tenant.id } })).toBe(1);
    expect(await tierOf(ctx)).toBe("FREE");
  });
});

describe("revenue reports", () => {
  it("never count simulated money once a real provider is configured", async () => {
    const ctx = await tenantWithOwner(t.db);
    const session = await startSession(ctx);
    await completeLocalCheckout(ctx, { ...GOOD, session });
    const now = new Date();
    const range = { tenantIds: [ctx.tenant.id], from: now, to: now };
    const cash = async () =>
      (await loadRevenueReport(testOperator(), range)).currencies.find((c) => c.currency === "usd");

    expect((await cash())?.months.at(-1)).toMatchObject({ mrr: 49_900, cashCollected: 49_900 });
    expect((await customerAnalytics(ctx)).currencies).toMatchObject([
      { currency: "usd", totalPaid: 49_900, currentMrr: 49_900 },
    ]);

    configure(STRIPE);
    expect((await cash())?.months.at(-1)?.mrr ?? 0).toBe(0);
    expect((await cash())?.months.at(-1)?.cashCollected ?? 0).toBe(0);
    expect((await customerAnalytics(ctx)).currencies).toEqual([]);
  });
});
