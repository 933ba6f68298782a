// The webhook pipeline and the ledger, driven through the local provider's deliveries: duplicates
// change nothing, older states never overwrite newer ones, the tier follows the subscription,
// dunning is derived from payments, and a failure is recorded and retried.
import { describe, expect, it } from "vitest";

import { receiveWebhook, replayWebhookEvent, retryDueWebhooks } from "@/lib/billing/webhooks/intake";
import { withTenant } from "@/lib/db/tenant";

import { tenantWithOwner } from "../helpers/api";
import { at, invoiceState, localDelivery, paymentState, subscriptionState } from "../helpers/billing";
import { setupTestDb, uniq } from "../helpers/db";
import { at as nth } from "../helpers/indexed";

const t = setupTestDb();

describe("webhook pipeline and ledger", () => {
  it("applies a subscription, sets the tier, and treats a second delivery as a duplicate", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = uniq("sub");
    const delivery = localDelivery(ctx.tenant.id, [
      subscriptionState({ providerId: id, tier: "PROFESSIONAL", unitAmount: 9_900 }),
    ]);
    expect(await receiveWebhook(delivery)).toBe("processed");
    expect(await receiveWebhook(delivery)).toBe("duplicate");

    const tenant = await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
    expect(tenant.tier).toBe("PROFESSIONAL");
    const versions = await t.db.subscriptionVersion.findMany({ where: { tenantId: ctx.tenant.id } });
    expect(versions).toHaveLength(1);
    expect(nth(versions, 0).mrr).toBe(9_900);
    const stored = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "LOCAL", eventId: delivery.eventId } },
    });
    expect(stored).toMatchObject({ status: "PROCESSED", tenantId: ctx.tenant.id, attempts: 1 });
  });

  it("keeps the newer state when an older one arrives later, but records both versions", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = uniq("sub");
    const canceled = subscriptionState({
      providerId: id,
      status: "CANCELED",
      at: at("2026-03-01T00:00:00Z"),
      canceledAt: at("2026-03-01T00:00:00Z"),
    });
    const active = subscriptionState({ providerId: id, status: "ACTIVE", at: at("2026-01-01T00:00:00Z") });
    await receiveWebhook(localDelivery(ctx.tenant.id, [canceled]));
    await receiveWebhook(localDelivery(ctx.tenant.id, [active]));

    const sub = await t.db.subscription.findUniqueOrThrow({
      where: { provider_providerId: { provider: "LOCAL", providerId: id } },
    });
    expect(sub.status).toBe("CANCELED");
    const versions = await t.db.subscriptionVersion.findMany({
      where: { subscriptionId: sub.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(versions.map((v) => [v.status, v.mrr])).toEqual([
      ["ACTIVE", 2_900],
      ["CANCELED", 0],
    ]);
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).tier).toBe("FREE");
  });

  it("derives dunning from the subscription's failed and successful payments, whatever the order", async () => {
    const ctx = await tenantWithOwner(t.db);
    // Dunning exists only while a subscription is live, and counts that subscription's payments.
    const live = async (tenantId: string) => {
      const providerId = uniq("sub");
      await receiveWebhook(localDelivery(tenantId, [subscriptionState({ providerId })]));
      return providerId;
    };
    const subscription = await live(ctx.tenant.id);
    const failed = paymentState({
      providerId: uniq("pay"),
      status: "FAILED",
      at: at("2026-02-01T00:00:00Z"),
      createdAt: at("2026-02-01T00:00:00Z"),
      paidAt: null,
      subscriptionProviderId: subscription,
    });
    const paidLater = paymentState({
      providerId: uniq("pay"),
      at: at("2026-02-03T00:00:00Z"),
      createdAt: at("2026-02-03T00:00:00Z"),
      paidAt: at("2026-02-03T00:00:00Z"),
      subscriptionProviderId: subscription,
    });
    await receiveWebhook(localDelivery(ctx.tenant.id, [failed]));
    let account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account.pastDueSince?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(account.graceEndsAt?.toISOString()).toBe("2026-02-08T00:00:00.000Z");

    await receiveWebhook(localDelivery(ctx.tenant.id, [paidLater]));
    account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account.pastDueSince).toBeNull();

    // The same two facts delivered the other way round end in the same state.
    const other = await tenantWithOwner(t.db);
    const otherSubscription = await live(other.tenant.id);
    const mine = { subscriptionProviderId: otherSubscription };
    await receiveWebhook(localDelivery(other.tenant.id, [{ ...paidLater, ...mine, providerId: uniq("pay") }]));
    await receiveWebhook(localDelivery(other.tenant.id, [{ ...failed, ...mine, providerId: uniq("pay") }]));
    const otherAccount = await t.db.billingAccount.findUnique({ where: { tenantId: other.tenant.id } });
    expect(otherAccount?.pastDueSince ?? null).toBeNull();
  });

  it("clears dunning only by the subscription's own invoices and payments, never by a one-off order", async () => {
    const ctx = await tenantWithOwner(t.db);
    const subscription = uniq("sub");
    const renewal = uniq("in");
    await receiveWebhook(
      localDelivery(ctx.tenant.id, [
        subscriptionState({ providerId: subscription, status: "PAST_DUE", at: at("2026-02-01T00:00:00Z") }),
        invoiceState({
          providerId: renewal,
          subscriptionProviderId: subscription,
          status: "OPEN",
          paidAt: null,
          amountPaid: 0,
          amountDue: 2_900,
          at: at("2026-02-01T00:00:00Z"),
        }),
        paymentState({
          providerId: `${renewal}:attempt:1`,
          invoiceProviderId: renewal,
          status: "FAILED",
          paidAt: null,
          at: at("2026-02-01T00:00:00Z"),
          createdAt: at("2026-02-01T00:00:00Z"),
        }),
      ]),
    );
    const pastDue = async () =>
      (await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } })).pastDueSince;
    expect(await pastDue()).toEqual(at("2026-02-01T00:00:00Z"));

    // A one-off order paid, a one-off invoice paid, and an unlinked payment: the renewal is still unpaid.
    const order = uniq("ord");
    await receiveWebhook(
      localDelivery(ctx.tenant.id, [
        paymentState({
          providerId: `${order}_capture`,
          invoiceProviderId: `${order}_capture`,
          orderProviderId: order,
          at: at("2026-02-02T00:00:00Z"),
          paidAt: at("2026-02-02T00:00:00Z"),
        }),
        invoiceState({
          providerId: `${order}_capture`,
          subscriptionProviderId: null,
          at: at("2026-02-02T00:00:00Z"),
          paidAt: at("2026-02-02T00:00:00Z"),
        }),
        paymentState({
          providerId: uniq("pay"),
          invoiceProviderId: null,
          at: at("2026-02-02T00:00:00Z"),
          paidAt: at("2026-02-02T00:00:00Z"),
        }),
      ]),
    );
    expect(await pastDue()).toEqual(at("2026-02-01T00:00:00Z"));

    // The renewal invoice itself paid ends it.
    await receiveWebhook(
      localDelivery(ctx.tenant.id, [
        invoiceState({
          providerId: renewal,
          subscriptionProviderId: subscription,
          status: "PAID",
          at: at("2026-02-03T00:00:00Z"),
          paidAt: at("2026-02-03T00:00:00Z"),
        }),
      ]),
    );
    expect(await pastDue()).toBeNull();
  });

  it("does not dun a workspace without a live subscription, and ends dunning when the subscription ends", async () => {
    const ctx = await tenantWithOwner(t.db);
    const subscription = uniq("sub");
    const failed = paymentState({
      providerId: uniq("pay"),
      status: "FAILED",
      paidAt: null,
      subscriptionProviderId: subscription,
    });
    await receiveWebhook(localDelivery(ctx.tenant.id, [failed]));
    expect(
      (await t.db.billingAccount.findUnique({ where: { tenantId: ctx.tenant.id } }))?.pastDueSince ?? null,
    ).toBeNull();

    await receiveWebhook(
      localDelivery(ctx.tenant.id, [
        subscriptionState({ providerId: subscription, status: "PAST_DUE", at: at("2026-01-02T00:00:00Z") }),
      ]),
    );
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } });
    expect(account.pastDueSince?.toISOString()).toBe("2026-01-01T00:00:00.000Z");

    await receiveWebhook(
      localDelivery(ctx.tenant.id, [
        subscriptionState({ providerId: subscription, status: "CANCELED", at: at("2026-01-09T00:00:00Z") }),
      ]),
    );
    expect(
      (await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } })).pastDueSince,
    ).toBeNull();
  });

  it("accumulates refunds onto the payment whichever arrives first", async () => {
    const ctx = await tenantWithOwner(t.db);
    const paymentId = uniq("pay");
    const refund = {
      kind: "refund" as const,
      provider: "LOCAL" as const,
      providerId: uniq("re"),
      paymentProviderId: paymentId,
      at: at("2026-01-05T00:00:00Z"),
      currency: "usd",
      amount: 900,
      reason: "requested_by_customer",
      status: "succeeded",
    };
    await receiveWebhook(localDelivery(ctx.tenant.id, [refund]));
    await receiveWebhook(localDelivery(ctx.tenant.id, [paymentState({ providerId: paymentId })]));
    const payment = await withTenant(ctx.tenant.id, (tx) =>
      tx.payment.findUniqueOrThrow({ where: { provider_providerId: { provider: "LOCAL", providerId: paymentId } } }),
    );
    expect(payment.amountRefunded).toBe(900);
  });

  it("converges on the card, a refund's status and a dispute's status whatever the order", async () => {
    const card = { brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 };
    const customer = (time: string, paymentMethod?: typeof card | null) => ({
      kind: "customer" as const,
      provider: "LOCAL" as const,
      providerId: "cus_local",
      at: at(time),
      deleted: false,
      email: `billing-${time}@example.test`,
      name: "Billing",
      address: null,
      ...(paymentMethod !== undefined ? { paymentMethod } : {}),
    });
    const refund = (time: string, status: string, id: string) => ({
      kind: "refund" as const,
      provider: "LOCAL" as const,
      providerId: id,
      paymentProviderId: "pay_x",
      at: at(time),
      currency: "usd",
      amount: 500,
      reason: null,
      status,
    });
    const dispute = (status: string, id: string) => ({
      kind: "dispute" as const,
      provider: "LOCAL" as const,
      providerId: id,
      paymentProviderId: "pay_x",
      at: at("2026-01-05T00:00:00Z"),
      currency: "usd",
      amount: 2_900,
      reason: "fraudulent",
      status,
      createdAt: at("2026-01-05T00:00:00Z"),
    });
    const results = [];
    for (const reverse of [false, true]) {
      const ctx = await tenantWithOwner(t.db);
      const refundId = uniq("re");
      const disputeId = uniq("dp");
      const events = [
        customer("2026-01-01T00:00:00Z", card),
        customer("2026-01-02T00:00:00Z"),
        refund("2026-01-03T00:00:00Z", "pending", refundId),
        refund("2026-01-04T00:00:00Z", "succeeded", refundId),
        dispute("needs_response", disputeId),
        dispute("won", disputeId),
      ];
      for (const event of reverse ? [...events].reverse() : events) {
        await receiveWebhook(localDelivery(ctx.tenant.id, [event]));
      }
      const [account, refundRow, disputeRow] = await withTenant(ctx.tenant.id, (tx) =>
        Promise.all([
          tx.billingAccount.findUniqueOrThrow({ where: { tenantId: ctx.tenant.id } }),
          tx.refund.findFirstOrThrow(),
          tx.dispute.findFirstOrThrow(),
        ]),
      );
      results.push({
        email: account.email,
        card: account.paymentMethod,
        refund: [refundRow.status, refundRow.providerCreatedAt.toISOString()],
        dispute: disputeRow.status,
      });
    }
    expect(results[0]).toEqual({
      email: "billing-2026-01-02T00:00:00Z@example.test",
      card,
      refund: ["succeeded", "2026-01-03T00:00:00.000Z"],
      dispute: "won",
    });
    expect(results[1]).toEqual(results[0]);
  });

  it("records an invoice and keeps a paid invoice paid when the open state arrives late", async () => {
    const ctx = await tenantWithOwner(t.db);
    const id = uniq("in");
    await receiveWebhook(
      localDelivery(ctx.tenant.id, [invoiceState({ providerId: id, at: at("2026-01-02T00:00:00Z") })]),
    );
    await receiveWebhook(
      localDelivery(ctx.tenant.id, [
        invoiceState({ providerId: id, status: "OPEN", amountPaid: 0, amountDue: 2_900, paidAt: null }),
      ]),
    );
    const invoice = await t.db.invoice.findUniqueOrThrow({
      where: { provider_providerId: { provider: "LOCAL", providerId: id } },
    });
    expect(invoice).toMatchObject({ status: "PAID", amountPaid: 2_900 });
  });

  it("records a failure for an unknown tenant, retries it when due, and replays on demand", async () => {
    const missing = localDelivery(uniq("no-such-tenant"), [subscriptionState({ providerId: uniq("sub") })]);
    expect(await receiveWebhook(missing)).toBe("failed");
    const row = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "LOCAL", eventId: missing.eventId } },
    });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toMatch(/No tenant/);
    expect(row.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);

    const later = new Date(Date.now() + 2 * 60_000);
    const counts = await retryDueWebhooks({ now: later });
    expect(counts.failed).toBeGreaterThanOrEqual(1);
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(2);
    expect(await replayWebhookEvent(row.id)).toBe("failed");
  });

  it("stores and ignores event types outside the allow-list", async () => {
    const ctx = await tenantWithOwner(t.db);
    const delivery = { ...localDelivery(ctx.tenant.id, []), type: "something.else" };
    expect(await receiveWebhook(delivery)).toBe("ignored");
    expect(await receiveWebhook(delivery)).toBe("duplicate");
  });
});
