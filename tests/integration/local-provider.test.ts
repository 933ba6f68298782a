// The local payment provider end to end through the real pipeline and ledger: checkout (trial and
// paid), a declined card, plan changes with proration invoices, cancel at period end and resume,
// and the renewals the billing cron drives (renew, trial end, cancel at period end, a failing card
// going PAST_DUE into dunning and recovering). Double submits are duplicates.
import { describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { at, only } from "../helpers/indexed";
import { DAY_MS } from "@/lib/calendar";

// No Stripe or PayPal keys (the local provider is the one on offer) and a fixed auth secret for
// the checkout tokens, whatever the machine's environment says.
const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) => {
  const s = await import("../helpers/settings");
  return s.withSettings(importOriginal, settings, {
    AUTH_SECRET: "local-provider-test-secret-0123456789abcdef",
    ...s.NO_PAYMENT_PROVIDERS,
  });
});

const subscriptions = await import("@/lib/billing/subscriptions");
const { completeLocalCheckout, describeLocalCheckout, updateLocalPaymentMethod } =
  await import("@/lib/billing/local/checkout");
const { changeLocalPlan } = await import("@/lib/billing/local/provider");
const { advanceLocalSubscriptions } = await import("@/lib/billing/local/renewals");
const { signCheckoutSession, verifyCheckoutSession } = await import("@/lib/billing/local/session-token");
const { DUNNING_GRACE_DAYS } = await import("@/lib/billing/ledger");
const { invoiceDownload, loadBillingPortal } = await import("@/lib/billing/portal");
const { createTenant } = await import("@/lib/tenancy/tenants");
const { buildTenantContext } = await import("@/lib/tenancy/context");
const { tenantWithOwner } = await import("../helpers/api");
const { setupTestDb, uniq } = await import("../helpers/db");

type Ctx = Awaited<ReturnType<typeof tenantWithOwner>>;

const t = setupTestDb();
const GOOD = { cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", cardholder: "Ann Example" };
const DECLINE = { ...GOOD, cardNumber: "4000 0000 0000 0002" };

/** A new workspace on Tessera's default 14-day Professional trial. */
async function trialTenant(): Promise<Ctx> {
  const slug = uniq("lp").toLowerCase().slice(0, 40);
  const user = await t.db.user.create({ data: { email: `${slug}@example.test`, name: "Owner" } });
  const tenant = await createTenant({ name: `Local ${slug}`, slug }, { id: user.id, email: user.email });
  return buildTenantContext(
    { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false },
    tenant,
    "OWNER",
  );
}

async function checkout(ctx: Ctx, tier: "STARTER" | "PROFESSIONAL" = "STARTER", card = GOOD, nonce = uniq("n")) {
  const { redirectUrl } = await subscriptions.startCheckout(ctx, {
    tier,
    interval: "MONTH",
    currency: "usd",
    provider: "LOCAL",
    nonce,
  });
  const url = new URL(redirectUrl, "http://localhost");
  expect(url.pathname).toBe(`/t/${ctx.tenant.slug}/billing/checkout`);
  const session = url.searchParams.get("session") ?? "";
  return { session, result: await completeLocalCheckout(ctx, { ...card, session }) };
}

const rows = (ctx: Ctx) => ({
  subscription: () => t.db.subscription.findFirstOrThrow({ where: { tenantId: ctx.tenant.id } }),
  tenant: () => t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } }),
  account: () => t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } }),
  invoices: () => t.db.invoice.findMany({ where: { tenantId: ctx.tenant.id }, orderBy: { providerCreatedAt: "asc" } }),
  payments: () => t.db.payment.findMany({ where: { tenantId: ctx.tenant.id }, orderBy: { providerCreatedAt: "asc" } }),
});

function refOf(sub: Awaited<ReturnType<ReturnType<typeof rows>["subscription"]>>) {
  return {
    tenantId: sub.tenantId,
    provider: sub.provider,
    providerId: sub.providerId,
    tier: sub.tier as "STARTER",
    interval: sub.interval,
    status: sub.status,
    currency: "usd" as const,
    unitAmount: sub.unitAmount,
    currentPeriodStart: sub.currentPeriodStart,
    currentPeriodEnd: sub.currentPeriodEnd,
  };
}

describe("local checkout", () => {
  it("starts a trial while Tessera's trial runs: TRIALING, a $0 paid invoice, the trial moved to the subscription", async () => {
    const ctx = await trialTenant();
    const trialEndsAt = ctx.tenant.trialEndsAt as Date;
    const { session, result } = await checkout(ctx);
    expect(result).toEqual({ status: "trialing", outcome: "processed" });

    const db = rows(ctx);
    const sub = await db.subscription();
    expect(sub).toMatchObject({ provider: "LOCAL", tier: "STARTER", status: "TRIALING", unitAmount: 2_900 });
    expect(sub.trialEnd).toEqual(trialEndsAt);
    expect(sub.currentPeriodEnd).toEqual(trialEndsAt);
    const tenant = await db.tenant();
    expect(tenant).toMatchObject({ tier: "STARTER", trialTier: null, trialEndsAt: null });
    const invoice = at(await db.invoices(), 0, "invoice");
    expect(invoice).toMatchObject({ status: "PAID", total: 0, amountPaid: 0 });
    expect(invoice.number).toMatch(/^[A-Z0-9]+-0001$/);
    expect(await db.payments()).toHaveLength(0);
    expect((await db.account()).paymentMethod).toMatchObject({ brand: "visa", last4: "4242", expYear: 2034 });
    expect(await describeLocalCheckout(ctx, session)).toMatchObject({ completed: true, dueToday: 0 });

    // A double submit of the same checkout is a duplicate and changes nothing.
    expect(await completeLocalCheckout(ctx, { ...GOOD, session })).toEqual({
      status: "trialing",
      outcome: "duplicate",
    });
    expect(await db.invoices()).toHaveLength(1);
    const audit = await t.db.auditLog.findMany({
      where: { tenantId: ctx.tenant.id, action: "billing.checkout_started" },
    });
    expect(audit).toHaveLength(1);
  });

  it("charges the first period when no trial runs: ACTIVE, a paid invoice and a payment", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { result } = await checkout(ctx, "PROFESSIONAL");
    expect(result.status).toBe("paid");
    const db = rows(ctx);
    const sub = await db.subscription();
    expect(sub).toMatchObject({ status: "ACTIVE", tier: "PROFESSIONAL", trialEnd: null });
    expect(
      (sub.currentPeriodEnd as Date).getTime() - (sub.currentPeriodStart as Date).getTime(),
    ).toBeGreaterThanOrEqual(28 * DAY_MS);
    const invoice = at(await db.invoices(), 0, "invoice");
    expect(invoice).toMatchObject({ status: "PAID", total: 9_900, amountPaid: 9_900 });
    const [payment] = await db.payments();
    expect(payment).toMatchObject({ status: "SUCCEEDED", amount: 9_900, invoiceProviderId: invoice.providerId });
    expect((await db.tenant()).tier).toBe("PROFESSIONAL");
  });

  it("records a declined card as a FAILED payment and an INCOMPLETE subscription, then completes with a good card", async () => {
    const ctx = await tenantWithOwner(t.db);
    const nonce = uniq("n");
    const { session, result } = await checkout(ctx, "STARTER", DECLINE, nonce);
    expect(result).toMatchObject({ status: "declined", message: "Your card was declined." });
    const db = rows(ctx);
    expect((await db.subscription()).status).toBe("INCOMPLETE");
    expect((await db.payments()).map((p) => p.status)).toEqual(["FAILED"]);
    expect((await db.invoices()).map((i) => i.status)).toEqual(["OPEN"]);
    expect((await db.tenant()).tier).toBe("FREE");

    const retried = await completeLocalCheckout(ctx, { ...GOOD, session });
    expect(retried.status).toBe("paid");
    expect((await db.subscription()).status).toBe("ACTIVE");
    expect((await db.invoices()).map((i) => i.status)).toEqual(["PAID"]);
    expect((await db.account()).pastDueSince).toBeNull();
    // A declined card after the checkout completed changes nothing.
    expect((await completeLocalCheckout(ctx, { ...DECLINE, session })).status).toBe("already_completed");
    expect((await db.subscription()).status).toBe("ACTIVE");
  });

  it("lets only one of two checkouts completed at once become a subscription", async () => {
    const ctx = await tenantWithOwner(t.db);
    const session = async (tier: "STARTER" | "ENTERPRISE") => {
      const { redirectUrl } = await subscriptions.startCheckout(ctx, {
        tier,
        interval: "MONTH",
        currency: "usd",
        provider: "LOCAL",
        nonce: uniq("n"),
      });
      return new URL(redirectUrl, "http://localhost").searchParams.get("session") ?? "";
    };
    const sessions = [await session("STARTER"), await session("ENTERPRISE")];
    const results = await Promise.allSettled(sessions.map((s) => completeLocalCheckout(ctx, { ...GOOD, session: s })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "conflict" });
    const db = rows(ctx);
    const live = await t.db.subscription.findMany({
      where: { tenantId: ctx.tenant.id, status: { in: ["TRIALING", "ACTIVE", "PAST_DUE"] } },
    });
    expect(live).toHaveLength(1);
    expect(await db.payments()).toHaveLength(1);
    expect((await db.tenant()).tier).toBe(only(live, "live subscription").tier);
    // The lease was released: the workspace can act again.
    expect((await db.account()).checkoutLeaseToken).toBeNull();
  });

  it("refuses bad cards with field errors, and tampered, expired or foreign sessions", async () => {
    const ctx = await tenantWithOwner(t.db);
    const other = await tenantWithOwner(t.db);
    const { redirectUrl } = await subscriptions.startCheckout(ctx, {
      tier: "STARTER",
      interval: "YEAR",
      currency: "eur",
      provider: "LOCAL",
      nonce: uniq("n"),
    });
    const session = new URL(redirectUrl, "http://localhost").searchParams.get("session") ?? "";
    expect(await describeLocalCheckout(ctx, session)).toMatchObject({ unitAmount: 27_000, currency: "eur" });

    await expect(
      completeLocalCheckout(ctx, { ...GOOD, cardNumber: "4242 4242 4242 4241", expiry: "01/20", session }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: { cardNumber: expect.any(Array), expiry: expect.any(Array) },
    });
    const tampered = `${session.slice(0, -2)}xx`;
    await expect(completeLocalCheckout(ctx, { ...GOOD, session: tampered })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(completeLocalCheckout(other, { ...GOOD, session })).rejects.toMatchObject({ code: "not_found" });
    const later = new Date(Date.now() + 31 * 60_000);
    expect(verifyCheckoutSession(session, later)).toBeNull();
    const forged = signCheckoutSession({
      tenantId: ctx.tenant.id,
      tier: "STARTER",
      interval: "MONTH",
      currency: "usd",
      trialEnd: null,
      key: "k",
    });
    expect(verifyCheckoutSession(forged)?.tenantId).toBe(ctx.tenant.id);
    expect(await t.db.subscription.count({ where: { tenantId: ctx.tenant.id } })).toBe(0);

    await expect(
      subscriptions.startCheckout(ctx, {
        tier: "STARTER",
        interval: "MONTH",
        currency: "usd",
        provider: "STRIPE",
        nonce: uniq("n"),
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { provider: expect.any(Array) } });
  });
});

describe("local plan changes", () => {
  it("prorates an upgrade halfway, credits a downgrade, and applies the credit at renewal", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    const db = rows(ctx);
    const sub = await db.subscription();
    const start = (sub.currentPeriodStart as Date).getTime();
    const end = (sub.currentPeriodEnd as Date).getTime();
    const half = new Date(start + (end - start) / 2);

    const preview = await subscriptions.previewPlanChange(ctx, { tier: "PROFESSIONAL", interval: "MONTH" }, half);
    expect(preview).toMatchObject({ dueNow: 3_500, nextAmount: 9_900 });
    const key = uniq("change");
    await changeLocalPlan(refOf(sub), { tier: "PROFESSIONAL", interval: "MONTH" }, key, half);
    const upgraded = await db.subscription();
    expect(upgraded).toMatchObject({ tier: "PROFESSIONAL", unitAmount: 9_900, status: "ACTIVE" });
    expect(upgraded.currentPeriodEnd).toEqual(sub.currentPeriodEnd);
    let invoices = await db.invoices();
    const proration = at(invoices, 1, "proration invoice");
    expect(proration).toMatchObject({ status: "PAID", total: 3_500, amountPaid: 3_500 });
    expect((proration.lines as { amount: number }[]).map((line) => line.amount)).toEqual([-1_450, 4_950]);
    expect((await db.payments()).map((p) => p.amount)).toEqual([2_900, 3_500]);
    expect((await db.tenant()).tier).toBe("PROFESSIONAL");

    // The same change submitted again is a duplicate.
    await changeLocalPlan(refOf(upgraded), { tier: "PROFESSIONAL", interval: "MONTH" }, key, half);
    expect(await db.invoices()).toHaveLength(2);

    // Downgrade with a quarter left: -$24.75 + $7.25 = -$17.50, a credit, no payment.
    const quarter = new Date(start + ((end - start) * 3) / 4);
    await changeLocalPlan(refOf(upgraded), { tier: "STARTER", interval: "MONTH" }, uniq("change"), quarter);
    invoices = await db.invoices();
    expect(invoices[2]).toMatchObject({ status: "PAID", total: -1_750, amountPaid: 0, amountDue: 0 });
    expect(JSON.stringify(at(invoices, 2, "invoice").lines)).toContain("$17.50 added to your balance");
    expect(await db.payments()).toHaveLength(2);

    // The renewal uses the credit: $29.00 - $17.50 = $11.50 charged.
    const report = await advanceLocalSubscriptions(new Date(end + 1_000), { tenantId: ctx.tenant.id });
    expect(report).toEqual({ renewed: 1, canceled: 0, failed: 0 });
    invoices = await db.invoices();
    expect(invoices[3]).toMatchObject({ status: "PAID", total: 2_900, amountPaid: 1_150 });
    expect((await db.payments()).map((p) => p.amount)).toEqual([2_900, 3_500, 1_150]);
  });

  it("switches to yearly through the portal operation, with an audit entry", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    await subscriptions.changePlan(ctx, { tier: "STARTER", interval: "YEAR", nonce: uniq("n") });
    const db = rows(ctx);
    const sub = await db.subscription();
    expect(sub).toMatchObject({ interval: "YEAR", unitAmount: 29_000 });
    const invoice = at(await db.invoices(), 1, "invoice");
    const lines = invoice.lines as { amount: number }[];
    expect(at(lines, 1).amount).toBe(29_000);
    // Almost the whole month is unused: close to $29.00 back.
    expect(at(lines, 0).amount).toBeLessThanOrEqual(-2_890);
    expect(invoice.total).toBe(29_000 + at(lines, 0).amount);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { tenantId: ctx.tenant.id, action: "billing.plan_changed" },
    });
    expect(audit.after).toMatchObject({ tier: "STARTER", interval: "YEAR" });
    await expect(
      subscriptions.changePlan(ctx, { tier: "STARTER", interval: "YEAR", nonce: uniq("n") }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { tier: ["That is the current plan."] } });
  });

  it("cancels at period end and resumes, keeping the plan meanwhile", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    const db = rows(ctx);
    await subscriptions.cancelSubscription(ctx, { nonce: uniq("n") });
    expect(await db.subscription()).toMatchObject({ cancelAtPeriodEnd: true, status: "ACTIVE" });
    expect((await db.tenant()).tier).toBe("STARTER");
    await subscriptions.resumeSubscription(ctx, { nonce: uniq("n") });
    expect((await db.subscription()).cancelAtPeriodEnd).toBe(false);
    const actions = await t.db.auditLog.findMany({
      where: { tenantId: ctx.tenant.id, action: { in: ["billing.cancel_requested", "billing.resumed"] } },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["billing.cancel_requested", "billing.resumed"]);
  });
});

describe("local renewals", () => {
  it("renews once per period and is idempotent", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    const db = rows(ctx);
    const before = await db.subscription();
    const now = new Date((before.currentPeriodEnd as Date).getTime() + 1_000);
    expect(await advanceLocalSubscriptions(now, { tenantId: ctx.tenant.id })).toEqual({
      renewed: 1,
      canceled: 0,
      failed: 0,
    });
    expect(await advanceLocalSubscriptions(now, { tenantId: ctx.tenant.id })).toEqual({
      renewed: 0,
      canceled: 0,
      failed: 0,
    });
    const after = await db.subscription();
    expect(after.currentPeriodStart).toEqual(before.currentPeriodEnd);
    expect(after.status).toBe("ACTIVE");
    expect((await db.invoices()).map((i) => [i.status, i.total])).toEqual([
      ["PAID", 2_900],
      ["PAID", 2_900],
    ]);
  });

  it("bills the ended period's metered overage on the renewal invoice, as Stripe would", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    const db = rows(ctx);
    const sub = await db.subscription();
    const start = (sub.currentPeriodStart as Date).getTime();
    // STARTER includes 10,000 calls a month: 12,500 in the first billed hour are 2,500 over.
    const hour = new Date(Math.ceil(start / 3_600_000) * 3_600_000 + 3_600_000);
    await t.db.usageRollup.create({
      data: { tenantId: ctx.tenant.id, hour, apiKeyId: "", route: "GET /api/v1/ping", count: 12_500 },
    });
    await t.db.usageEvent.create({
      data: {
        tenantId: ctx.tenant.id,
        idempotencyKey: uniq("tokens"),
        eventName: "ai_tokens",
        value: 250_000,
        occurredAt: new Date(hour.getTime() + 60_000),
      },
    });
    const now = new Date((sub.currentPeriodEnd as Date).getTime() + 1_000);
    expect((await advanceLocalSubscriptions(now, { tenantId: ctx.tenant.id })).renewed).toBe(1);

    const renewal = (await db.invoices()).at(-1)!;
    const lines = renewal.lines as { description: string; quantity: number; amount: number; meter?: string }[];
    expect(lines.map((line) => [line.meter ?? null, line.quantity, line.amount])).toEqual([
      [null, 1, 2_900],
      ["api_calls", 2_500, 125], // $0.50 per 1,000
      ["ai_tokens", 250_000, 50], // $0.20 per 100,000
    ]);
    expect(at(lines, 1).description).toMatch(/API calls over the plan's quota, .+: 2,500 at \$0\.50 per 1,000/);
    expect(renewal).toMatchObject({ status: "PAID", total: 3_075, amountPaid: 3_075 });
    expect((await db.payments()).at(-1)).toMatchObject({ status: "SUCCEEDED", amount: 3_075 });
    const portal = await loadBillingPortal(ctx);
    expect(portal.invoices.find((invoice) => invoice.number === renewal.number)).toMatchObject({
      overage: 175,
      total: 3_075,
    });
    const pdf = await invoiceDownload(ctx, renewal.id);
    expect(pdf.kind).toBe("pdf");
  });

  it("warns before a trial ends and starts charging when it does", async () => {
    const ctx = await trialTenant();
    await checkout(ctx, "PROFESSIONAL");
    const db = rows(ctx);
    const trialEnd = (await db.subscription()).trialEnd as Date;
    await advanceLocalSubscriptions(new Date(trialEnd.getTime() - 2 * DAY_MS), { tenantId: ctx.tenant.id });
    expect((await db.account()).trialEndingNotifiedAt).not.toBeNull();
    const report = await advanceLocalSubscriptions(new Date(trialEnd.getTime() + 1_000), { tenantId: ctx.tenant.id });
    expect(report.renewed).toBe(1);
    const sub = await db.subscription();
    expect(sub).toMatchObject({ status: "ACTIVE", currentPeriodStart: trialEnd });
    expect((await db.payments()).map((p) => [p.status, p.amount])).toEqual([["SUCCEEDED", 9_900]]);
  });

  it("ends a subscription set to cancel at its period end and drops the workspace to Free", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    await subscriptions.cancelSubscription(ctx, { nonce: uniq("n") });
    const db = rows(ctx);
    const end = (await db.subscription()).currentPeriodEnd as Date;
    const report = await advanceLocalSubscriptions(new Date(end.getTime() + 1_000), { tenantId: ctx.tenant.id });
    expect(report).toEqual({ renewed: 0, canceled: 1, failed: 0 });
    expect(await db.subscription()).toMatchObject({ status: "CANCELED", canceledAt: end });
    expect((await db.tenant()).tier).toBe("FREE");
  });

  it("fails on a card ending 0002: PAST_DUE and dunning, retried daily, recovered by a new card", async () => {
    const ctx = await tenantWithOwner(t.db);
    await checkout(ctx);
    await updateLocalPaymentMethod(ctx, { ...DECLINE, nonce: uniq("nonce") });
    const db = rows(ctx);
    expect((await db.account()).paymentMethod).toMatchObject({ last4: "0002" });
    const end = ((await db.subscription()).currentPeriodEnd as Date).getTime();

    const first = new Date(end + 1_000);
    expect(await advanceLocalSubscriptions(first, { tenantId: ctx.tenant.id })).toEqual({
      renewed: 0,
      canceled: 0,
      failed: 1,
    });
    expect((await db.subscription()).status).toBe("PAST_DUE");
    expect((await db.tenant()).tier).toBe("STARTER");
    const account = await db.account();
    expect(account.pastDueSince).toEqual(first);
    expect(account.graceEndsAt).toEqual(new Date(first.getTime() + DUNNING_GRACE_DAYS * DAY_MS));

    // Not retried within the day; retried the next day.
    expect((await advanceLocalSubscriptions(new Date(end + 3_600_000), { tenantId: ctx.tenant.id })).failed).toBe(0);
    expect((await advanceLocalSubscriptions(new Date(end + DAY_MS + 2_000), { tenantId: ctx.tenant.id })).failed).toBe(
      1,
    );
    expect((await db.payments()).map((p) => p.status)).toEqual(["SUCCEEDED", "FAILED", "FAILED"]);

    // A good card is charged at once and ends the dunning.
    const saved = await updateLocalPaymentMethod(
      ctx,
      { ...GOOD, nonce: uniq("nonce") },
      new Date(end + DAY_MS + 60_000),
    );
    expect(saved.retried).toEqual({ renewed: 1, failed: 0 });
    expect((await db.subscription()).status).toBe("ACTIVE");
    expect((await db.invoices()).map((i) => i.status)).toEqual(["PAID", "PAID"]);
    expect(await db.account()).toMatchObject({ pastDueSince: null, graceEndsAt: null });
  });
});
