// Money when a tenant goes away: deleting a tenant cancels its provider subscriptions first (a
// provider that cannot cancel stops the deletion, nothing changes); the purge keeps the tenant's
// invoices, payments and refunds — anonymised behind a tombstone — and deletes the rest, and a
// purged tenant cannot be restored. A tenant that never had billing records is deleted outright.
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { SubscriptionProvider, SubscriptionRef } from "@/lib/billing/provider";
import { DAY_MS } from "@/lib/calendar";

const mocks = vi.hoisted(() => ({
  cancelNow: vi.fn<(subscription: SubscriptionRef, idempotencyKey: string) => Promise<void>>(),
}));
// Every provider is a recording fake: the test is about what deletion asks of it, and when.
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

const { adminDeleteTenant, adminReactivateTenant, purgeDeletedTenants, DELETE_GRACE_DAYS } =
  await import("@/lib/lifecycle/tenants");
const { loadRevenueReport } = await import("@/lib/billing/reports/revenue");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const { tenantWithOwner } = await import("../helpers/api");
const { testOperator } = await import("../helpers/operator");
const { at, invoiceState, localDelivery, paymentState, subscriptionState } = await import("../helpers/billing");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();
const operator = { id: "operator", email: "ops@example.test" };

beforeEach(() => {
  mocks.cancelNow.mockReset().mockResolvedValue(undefined);
});

/** A paying tenant: a live subscription, its paid invoice and payment, a refund, a card on file, a key. */
async function payingTenant() {
  const ctx = await tenantWithOwner(t.db, "FREE");
  const tenantId = ctx.tenant.id;
  const subscription = uniq("sub");
  const invoice = uniq("in");
  const payment = uniq("py");
  await receiveWebhook(
    localDelivery(tenantId, [
      {
        kind: "customer",
        provider: "LOCAL",
        providerId: `cus_${tenantId}`,
        at: at("2026-01-01T00:00:00Z"),
        deleted: false,
        email: "ap@paying.example",
        name: "Paying GmbH",
        address: { line1: "1 Main St", line2: null, city: "Berlin", postalCode: "10115", state: null, country: "DE" },
        paymentMethod: { brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 },
      },
      subscriptionState({ providerId: subscription, tier: "PROFESSIONAL", unitAmount: 9_900 }),
      invoiceState({
        providerId: invoice,
        subscriptionProviderId: subscription,
        total: 9_900,
        subtotal: 9_900,
        amountPaid: 9_900,
        hostedUrl: "https://invoice.example/hosted",
      }),
      paymentState({ providerId: payment, invoiceProviderId: invoice, amount: 9_900, description: "Professional" }),
      {
        kind: "refund",
        provider: "LOCAL",
        providerId: uniq("re"),
        paymentProviderId: payment,
        at: at("2026-01-05T00:00:00Z"),
        currency: "usd",
        amount: 1_000,
        reason: "requested_by_customer",
        status: "succeeded",
      },
    ]),
  );
  await t.db.apiKey.create({
    data: {
      tenantId,
      kind: "TENANT",
      name: "ci",
      start: "tsk_live_abcd",
      hash: uniq("hash"),
      scopes: ["tenant:read"],
      createdById: ctx.user.id,
    },
  });
  expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("PROFESSIONAL");
  return { ctx, tenantId, subscription, invoice, payment };
}

describe("deleting a tenant", () => {
  it("cancels its live subscriptions at the provider first, and records them canceled", async () => {
    const { tenantId, subscription } = await payingTenant();
    mocks.cancelNow.mockImplementation(async (ref) => {
      // First: the tenant is not deleted yet while the provider is asked.
      expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe("ACTIVE");
      expect(ref).toMatchObject({ tenantId, providerId: subscription, provider: "LOCAL" });
    });
    const deleted = await adminDeleteTenant(operator, tenantId);
    expect(deleted.status).toBe("DELETED");
    expect(mocks.cancelNow).toHaveBeenCalledTimes(1);
    const row = await t.db.subscription.findFirstOrThrow({ where: { tenantId } });
    expect(row.status).toBe("CANCELED");
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("FREE");
  });

  it("changes nothing when the provider cannot cancel", async () => {
    const { tenantId } = await payingTenant();
    mocks.cancelNow.mockRejectedValue(new Error("provider down"));
    await expect(adminDeleteTenant(operator, tenantId)).rejects.toMatchObject({ code: "unavailable" });
    const tenant = await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant).toMatchObject({ status: "ACTIVE", tier: "PROFESSIONAL", deletedAt: null });
    expect((await t.db.subscription.findFirstOrThrow({ where: { tenantId } })).status).toBe("ACTIVE");
    expect(await t.db.auditLog.count({ where: { tenantId, action: "tenant.deleted" } })).toBe(0);
  });
});

describe("purging a deleted tenant", () => {
  it("keeps its invoices, payments and refunds anonymised behind a tombstone, and deletes the rest", async () => {
    const { ctx, tenantId, invoice, payment } = await payingTenant();
    const now = new Date();
    // Deleted long ago: the purge below runs on the real clock and touches no other file's tenants.
    await adminDeleteTenant(operator, tenantId, new Date(now.getTime() - (DELETE_GRACE_DAYS + 5) * DAY_MS));
    const before = {
      invoice: await t.db.invoice.findFirstOrThrow({ where: { tenantId, providerId: invoice } }),
      payment: await t.db.payment.findFirstOrThrow({ where: { tenantId, providerId: payment } }),
      refunds: await t.db.refund.findMany({ where: { tenantId } }),
    };
    const report = async () =>
      JSON.stringify(
        await loadRevenueReport(testOperator(), { tenantIds: [tenantId], from: at("2026-01-01T00:00:00Z"), to: now }),
      );
    const revenue = await report();

    expect(await purgeDeletedTenants(now)).toBeGreaterThanOrEqual(1);

    const tombstone = await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tombstone).toMatchObject({ name: "Deleted workspace", status: "DELETED", purgeAfter: null });
    expect(tombstone.slug).not.toBe(ctx.tenant.slug);
    expect(tombstone.purgedAt).toEqual(now);
    // Accounting records outlive the tenant, with their amounts.
    expect(await t.db.invoice.findFirstOrThrow({ where: { tenantId, providerId: invoice } })).toMatchObject({
      total: before.invoice.total,
      amountPaid: before.invoice.amountPaid,
      number: before.invoice.number,
      hostedUrl: null,
    });
    expect(await t.db.payment.findFirstOrThrow({ where: { tenantId, providerId: payment } })).toMatchObject({
      amount: before.payment.amount,
      amountRefunded: 1_000,
    });
    expect(await t.db.refund.findMany({ where: { tenantId } })).toEqual(before.refunds);
    expect(await report()).toBe(revenue);
    // Who they were is gone.
    expect(await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId } })).toMatchObject({
      email: null,
      name: null,
      address: null,
      paymentMethod: null,
    });
    for (const count of [
      t.db.membership.count({ where: { tenantId } }),
      t.db.auditLog.count({ where: { tenantId } }),
      t.db.apiKey.count({ where: { tenantId } }),
    ]) {
      expect(await count).toBe(0);
    }
    // Once purged, never restored, and never purged again.
    await expect(adminReactivateTenant(operator, tenantId)).rejects.toMatchObject({ code: "conflict" });
    const purgedAgain = await purgeDeletedTenants(new Date(now.getTime() + DAY_MS));
    expect(await t.db.invoice.count({ where: { tenantId } })).toBe(1);
    expect(purgedAgain).toBeGreaterThanOrEqual(0);
  });

  it("deletes a tenant without billing records outright", async () => {
    const ctx = await tenantWithOwner(t.db, "FREE");
    const now = new Date();
    await adminDeleteTenant(operator, ctx.tenant.id, new Date(now.getTime() - (DELETE_GRACE_DAYS + 5) * DAY_MS));
    await purgeDeletedTenants(now);
    expect(await t.db.tenant.count({ where: { id: ctx.tenant.id } })).toBe(0);
  });

  it("leaves a tenant whose subscription cannot be canceled for the next run", async () => {
    const { tenantId } = await payingTenant();
    const now = new Date();
    // Deleted before deletion canceled subscriptions: its subscription is still live.
    await t.db.tenant.update({
      where: { id: tenantId },
      data: {
        status: "DELETED",
        deletedAt: new Date(now.getTime() - 40 * DAY_MS),
        purgeAfter: new Date(now.getTime() - DAY_MS),
      },
    });
    mocks.cancelNow.mockRejectedValue(new Error("provider down"));
    await purgeDeletedTenants(now);
    const tenant = await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.purgedAt).toBeNull();
    expect(await t.db.membership.count({ where: { tenantId } })).toBe(1);

    mocks.cancelNow.mockResolvedValue(undefined);
    await purgeDeletedTenants(now);
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).purgedAt).toEqual(now);
    expect((await t.db.subscription.findFirstOrThrow({ where: { tenantId } })).status).toBe("CANCELED");
  });
});
