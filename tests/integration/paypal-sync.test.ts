// The PayPal catalog sync (products per paid tier, a plan per catalog price, idempotent) and the
// reconciliation (webhook events PayPal lists that the ledger lacks are replayed oldest first;
// a dry run only lists them).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, { STRIPE_SECRET_KEY: undefined }),
);

const { syncPaypalCatalog } = await import("@/lib/billing/paypal/sync");
const { reconcilePaypal } = await import("@/lib/billing/paypal/reconcile");
const { catalogPrices, PAID_TIERS } = await import("@/lib/billing/catalog");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const fixtures = await import("../fixtures/fake-paypal");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

type Json = Record<string, unknown>;

let t: Awaited<ReturnType<typeof openTestDb>>;
let fake: Awaited<ReturnType<typeof fixtures.startFakePaypal>>;

beforeAll(async () => {
  t = await openTestDb();
  fake = await fixtures.startFakePaypal();
});
afterAll(async () => {
  await fake.close();
  await t.close();
});
beforeEach(() => {
  Object.assign(settings.env, fixtures.paypalSettings(fake));
});

const planNamed = (key: string) => [...fake.plans.values()].find((p) => p.name === key) as Json;
const regularPrice = (plan: Json) =>
  (at(plan.billing_cycles as Json[], 0).pricing_scheme as { fixed_price: { currency_code: string; value: string } })
    .fixed_price;

describe("syncPaypalCatalog", () => {
  it("creates a product per paid tier and a plan per catalog price, then changes nothing", async () => {
    const first = await syncPaypalCatalog();
    expect(first.created).toHaveLength(PAID_TIERS.length + catalogPrices().length);
    expect(first.updated).toEqual([]);
    expect([...fake.products.keys()].sort()).toEqual(
      ["TESSERA-ENTERPRISE", "TESSERA-PROFESSIONAL", "TESSERA-STARTER", "TESSERA-WHITE-LABEL"].sort(),
    );
    const starter = planNamed("tessera_starter_month_usd");
    expect(starter).toMatchObject({ product_id: "TESSERA-STARTER", status: "ACTIVE" });
    expect(regularPrice(starter)).toEqual({ currency_code: "USD", value: "29.00" });
    expect((starter.billing_cycles as Json[])[0]).toMatchObject({
      tenure_type: "REGULAR",
      sequence: 1,
      total_cycles: 0,
      frequency: { interval_unit: "MONTH", interval_count: 1 },
    });
    expect(regularPrice(planNamed("tessera_white_label_year_eur"))).toEqual({
      currency_code: "EUR",
      value: "13990.00",
    });
    expect((planNamed("tessera_white_label_year_eur").billing_cycles as Json[])[0]).toMatchObject({
      frequency: { interval_unit: "YEAR" },
    });

    const postsBefore = fake.server.requests.filter((r) => r.method === "POST").length;
    const second = await syncPaypalCatalog();
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toHaveLength(PAID_TIERS.length + catalogPrices().length);
    // Nothing created or updated, and the cached token served every read.
    expect(fake.server.requests.filter((r) => r.method === "POST").length).toBe(postsBefore);
    expect(fake.postsWithoutRequestId()).toEqual([]);
  });

  it("updates a plan whose price drifted and re-activates an inactive one", async () => {
    const drifted = planNamed("tessera_professional_month_eur");
    regularPrice(drifted).value = "1.00";
    const inactive = planNamed("tessera_enterprise_year_usd");
    inactive.status = "INACTIVE";
    const report = await syncPaypalCatalog();
    expect(report.updated.sort()).toEqual(["plan tessera_enterprise_year_usd", "plan tessera_professional_month_eur"]);
    expect(report.created).toEqual([]);
    expect(regularPrice(drifted)).toEqual({ currency_code: "EUR", value: "92.00" });
    expect(inactive.status).toBe("ACTIVE");
    const update = fake.server.calls("POST", `/v1/billing/plans/${String(drifted.id)}/update-pricing-schemes`);
    expect(update).toHaveLength(1);
    expect(at(update, 0).headers["paypal-request-id"]).toBeTruthy();
    expect((await syncPaypalCatalog()).updated).toEqual([]);
  });
});

describe("reconcilePaypal", () => {
  it("lists, then replays oldest first, only the events the ledger lacks within the window", async () => {
    const ctx = await tenantWithOwner(t.db);
    const plan = String(planNamed("tessera_starter_month_usd").id);
    const id = `I-${uniq().toUpperCase()}`;
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
    const event = (type: string, status: string, hours: number) =>
      fixtures.webhookEvent(
        type,
        fixtures.subscriptionResource({
          id,
          planId: plan,
          customId: ctx.tenant.id,
          status,
          time: hoursAgo(hours),
          createTime: hoursAgo(6),
        }),
        { createTime: hoursAgo(hours) },
      );
    const created = event("BILLING.SUBSCRIPTION.CREATED", "APPROVAL_PENDING", 5);
    const activated = event("BILLING.SUBSCRIPTION.ACTIVATED", "ACTIVE", 4);
    const cancelled = event("BILLING.SUBSCRIPTION.CANCELLED", "CANCELLED", 3);
    const tooOld = event("BILLING.SUBSCRIPTION.UPDATED", "ACTIVE", 24 * 10);
    // Filler the pipeline ignores, enough to need a second page.
    const filler = Array.from({ length: 105 }, (_, i) =>
      fixtures.webhookEvent("INVOICING.INVOICE.CREATED", { id: `INV2-${i}` }, { createTime: hoursAgo(2) }),
    );
    fake.events.push(created, activated, cancelled, tooOld, ...filler);
    // The activation was delivered; the rest were lost.
    await receiveWebhook({
      provider: "PAYPAL",
      eventId: String(activated.id),
      type: String(activated.event_type),
      createdAt: new Date(String(activated.create_time)),
      payload: activated,
    });

    const dry = await reconcilePaypal({ dryRun: true, days: 3, now });
    expect(dry.checked).toBe(108);
    expect(dry.missing).toHaveLength(107);
    expect(dry.missing.slice(0, 2).map((m) => m.eventId)).toEqual([created.id, cancelled.id]);
    expect(dry.replayed).toEqual({ processed: 0, duplicate: 0, ignored: 0, failed: 0 });
    expect(await t.db.webhookEvent.count({ where: { provider: "PAYPAL", eventId: String(cancelled.id) } })).toBe(0);

    const real = await reconcilePaypal({ days: 3, now });
    expect(real.replayed).toEqual({ processed: 2, duplicate: 0, ignored: 105, failed: 0 });
    const row = await t.db.subscription.findUniqueOrThrow({
      where: { provider_providerId: { provider: "PAYPAL", providerId: id } },
    });
    expect(row.status).toBe("CANCELED");
    const versions = await t.db.subscriptionVersion.findMany({
      where: { subscriptionId: row.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(versions.map((v) => v.status)).toEqual(["INCOMPLETE", "ACTIVE", "CANCELED"]);
    const storedPayload = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "PAYPAL", eventId: String(cancelled.id) } },
    });
    expect(storedPayload.payload).toEqual(cancelled);
    expect(await t.db.webhookEvent.count({ where: { provider: "PAYPAL", eventId: String(tooOld.id) } })).toBe(0);

    const again = await reconcilePaypal({ days: 3, now });
    expect(again.missing).toEqual([]);
    expect(fake.server.calls("GET", "/v1/notifications/webhooks-events").some((r) => r.query.get("page") === "2")).toBe(
      true,
    );
  });
});
