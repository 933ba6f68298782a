// Every PayPal webhook family through the real route handler, in both verification modes: "api"
// (the fake PayPal checks the signature) and "offline" (the committed test certificate, served by
// a local certificate host). Subscriptions drive the tier and the version history; failed
// payments start dunning and sales end it; orders and captures record money and invoices;
// refunds and reversals reduce payments; payout items follow their webhooks. Duplicates change
// nothing and an older state arriving late never wins.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  // Processed before the route answers, so each delivery's outcome is in its response
  // (the queue and its workers: tests/integration/webhook-queue.test.ts).
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_SECRET_KEY: undefined,
    WEBHOOK_PROCESSING: "inline",
  }),
);

const route = await import("@/app/api/webhooks/paypal/route");
const { setPaypalCertificateSource } = await import("@/lib/billing/paypal/verify");
const { syncPaypalCatalog } = await import("@/lib/billing/paypal/sync");
const { createPayoutBatch } = await import("@/lib/billing/payouts");
const fixtures = await import("../fixtures/fake-paypal");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

type Fake = Awaited<ReturnType<typeof fixtures.startFakePaypal>>;
type CertServer = Awaited<ReturnType<typeof fixtures.startCertServer>>;
type Json = Record<string, unknown>;

let t: Awaited<ReturnType<typeof openTestDb>>;
let fake: Fake;
let certs: CertServer;

const deliver = (event: Json) => fixtures.deliverWebhook(route.POST, event);
const planId = (key: string) => {
  const plan = [...fake.plans.values()].find((p) => p.name === key);
  if (!plan) throw new Error(`no plan ${key}`);
  return String(plan.id);
};
const iso = (day: number, hour = 0) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
const newId = (prefix: string) => `${prefix}-${uniq().toUpperCase()}`;

beforeAll(async () => {
  t = await openTestDb();
  fake = await fixtures.startFakePaypal();
  Object.assign(settings.env, fixtures.paypalSettings(fake));
  certs = await fixtures.startCertServer({
    "/v1/notifications/certs/CERT-tessera-test": fixtures.TEST_CERT_PEM,
  });
  setPaypalCertificateSource({ fetch: async (url) => (await fetch(`${certs.url}${url.pathname}`)).text() });
  await syncPaypalCatalog();
});
afterAll(async () => {
  setPaypalCertificateSource(null);
  await certs.close();
  await fake.close();
  await t.close();
});

describe.each(["api", "offline"] as const)("PayPal webhooks, %s verification", (mode) => {
  beforeEach(() => {
    settings.env.PAYPAL_WEBHOOK_VERIFICATION = mode;
  });

  it("follows a subscription from creation to cancellation, and to expiry", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = newId("I");
    const professional = planId("tessera_professional_month_usd");
    const enterprise = planId("tessera_enterprise_month_usd");
    const sub = (
      status: string,
      time: string,
      extra: Partial<Parameters<typeof fixtures.subscriptionResource>[0]> = {},
    ) =>
      fixtures.subscriptionResource({
        id,
        planId: professional,
        customId: ctx.tenant.id,
        status,
        time,
        createTime: iso(1),
        ...extra,
      });
    const steps: [string, Json, string, string][] = [
      ["BILLING.SUBSCRIPTION.CREATED", sub("APPROVAL_PENDING", iso(1)), "INCOMPLETE", "FREE"],
      [
        "BILLING.SUBSCRIPTION.ACTIVATED",
        sub("ACTIVE", iso(1, 1), { nextBillingTime: iso(31) }),
        "ACTIVE",
        "PROFESSIONAL",
      ],
      [
        "BILLING.SUBSCRIPTION.UPDATED",
        sub("ACTIVE", iso(2), { planId: enterprise, nextBillingTime: iso(31) }),
        "ACTIVE",
        "ENTERPRISE",
      ],
      ["BILLING.SUBSCRIPTION.SUSPENDED", sub("SUSPENDED", iso(3), { planId: enterprise }), "PAST_DUE", "ENTERPRISE"],
      ["BILLING.SUBSCRIPTION.CANCELLED", sub("CANCELLED", iso(4), { planId: enterprise }), "CANCELED", "FREE"],
    ];
    for (const [type, resource, status, tier] of steps) {
      const res = await deliver(fixtures.webhookEvent(type, resource));
      expect(res.status, type).toBe(200);
      expect(res.json.outcome, type).toBe("processed");
      const row = await t.db.subscription.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
      });
      expect(row.status, type).toBe(status);
      expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier, type).toBe(tier);
    }
    const row = await t.db.subscription.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
    });
    expect(row).toMatchObject({
      tier: "ENTERPRISE",
      unitAmount: 49_900,
      currency: "usd",
      canceledAt: new Date(iso(4)),
    });
    const versions = await t.db.subscriptionVersion.findMany({
      where: { subscriptionId: row.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(versions.map((v) => [v.status, v.mrr])).toEqual([
      ["INCOMPLETE", 0],
      ["ACTIVE", 9_900],
      ["ACTIVE", 49_900],
      ["PAST_DUE", 49_900],
      ["CANCELED", 0],
    ]);

    const yearly = newId("I");
    const yearlyPlan = planId("tessera_starter_year_eur");
    for (const [type, status, time] of [
      ["BILLING.SUBSCRIPTION.ACTIVATED", "ACTIVE", iso(5)],
      ["BILLING.SUBSCRIPTION.EXPIRED", "EXPIRED", iso(6)],
    ] as const) {
      const resource = fixtures.subscriptionResource({
        id: yearly,
        planId: yearlyPlan,
        customId: ctx.tenant.id,
        status,
        time,
      });
      expect((await deliver(fixtures.webhookEvent(type, resource))).status).toBe(200);
    }
    expect(
      await t.db.subscription.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: yearly } },
      }),
    ).toMatchObject({ status: "EXPIRED", interval: "YEAR", currency: "eur", unitAmount: 27_000 });
  });

  it("never grants the tier to a subscription off the catalog, and takes it back on a tampered revision", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = newId("I");
    const professional = planId("tessera_professional_month_usd");
    const sub = (time: string, extra: Record<string, unknown> = {}) => ({
      ...fixtures.subscriptionResource({ id, planId: professional, customId: ctx.tenant.id, status: "ACTIVE", time }),
      ...extra,
    });
    const tierOf = async () => (await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier;
    const statusOf = async () =>
      (
        await t.db.subscription.findUniqueOrThrow({
          where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
        })
      ).status;

    await deliver(fixtures.webhookEvent("BILLING.SUBSCRIPTION.ACTIVATED", sub(iso(10), { quantity: "10" })));
    expect(await statusOf()).toBe("INCOMPLETE");
    expect(await tierOf()).toBe("FREE");
    await deliver(fixtures.webhookEvent("BILLING.SUBSCRIPTION.UPDATED", sub(iso(11))));
    expect(await statusOf()).toBe("ACTIVE");
    expect(await tierOf()).toBe("PROFESSIONAL");
    await deliver(fixtures.webhookEvent("BILLING.SUBSCRIPTION.UPDATED", sub(iso(12), { plan_overridden: true })));
    expect(await statusOf()).toBe("INCOMPLETE");
    expect(await tierOf()).toBe("FREE");
  });

  it("keeps the newer state when an older one arrives late, and ignores duplicates", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = newId("I");
    const plan = planId("tessera_starter_month_usd");
    const cancelled = fixtures.webhookEvent(
      "BILLING.SUBSCRIPTION.CANCELLED",
      fixtures.subscriptionResource({
        id,
        planId: plan,
        customId: ctx.tenant.id,
        status: "CANCELLED",
        time: iso(10),
        createTime: iso(8),
      }),
    );
    const activated = fixtures.webhookEvent(
      "BILLING.SUBSCRIPTION.ACTIVATED",
      fixtures.subscriptionResource({
        id,
        planId: plan,
        customId: ctx.tenant.id,
        status: "ACTIVE",
        time: iso(8, 1),
        createTime: iso(8),
      }),
    );
    expect((await deliver(cancelled)).json.outcome).toBe("processed");
    expect((await deliver(activated)).json.outcome).toBe("processed");
    expect((await deliver(activated)).json.outcome).toBe("duplicate");
    expect((await deliver(cancelled)).json.outcome).toBe("duplicate");
    const row = await t.db.subscription.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
    });
    expect(row.status).toBe("CANCELED");
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier).toBe("FREE");
    const versions = await t.db.subscriptionVersion.findMany({
      where: { subscriptionId: row.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(versions.map((v) => v.status)).toEqual(["ACTIVE", "CANCELED"]);
    expect(
      await t.db.webhookEvent.count({
        where: { provider: "PAYPAL", eventId: { in: [String(cancelled.id), String(activated.id)] } },
      }),
    ).toBe(2);
  });

  it("records a failed renewal once (dunning starts), a completed sale (dunning ends), a refund and a reversal", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = newId("I");
    const plan = planId("tessera_professional_month_usd");
    const base = { id, planId: plan, customId: ctx.tenant.id, createTime: iso(1) };
    await deliver(
      fixtures.webhookEvent(
        "BILLING.SUBSCRIPTION.ACTIVATED",
        fixtures.subscriptionResource({ ...base, status: "ACTIVE", time: iso(1, 1), nextBillingTime: iso(12) }),
      ),
    );
    const failedAt = iso(12, 3);
    const failed = fixtures.webhookEvent(
      "BILLING.SUBSCRIPTION.PAYMENT.FAILED",
      fixtures.subscriptionResource({
        ...base,
        status: "ACTIVE",
        time: failedAt,
        nextBillingTime: iso(12),
        failedPayments: 1,
        lastFailedPayment: {
          amount: { currency_code: "USD", value: "99.00" },
          time: failedAt,
          reason_code: "PAYMENT_DENIED",
          next_payment_retry_time: iso(15),
        },
      }),
    );
    expect((await deliver(failed)).json.outcome).toBe("processed");
    expect((await deliver(failed)).json.outcome).toBe("duplicate");
    const failures = await t.db.payment.findMany({ where: { tenantId: ctx.tenant.id, status: "FAILED" } });
    expect(failures).toEqual([
      expect.objectContaining({
        providerId: `${id}:failed:${failedAt}`,
        amount: 9_900,
        failureMessage: "PAYMENT_DENIED",
      }),
    ]);
    expect((await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } })).pastDueSince).toEqual(
      new Date(failedAt),
    );
    expect(
      (
        await t.db.subscription.findUniqueOrThrow({
          where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
        })
      ).status,
    ).toBe("PAST_DUE");

    // PayPal retries and collects: the sale's handler re-reads the subscription (period moved on).
    const paidAt = iso(15, 2);
    fake.subscriptions.set(
      id,
      fixtures.subscriptionResource({
        ...base,
        status: "ACTIVE",
        time: paidAt,
        nextBillingTime: new Date(Date.UTC(2026, 3, 12)).toISOString(),
        lastPayment: { amount: { currency_code: "USD", value: "99.00" }, time: paidAt },
      }),
    );
    const saleId = newId("SALE");
    const sale = fixtures.webhookEvent(
      "PAYMENT.SALE.COMPLETED",
      fixtures.saleResource({ id: saleId, subscriptionId: id, total: "99.00", currency: "USD", time: paidAt }),
    );
    expect((await deliver(sale)).json.outcome).toBe("processed");
    expect(
      await t.db.payment.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: saleId } },
      }),
    ).toMatchObject({
      status: "SUCCEEDED",
      amount: 9_900,
      currency: "usd",
      invoiceProviderId: saleId,
    });
    const invoice = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: saleId } },
    });
    expect(invoice).toMatchObject({
      status: "PAID",
      total: 9_900,
      amountPaid: 9_900,
      subscriptionProviderId: id,
      periodStart: new Date(paidAt),
      periodEnd: new Date(Date.UTC(2026, 3, 15, 2)),
      pdfUrl: null,
    });
    expect(invoice.lines).toEqual([
      { description: "Tessera Professional (monthly)", quantity: 1, unitAmount: 9_900, amount: 9_900 },
    ]);
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account.pastDueSince).toBeNull();
    expect(
      await t.db.subscription.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
      }),
    ).toMatchObject({ status: "ACTIVE", currentPeriodEnd: new Date(Date.UTC(2026, 3, 12)) });

    const refund = fixtures.webhookEvent(
      "PAYMENT.SALE.REFUNDED",
      fixtures.saleRefundResource({ saleId, total: "10.00", currency: "USD", time: iso(16) }),
    );
    expect((await deliver(refund)).json.outcome).toBe("processed");
    const reversal = fixtures.webhookEvent("PAYMENT.SALE.REVERSED", {
      id: newId("REV"),
      state: "completed",
      amount: { total: "-89.00", currency: "USD" },
      sale_id: saleId,
      reason_code: "CHARGEBACK",
      create_time: iso(17),
      update_time: iso(17),
    });
    expect((await deliver(reversal)).json.outcome).toBe("processed");
    const refunds = await t.db.refund.findMany({ where: { tenantId: ctx.tenant.id }, orderBy: { amount: "asc" } });
    expect(refunds.map((r) => [r.amount, r.paymentProviderId, r.status])).toEqual([
      [1_000, saleId, "completed"],
      [8_900, saleId, "reversed"],
    ]);
    expect(
      (
        await t.db.payment.findUniqueOrThrow({
          where: { provider_providerId: { provider: "PAYPAL", providerId: saleId } },
        })
      ).amountRefunded,
    ).toBe(9_900);
  });

  it("records an approved order, its capture (payment and paid invoice), a refund, a dispute, a reversal and a denied capture", async () => {
    const ctx = await tenantWithOwner(t.db);
    const orderId = newId("ORDER");
    const amount = { currency_code: "EUR", value: "19.99" };
    const order = {
      id: orderId,
      status: "APPROVED",
      intent: "CAPTURE",
      purchase_units: [{ reference_id: "ord_test", custom_id: ctx.tenant.id, description: "Setup fee", amount }],
      create_time: iso(20),
      update_time: iso(20, 1),
      links: [],
    };
    expect((await deliver(fixtures.webhookEvent("CHECKOUT.ORDER.APPROVED", order))).json.outcome).toBe("processed");
    const where = { provider_providerId: { provider: "PAYPAL" as const, providerId: orderId } };
    expect(await t.db.order.findUniqueOrThrow({ where })).toMatchObject({
      status: "APPROVED",
      amount: 1_999,
      currency: "eur",
      description: "Setup fee",
      tenantId: ctx.tenant.id,
    });

    const captureId = newId("CAPTURE");
    const capture = fixtures.captureResource({
      id: captureId,
      orderId,
      amount,
      customId: ctx.tenant.id,
      time: iso(20, 2),
    });
    expect((await deliver(fixtures.webhookEvent("PAYMENT.CAPTURE.COMPLETED", capture))).json.outcome).toBe("processed");
    expect(await t.db.order.findUniqueOrThrow({ where })).toMatchObject({
      status: "COMPLETED",
      captureProviderId: captureId,
    });
    const paymentWhere = { provider_providerId: { provider: "PAYPAL" as const, providerId: captureId } };
    expect(await t.db.payment.findUniqueOrThrow({ where: paymentWhere })).toMatchObject({
      status: "SUCCEEDED",
      amount: 1_999,
      orderProviderId: orderId,
    });
    const invoice = await t.db.invoice.findUniqueOrThrow({ where: paymentWhere });
    expect(invoice).toMatchObject({ status: "PAID", total: 1_999, currency: "eur" });
    expect(invoice.lines).toEqual([{ description: "Setup fee", quantity: 1, unitAmount: 1_999, amount: 1_999 }]);

    // The refund names only its capture (the "up" link): the tenant is found through the payment.
    const refund = fixtures.captureRefundResource({
      captureId,
      amount: { currency_code: "EUR", value: "5.00" },
      time: iso(21),
    });
    expect((await deliver(fixtures.webhookEvent("PAYMENT.CAPTURE.REFUNDED", refund))).json.outcome).toBe("processed");
    expect(await t.db.refund.findMany({ where: { tenantId: ctx.tenant.id } })).toEqual([
      expect.objectContaining({ amount: 500, paymentProviderId: captureId, currency: "eur" }),
    ]);
    expect((await t.db.payment.findUniqueOrThrow({ where: paymentWhere })).amountRefunded).toBe(500);

    // A buyer disputes the capture: opened, resolved in the buyer's favour; a late UPDATED changes nothing.
    const disputeId = newId("PP-D");
    const disputeState = (type: string, status: string, time: string, outcome?: string) =>
      fixtures.webhookEvent(
        type,
        fixtures.disputeResource({
          id: disputeId,
          transactionId: captureId,
          amount: { currency_code: "EUR", value: "14.99" },
          status,
          outcome,
          createTime: iso(23),
          time,
        }),
      );
    for (const event of [
      disputeState("CUSTOMER.DISPUTE.CREATED", "OPEN", iso(23)),
      disputeState("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", iso(25), "RESOLVED_BUYER_FAVOUR"),
      disputeState("CUSTOMER.DISPUTE.UPDATED", "UNDER_REVIEW", iso(24)),
    ]) {
      expect((await deliver(event)).json.outcome).toBe("processed");
    }
    expect(
      await t.db.dispute.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: disputeId } },
      }),
    ).toMatchObject({ tenantId: ctx.tenant.id, paymentProviderId: captureId, amount: 1_499, status: "lost" });
    expect((await t.db.payment.findUniqueOrThrow({ where: paymentWhere })).disputed).toBe(true);

    // PayPal takes the rest back (a reversal of the capture): recorded as a refund.
    const reversal = fixtures.captureRefundResource({
      captureId,
      amount: { currency_code: "EUR", value: "-14.99" },
      time: iso(26),
    });
    expect((await deliver(fixtures.webhookEvent("PAYMENT.CAPTURE.REVERSED", reversal))).json.outcome).toBe("processed");
    expect(
      await t.db.refund.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: String(reversal.id) } },
      }),
    ).toMatchObject({ amount: 1_499, status: "reversed", reason: "reversed", paymentProviderId: captureId });
    expect((await t.db.payment.findUniqueOrThrow({ where: paymentWhere })).amountRefunded).toBe(1_999);

    const deniedOrder = newId("ORDER");
    const denied = fixtures.captureResource({
      orderId: deniedOrder,
      amount,
      customId: ctx.tenant.id,
      status: "DECLINED",
      time: iso(22),
    });
    expect((await deliver(fixtures.webhookEvent("PAYMENT.CAPTURE.DENIED", denied))).json.outcome).toBe("processed");
    expect(
      await t.db.order.findUniqueOrThrow({
        where: { provider_providerId: { provider: "PAYPAL", providerId: deniedOrder } },
      }),
    ).toMatchObject({ status: "DENIED" });
    // A declined one-off capture is not a failed renewal: no payment, no dunning.
    expect(await t.db.payment.count({ where: { tenantId: ctx.tenant.id } })).toBe(1);
    expect(
      (await t.db.billingAccount.findUnique({ where: { tenantId: ctx.tenant.id } }))?.pastDueSince ?? null,
    ).toBeNull();
  });

  it("moves each payout item to the status its webhook reports", async () => {
    const operator = { id: "operator", email: "ops@example.test", name: "Ops", isPlatformAdmin: true };
    const suffixes = Object.keys((await import("@/lib/billing/paypal/handlers/payouts")).PAYOUT_ITEM_STATUSES);
    const { batchId } = await createPayoutBatch(operator, {
      nonce: `webhooks-${uniq("payout")}`,
      items: suffixes.map((_, i) => ({
        receiver: `payee${i}@example.test`,
        amount: 1_000 + i,
        currency: "usd" as const,
      })),
    });
    const batch = await t.db.payoutBatch.findUniqueOrThrow({
      where: { id: batchId },
      include: { items: { orderBy: { amount: "asc" } } },
    });
    expect(batch.providerBatchId).toBeTruthy();
    for (const [i, suffix] of suffixes.entries()) {
      const resource = fixtures.payoutItemResource({
        senderItemId: at(batch.items, i).senderItemId,
        batchId: String(batch.providerBatchId),
        status: suffix,
        time: iso(23, i),
      });
      const res = await deliver(fixtures.webhookEvent(`PAYMENT.PAYOUTS-ITEM.${suffix}`, resource));
      expect(res.json.outcome, suffix).toBe("processed");
    }
    const items = await t.db.payoutItem.findMany({ where: { batchId }, orderBy: { amount: "asc" } });
    expect(items.map((item) => item.status)).toEqual([
      "BLOCKED",
      "CANCELED",
      "DENIED",
      "FAILED",
      "ONHOLD",
      "REFUNDED",
      "RETURNED",
      "SUCCESS",
      "UNCLAIMED",
    ]);
    expect(items.every((item) => item.providerItemId?.startsWith("PAYOUTITEM"))).toBe(true);
  });
});
