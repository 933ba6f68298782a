// Dunning: a tenant still past due when its grace period ends loses its subscription (canceled at
// the provider, once) and its tier (FREE, audited, auth epoch bumped, billing contacts emailed);
// inside the grace period, or once a payment has succeeded, nothing happens; a second run does
// nothing more. Also the billing cron: each step's failure is reported without stopping the others.
import { randomBytes } from "node:crypto";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SubscriptionProvider, SubscriptionRef } from "@/lib/billing/provider";
import type { Env } from "@/lib/env";
import { at as nth } from "../helpers/indexed";
import { DAY_MS } from "@/lib/calendar";

const mocks = vi.hoisted(() => ({
  env: undefined as unknown as Env,
  cancelNow: vi.fn<(subscription: SubscriptionRef, idempotencyKey: string) => Promise<void>>(),
  renewals: vi.fn<(now?: Date) => Promise<{ renewed: number; canceled: number; failed: number }>>(),
  sendEmail: vi.fn<(message: { to: string; subject: string; text: string }) => Promise<unknown>>(),
}));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(
    importOriginal,
    mocks,
    { CRON_SECRET: undefined, BILLING_GRACE_DAYS: 7, PAYPAL_CLIENT_ID: undefined, PAYPAL_CLIENT_SECRET: undefined },
    { keyPrefix: "dunning" },
  ),
);
// Every provider is a recording fake: the test is about what dunning asks of it.
vi.mock("@/lib/billing/provider-registry", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/billing/provider-registry")>();
  return {
    ...actual,
    subscriptionProvider: (id: SubscriptionProvider["id"]) => ({
      ...actual.subscriptionProvider(id),
      cancelNow: mocks.cancelNow,
    }),
  };
});
vi.mock("@/lib/billing/local/renewals", () => ({ advanceLocalSubscriptions: mocks.renewals }));
vi.mock("@/lib/email/send", () => ({ sendEmail: mocks.sendEmail }));

const { DUNNING_AUDIT_ACTION, downgradeLapsedAccounts, runBillingJobs } = await import("@/lib/billing/dunning");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const { getRedis } = await import("@/lib/cache/redis");
const { redisKeys, tenantTag } = await import("@/lib/usage/keys");
const billingRoute = await import("@/app/api/cron/billing/route");
const { call, tenantWithOwner } = await import("../helpers/api");
const { localDelivery, paymentState, subscriptionState } = await import("../helpers/billing");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();
const NOW = new Date("2026-05-12T00:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

beforeEach(() => {
  mocks.env.CRON_SECRET = undefined;
  mocks.cancelNow.mockReset().mockResolvedValue(undefined);
  mocks.renewals.mockReset().mockResolvedValue({ renewed: 0, canceled: 0, failed: 0 });
  mocks.sendEmail.mockReset().mockResolvedValue({ delivered: false, transport: "log" });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A PROFESSIONAL tenant whose renewal failed `failedDaysAgo` days ago (and, optionally, was paid later). */
async function pastDueTenant(failedDaysAgo: number, recoveredDaysAgo?: number) {
  const ctx = await tenantWithOwner(t.db);
  const tenantId = ctx.tenant.id;
  const subscriptionId = uniq("sub");
  const failedAt = ago(failedDaysAgo);
  const base = { providerId: subscriptionId, tier: "PROFESSIONAL" as const, unitAmount: 9_900, createdAt: ago(60) };
  await receiveWebhook(
    localDelivery(tenantId, [subscriptionState({ ...base, at: ago(60), currentPeriodStart: ago(60) })]),
  );
  await receiveWebhook(
    localDelivery(tenantId, [
      subscriptionState({ ...base, status: "PAST_DUE", at: failedAt, currentPeriodStart: failedAt }),
      paymentState({
        providerId: uniq("pay"),
        status: "FAILED",
        at: failedAt,
        createdAt: failedAt,
        paidAt: null,
        subscriptionProviderId: subscriptionId,
      }),
    ]),
  );
  if (recoveredDaysAgo !== undefined) {
    const paidAt = ago(recoveredDaysAgo);
    await receiveWebhook(
      localDelivery(tenantId, [
        subscriptionState({ ...base, status: "ACTIVE", at: paidAt, currentPeriodStart: failedAt }),
        paymentState({
          providerId: uniq("pay"),
          at: paidAt,
          createdAt: paidAt,
          paidAt,
          subscriptionProviderId: subscriptionId,
        }),
      ]),
    );
  }
  const subscription = await t.db.subscription.findUniqueOrThrow({
    where: { provider_providerId: { provider: "LOCAL", providerId: subscriptionId } },
  });
  expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("PROFESSIONAL");
  return { tenantId, subscription, ownerEmail: ctx.user.email };
}

const tierOf = async (tenantId: string) => (await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier;
const dunningAudits = (tenantId: string) =>
  t.db.auditLog.findMany({ where: { tenantId, action: DUNNING_AUDIT_ACTION } });
async function epoch(tenantId: string): Promise<number> {
  return Number((await (await getRedis()).get(redisKeys.authEpoch(tenantTag(tenantId)))) ?? 0);
}

describe("dunning downgrade", () => {
  it("leaves a past-due tenant alone inside its grace period", async () => {
    const { tenantId } = await pastDueTenant(2);
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } });
    expect(account.graceEndsAt?.toISOString()).toBe(new Date(ago(2).getTime() + 7 * DAY_MS).toISOString());

    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toEqual({
      lapsed: 0,
      downgraded: 0,
      failed: 0,
    });
    expect(mocks.cancelNow).not.toHaveBeenCalled();
    expect(await tierOf(tenantId)).toBe("PROFESSIONAL");
  });

  it("after the grace period: cancels at the provider once, moves to FREE with an audit entry, and mails", async () => {
    const { tenantId, subscription, ownerEmail } = await pastDueTenant(10);
    const epochBefore = await epoch(tenantId);

    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toEqual({
      lapsed: 1,
      downgraded: 1,
      failed: 0,
    });
    expect(mocks.cancelNow).toHaveBeenCalledTimes(1);
    expect(mocks.cancelNow).toHaveBeenCalledWith(
      expect.objectContaining({
        tenantId,
        providerId: subscription.providerId,
        status: "PAST_DUE",
        tier: "PROFESSIONAL",
      }),
      `dunning:${subscription.id}`,
    );
    expect(await tierOf(tenantId)).toBe("FREE");
    const canceled = await t.db.subscription.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: subscription.id } },
    });
    expect(canceled).toMatchObject({ status: "CANCELED", canceledAt: NOW });
    const versions = await t.db.subscriptionVersion.findMany({
      where: { subscriptionId: subscription.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(versions.map((v) => [v.status, v.mrr])).toEqual([
      ["ACTIVE", 9_900],
      ["PAST_DUE", 9_900],
      ["CANCELED", 0],
    ]);
    const audits = await dunningAudits(tenantId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      targetType: "subscription",
      targetId: subscription.id,
      actorEmail: "billing dunning",
      after: { status: "CANCELED", tenantTier: "FREE", graceDays: 7 },
    });
    expect(
      await t.db.auditLog.count({
        where: { tenantId, action: "billing.tier_changed", after: { path: ["tier"], equals: "FREE" } },
      }),
    ).toBe(1);
    expect(await epoch(tenantId)).toBeGreaterThan(epochBefore);
    expect(mocks.sendEmail).toHaveBeenCalledTimes(1);
    expect(nth(mocks.sendEmail.mock.calls, 0)[0]).toMatchObject({
      to: ownerEmail.toLowerCase(),
      subject: expect.stringContaining("Free plan"),
    });

    // Nothing live is left to dun (the ledger ends dunning with the last live subscription), and
    // a second run does nothing more.
    expect((await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } })).pastDueSince).toBeNull();
    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toEqual({
      lapsed: 0,
      downgraded: 0,
      failed: 0,
    });
    expect(mocks.cancelNow).toHaveBeenCalledTimes(1);
    expect(mocks.sendEmail).toHaveBeenCalledTimes(1);
    expect(await dunningAudits(tenantId)).toHaveLength(1);
  });

  it("does not downgrade a tenant whose payment succeeded after the failure", async () => {
    const { tenantId } = await pastDueTenant(10, 8);
    expect((await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } })).pastDueSince).toBeNull();
    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toMatchObject({
      lapsed: 0,
      downgraded: 0,
    });
    expect(mocks.cancelNow).not.toHaveBeenCalled();
    expect(await tierOf(tenantId)).toBe("PROFESSIONAL");
  });

  it("changes nothing when the provider cannot cancel, and succeeds on the next run", async () => {
    const { tenantId, subscription } = await pastDueTenant(9);
    mocks.cancelNow.mockRejectedValueOnce(new Error("provider unavailable"));
    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toMatchObject({
      downgraded: 0,
      failed: 1,
    });
    expect(await tierOf(tenantId)).toBe("PROFESSIONAL");
    expect(await dunningAudits(tenantId)).toHaveLength(0);

    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toMatchObject({
      downgraded: 1,
      failed: 0,
    });
    expect(mocks.cancelNow.mock.calls.map((c) => c[1])).toEqual([
      `dunning:${subscription.id}`,
      `dunning:${subscription.id}`,
    ]);
    expect(await tierOf(tenantId)).toBe("FREE");
  });

  it("handles a provider that records the cancellation itself before answering (the local one does)", async () => {
    const { tenantId, subscription } = await pastDueTenant(12);
    mocks.cancelNow.mockImplementation(async (ref) => {
      const at = new Date(NOW.getTime() - 1_000);
      await receiveWebhook(
        localDelivery(ref.tenantId, [
          subscriptionState({
            providerId: ref.providerId,
            tier: "PROFESSIONAL",
            unitAmount: 9_900,
            status: "CANCELED",
            at,
            canceledAt: at,
            createdAt: subscription.providerCreatedAt,
          }),
        ]),
      );
    });
    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toMatchObject({ downgraded: 1 });
    expect(await tierOf(tenantId)).toBe("FREE");
    expect(await dunningAudits(tenantId)).toHaveLength(1);
    expect(mocks.sendEmail).toHaveBeenCalledTimes(1);
    // The provider's own state was kept: no second cancellation version on top of it.
    expect(
      await t.db.subscriptionVersion.count({ where: { subscriptionId: subscription.id, status: "CANCELED" } }),
    ).toBe(1);
    expect(await downgradeLapsedAccounts({ now: NOW, tenantIds: [tenantId] })).toMatchObject({ downgraded: 0 });
  });
});

describe("the billing cron", () => {
  it("reports a failing step and still runs the others", async () => {
    mocks.renewals.mockRejectedValueOnce(new Error("renewals exploded"));
    // Long before any test data: every step runs, none finds work (the database is shared).
    const result = await runBillingJobs(new Date("2001-01-01T00:00:00Z"));
    expect(result).toEqual({
      ok: false,
      webhooks: { processed: 0, duplicate: 0, ignored: 0, failed: 0 },
      localRenewals: { error: "renewals exploded" },
      paypalCancellations: { canceled: 0, failed: 0 },
      downgrades: { lapsed: 0, downgraded: 0, failed: 0 },
    });
    expect(mocks.renewals).toHaveBeenCalledTimes(1);
  });

  it("POST /api/cron/billing answers 401 without the secret and the jobs' results with it", async () => {
    const secret = `cron-${randomBytes(16).toString("hex")}`;
    mocks.env.CRON_SECRET = secret;
    expect(billingRoute.GET).toBe(billingRoute.POST); // Vercel Cron sends GET
    expect((await call(billingRoute.POST, "POST", "/api/cron/billing")).status).toBe(401);
    expect((await call(billingRoute.POST, "POST", "/api/cron/billing", { key: `${secret}x` })).status).toBe(401);
    expect(mocks.renewals).not.toHaveBeenCalled();

    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2001-01-01T00:00:00Z") });
    const response = await call(billingRoute.POST, "POST", "/api/cron/billing", { key: secret });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      ok: true,
      webhooks: { processed: 0, duplicate: 0, ignored: 0, failed: 0 },
      localRenewals: { renewed: 0, canceled: 0, failed: 0 },
      paypalCancellations: { canceled: 0, failed: 0 },
      downgrades: { lapsed: 0, downgraded: 0, failed: 0 },
    });
    expect(mocks.renewals).toHaveBeenCalledWith(new Date("2001-01-01T00:00:00Z"));
  });
});
