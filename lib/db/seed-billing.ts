// Demo billing history for the seed: about eight months of LOCAL-provider events for the paid demo
// workspaces, applied through the real ledger (applyBillingEvents) and recorded as processed webhook
// deliveries, so the portal, the invoice list, the webhook log and the revenue report all show
// something true. The story: Delta upgrades Professional → Enterprise (proration invoice), misses a
// renewal and pays a day later, gets a partial refund and buys a workshop; Bluebird downgrades to
// Starter, leaves, comes back a month later and disputes a charge; Echo pays yearly in EUR; Acme
// churns back to Free; Gamma's latest renewal failed (past due). Cobalt and Foxtrot (trials) have no
// billing. Every workspace ends on the tier the seed gives it (the ledger's tier sync sets tiers from
// live subscriptions). Also: a failed event for an unknown tenant, a failed event an operator can
// replay, and two payout batches.
// Idempotent: event and object ids are deterministic, and a seeded database is skipped.
import "server-only";

import { priceOf } from "../billing/catalog";
import type { CustomerState } from "../billing/events";
import { applyBillingEvents } from "../billing/ledger";
import type { Prisma, PrismaClient } from "./generated/client";
import { addDays, addHours, addMonths } from "@/lib/calendar";
import { address, card, Story } from "./seed-billing-story";
import { withTenant } from "./tenant";

const ACTOR = { id: null, email: "local webhook" };
/** Written last: its presence means the billing history is complete. */
const LAST_BATCH = "seed-payouts-2";
/** Attempts after which the pipeline stops retrying on its own (one more than intake.ts's backoff steps). */
const RETRY_EXHAUSTED = 7;

function deltaCustomer(s: Story, at: Date, email = "ap@delta-logistics.test"): CustomerState {
  const billing = address("500 Harbor Blvd", "Oakland", "94607", "US", "CA");
  return s.customer(at, email, "Delta Logistics Inc.", billing, card("visa", "4242", 8, 2028));
}

function delta(base: Date): Story {
  const s = new Story("delta", "usd");
  const m = (k: number) => addMonths(addDays(base, 2), k - 8);
  const customer = deltaCustomer(s, m(0));
  let sub = s.subscription(1, "PROFESSIONAL", "MONTH", m(0), m(1));
  s.checkout(sub, customer);
  for (const k of [1, 2]) sub = s.renew(sub, m(k), m(k + 1)).sub;

  // Upgrade mid-period: credit the unused Professional time, charge the rest of the period on Enterprise.
  const upgradeAt = addHours(addDays(m(2), 10), 3);
  const share = (m(3).getTime() - upgradeAt.getTime()) / (m(3).getTime() - m(2).getTime());
  const enterprise = {
    ...sub,
    at: upgradeAt,
    tier: "ENTERPRISE" as const,
    unitAmount: priceOf("ENTERPRISE", "MONTH", "usd"),
  };
  const credit = Math.round(sub.unitAmount * share);
  const debit = Math.round(enterprise.unitAmount * share);
  const proration = s.charge(enterprise, upgradeAt, {
    lines: [
      { description: "Unused time on Professional", quantity: 1, unitAmount: -credit, amount: -credit },
      { description: "Remaining time on Enterprise", quantity: 1, unitAmount: debit, amount: debit },
    ],
  });
  s.emit("subscription.updated", upgradeAt, enterprise, proration.invoice, proration.payment);
  sub = enterprise;
  for (const k of [3, 4]) sub = s.renew(sub, m(k), m(k + 1)).sub;

  // A renewal fails (past due) and the retry a day later succeeds.
  const pastDue = s.next(sub, m(5), m(6), { status: "PAST_DUE" });
  const failed = s.charge(pastDue, m(5), { fail: true });
  s.emit("payment.failed", m(5), pastDue, failed.invoice, failed.payment);
  const recovered = addDays(m(5), 1);
  s.emit(
    "payment.succeeded",
    recovered,
    { ...pastDue, at: recovered, status: "ACTIVE" },
    ...s.settle(failed.invoice, recovered),
  );
  sub = { ...pastDue, status: "ACTIVE" };

  const refunded = s.renew(sub, m(6), m(7));
  const refundAt = addDays(m(6), 4);
  s.emit("payment.refunded", refundAt, {
    kind: "refund",
    provider: "LOCAL",
    providerId: s.id("re", 1),
    paymentProviderId: refunded.payment.providerId,
    at: refundAt,
    currency: "usd",
    amount: 10_000,
    reason: "Service credit for an outage",
    status: "succeeded",
  });
  s.renew(refunded.sub, m(7), m(8));

  // A one-time order, approved and captured a day later.
  const workshop = "Onboarding workshop (2 days)";
  s.emit("order.updated", addDays(m(3), 5), s.order(1, addDays(m(3), 5), 240_000, workshop, "CREATED"));
  const capturedAt = addDays(m(3), 6);
  const capture = s.payment(capturedAt, 240_000, true, { order: s.id("ord", 1) }, workshop);
  s.emit(
    "order.updated",
    capturedAt,
    s.order(1, capturedAt, 240_000, workshop, "COMPLETED", capture.providerId),
    capture,
  );
  return s;
}

function bluebird(base: Date): Story {
  const s = new Story("bluebird", "usd");
  // Periods are whole calendar months, so each phase below spans a month end (the revenue report
  // compares month ends): Professional, then Starter, then a month without, then Starter again.
  const m = (k: number) => addMonths(addDays(base, 9), k - 5);
  const customer = s.customer(
    m(0),
    "accounts@bluebird.test",
    "Bluebird Studio",
    address("12 Canal Street", "Portland", "97209", "US", "OR"),
    card("amex", "0005", 3, 2027),
  );
  const pro = s.subscription(1, "PROFESSIONAL", "MONTH", m(0), m(1));
  s.checkout(pro, customer);
  const starter = s.renew(pro, m(1), m(2), { tier: "STARTER" }).sub;
  const cancelAt = addDays(m(1), 12);
  s.cancelAtPeriodEnd(starter, cancelAt, m(2));

  // Back a month later on a new subscription; one charge is disputed.
  const back = s.subscription(2, "STARTER", "MONTH", m(3), m(4));
  s.checkout(back);
  const disputed = s.renew(back, m(4), m(5));
  const disputeAt = addDays(m(4), 9);
  s.emit(
    "payment.succeeded",
    disputeAt,
    { ...disputed.payment, at: disputeAt, disputed: true },
    {
      kind: "dispute",
      provider: "LOCAL",
      providerId: s.id("dp", 1),
      paymentProviderId: disputed.payment.providerId,
      at: disputeAt,
      currency: "usd",
      amount: disputed.payment.amount,
      reason: "duplicate",
      status: "under_review",
      createdAt: disputeAt,
    },
  );
  // A one-time order the customer has not approved yet.
  const orderAt = addDays(base, -2);
  s.emit("order.updated", orderAt, s.order(1, orderAt, 14_900, "Brand template pack", "CREATED"));
  return s;
}

function echo(base: Date): Story {
  const s = new Story("echo", "eur");
  const start = addMonths(base, -7);
  const customer = s.customer(
    start,
    "finance@echo-health.test",
    "Echo Health GmbH",
    address("Torstraße 110", "Berlin", "10119", "DE"),
    card("mastercard", "5454", 11, 2027),
  );
  const sub = s.subscription(1, "WHITE_LABEL", "YEAR", start, addMonths(start, 12));
  s.checkout(sub, customer);
  return s;
}

function acme(base: Date): Story {
  const s = new Story("acme", "usd");
  const m = (k: number) => addMonths(addDays(base, 3), k - 6);
  const customer = s.customer(
    m(0),
    "olivia@acme.test",
    "Acme Bakery",
    address("8 Baker Lane", "Austin", "78701", "US", "TX"),
    card("visa", "1881", 6, 2027),
  );
  let sub = s.subscription(1, "STARTER", "MONTH", m(0), m(1));
  s.checkout(sub, customer);
  for (const k of [1, 2]) sub = s.renew(sub, m(k), m(k + 1)).sub;
  const cancelAt = addDays(m(2), 15);
  s.cancelAtPeriodEnd(sub, cancelAt, m(3));
  return s;
}

function gamma(base: Date): Story {
  const s = new Story("gamma", "usd");
  // Two paid months; this period's renewal, two days ago, failed: past due (and suspended by the operator).
  const renewalAt = addDays(base, -2);
  const m = (k: number) => addMonths(renewalAt, k - 2);
  const customer = s.customer(
    m(0),
    "gina@gamma.test",
    "Gamma Retail",
    address("77 Market Square", "Denver", "80202", "US", "CO"),
    card("visa", "0341", 1, 2027),
  );
  const sub = s.subscription(1, "STARTER", "MONTH", m(0), m(1));
  s.checkout(sub, customer);
  const renewed = s.renew(sub, m(1), m(2)).sub;
  const pastDue = s.next(renewed, m(2), m(3), { status: "PAST_DUE" });
  const failed = s.charge(pastDue, m(2), { fail: true });
  s.emit("payment.failed", m(2), pastDue, failed.invoice, failed.payment);
  return s;
}

const STORIES = [delta, bluebird, echo, acme, gamma];

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

async function seedStory(db: PrismaClient, tenantId: string, story: Story): Promise<void> {
  const eventId = (index: number) => `evt_seed_${story.slug}_${String(index + 1).padStart(3, "0")}`;
  const deliveries = [...story.deliveries].sort((a, b) => a.at.getTime() - b.at.getTime());
  // A workspace with any billing of its own (seeded before, or real) is left alone.
  const existing = await Promise.all([
    db.webhookEvent.count({ where: { provider: "LOCAL", eventId: eventId(0) } }),
    db.subscription.count({ where: { tenantId } }),
    db.invoice.count({ where: { tenantId } }),
    db.payment.count({ where: { tenantId } }),
  ]);
  if (existing.some((count) => count > 0)) return;
  await withTenant(
    tenantId,
    async (tx) => {
      // One ledger pass for the whole story: the tier sync and dunning run once, on the final state.
      await applyBillingEvents(
        tx,
        tenantId,
        deliveries.flatMap((d) => d.events),
        ACTOR,
      );
      if (story.currency !== "usd")
        await tx.billingAccount.update({ where: { tenantId }, data: { currency: story.currency } });
      await tx.webhookEvent.createMany({
        data: deliveries.map((delivery, index) => {
          const received = new Date(delivery.at.getTime() + 2_000);
          return {
            provider: "LOCAL" as const,
            eventId: eventId(index),
            type: delivery.type,
            status: "PROCESSED" as const,
            payload: json({ tenantId, events: delivery.events }),
            tenantId,
            attempts: 1,
            providerCreatedAt: delivery.at,
            receivedAt: received,
            processedAt: received,
          };
        }),
      });
    },
    { db, timeoutMs: 60_000 },
  );
}

/** Failed deliveries for the operator's webhook page: one for a tenant that does not exist, one replayable. */
async function seedFailedEvents(db: PrismaClient, deltaId: string | undefined, base: Date): Promise<void> {
  const ghostAt = addDays(base, -12);
  const ghost = new Story("ghost", "usd").subscription(1, "STARTER", "MONTH", ghostAt, addMonths(ghostAt, 1));
  const rows: Prisma.WebhookEventCreateInput[] = [
    {
      provider: "LOCAL",
      eventId: "evt_seed_unknown_tenant",
      type: "checkout.completed",
      status: "FAILED",
      payload: json({ tenantId: "tenant_seed_deleted", events: [ghost] }),
      attempts: RETRY_EXHAUSTED,
      lastError: "No tenant is linked to this event's customer or object yet.",
      providerCreatedAt: ghostAt,
      receivedAt: ghostAt,
    },
  ];
  if (deltaId) {
    const at = addDays(base, -2);
    const customer = deltaCustomer(new Story("delta", "usd"), at, "accounts-payable@delta-logistics.test");
    rows.push({
      provider: "LOCAL",
      eventId: "evt_seed_delta_customer_timeout",
      type: "customer.updated",
      status: "FAILED",
      payload: json({ tenantId: deltaId, events: [customer] }),
      attempts: RETRY_EXHAUSTED,
      lastError: "Transaction API error: the transaction timed out while the database was busy.",
      providerCreatedAt: at,
      receivedAt: at,
    });
  }
  for (const row of rows) {
    await db.webhookEvent.upsert({
      where: { provider_eventId: { provider: row.provider, eventId: row.eventId } },
      create: row,
      update: {},
    });
  }
}

/** Two payout batches (platform tables, written directly) whose items are in different states. */
async function seedPayouts(db: PrismaClient, tenants: Map<string, string>, base: Date): Promise<void> {
  const batches = [
    {
      senderBatchId: "seed-payouts-1",
      status: "SUCCESS",
      currency: "usd",
      note: "Partner referral fees",
      createdAt: addDays(base, -40),
      items: [
        { receiver: "payouts@northwind-partners.test", amount: 45_000, status: "SUCCESS" as const, tenant: "delta" },
        { receiver: "lena@lenaconsulting.test", amount: 12_500, status: "SUCCESS" as const, tenant: "bluebird" },
        { receiver: "sam@unclaimed.test", amount: 7_500, status: "UNCLAIMED" as const, tenant: null },
        { receiver: "old-address@closed.test", amount: 5_000, status: "RETURNED" as const, tenant: "acme" },
      ],
    },
    {
      senderBatchId: LAST_BATCH,
      status: "PROCESSING",
      currency: "eur",
      note: "EU reseller commissions",
      createdAt: addDays(base, -1),
      items: [
        { receiver: "billing@medreseller.test", amount: 139_900, status: "PENDING" as const, tenant: "echo" },
        { receiver: "kai@kai-integrations.test", amount: 30_000, status: "ONHOLD" as const, tenant: null },
      ],
    },
  ];
  for (const { items, ...batch } of batches) {
    const total = items.reduce((sum, item) => sum + item.amount, 0);
    await db.payoutBatch.upsert({
      where: { senderBatchId: batch.senderBatchId },
      update: {},
      create: {
        ...batch,
        provider: "LOCAL",
        providerBatchId: `LB-${batch.senderBatchId.toUpperCase()}`,
        total,
        items: {
          create: items.map(({ tenant, ...item }, index) => ({
            ...item,
            currency: batch.currency,
            senderItemId: `${batch.senderBatchId}-${index + 1}`,
            providerItemId: `LI-${batch.senderBatchId.toUpperCase()}-${index + 1}`,
            tenantId: tenant ? (tenants.get(tenant) ?? null) : null,
            note: "Thank you for the referrals",
            providerUpdatedAt: addDays(batch.createdAt, item.status === "PENDING" ? 0 : 2),
            createdAt: batch.createdAt,
          })),
        },
      },
    });
  }
}

/** Seeds the billing history once; a database that already has it is left alone. */
export async function seedBilling(db: PrismaClient, now = new Date()): Promise<void> {
  if ((await db.payoutBatch.count({ where: { senderBatchId: LAST_BATCH } })) > 0) return;
  const base = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  const demo = await db.tenant.findMany({
    where: { slug: { in: ["acme", "bluebird", "delta", "echo", "gamma"] } },
    select: { id: true, slug: true },
  });
  const tenants = new Map(demo.map((t) => [t.slug, t.id]));
  for (const story of STORIES.map((build) => build(base))) {
    const tenantId = tenants.get(story.slug);
    if (tenantId) await seedStory(db, tenantId, story);
  }
  await seedFailedEvents(db, tenants.get("delta"), base);
  await seedPayouts(db, tenants, base);
}
