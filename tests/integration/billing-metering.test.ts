// Metered billing: hourly API-call overage around the quota boundary, AI tokens, deterministic
// meter-report identifiers, re-runs that send nothing, late flushes that send only the difference,
// failed sends retried under the same identifier, what the Stripe SDK sent (form body and
// Idempotency-Key, against a local fake), the cron route, and the portal's projection.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

import type { FakeServer, RecordedRequest } from "../fixtures/fake-http";
import { at } from "../helpers/indexed";

// CRON_SECRET for the route; a Redis key prefix of this file's own, so the route's flush never
// takes another file's counters.
const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(
    importOriginal,
    settings,
    { CRON_SECRET: undefined },
    { keyPrefix: "metering" },
  ),
);

const { hourlyOverage, meteredUsageForPortal, meterIdentifier, reportUsage } = await import("@/lib/billing/metering");
const { createStripeClient, setStripeClient } = await import("@/lib/billing/stripe/client");
const reportRoute = await import("@/app/api/cron/report-usage/route");
const { startFakeServer } = await import("../fixtures/fake-http");
const { call, tenantWithOwner } = await import("../helpers/api");
const { setupTestDb, uniq } = await import("../helpers/db");

type Provider = "STRIPE" | "PAYPAL" | "LOCAL";

const t = setupTestDb();
const CRON_SECRET = `cron-${randomBytes(16).toString("hex")}`;
const iso = (value: string) => new Date(value);
let fake: FakeServer;
/** Identifiers the fake refuses (500, no SDK retry) until removed. */
const refuse = new Set<string>();

beforeAll(async () => {
  fake = await startFakeServer([
    {
      method: "POST",
      path: "/v1/billing/meter_events",
      reply: (request) => {
        const body = request.body as Record<string, string>;
        if (refuse.has(body.identifier ?? "")) {
          return {
            status: 500,
            headers: { "stripe-should-retry": "false" },
            body: { error: { type: "api_error", message: "Meter temporarily unavailable." } },
          };
        }
        return {
          body: {
            object: "billing.meter_event",
            created: 1,
            event_name: body.event_name,
            identifier: body.identifier,
            livemode: false,
            payload: { stripe_customer_id: body["payload[stripe_customer_id]"], value: body["payload[value]"] },
            timestamp: Number(body.timestamp),
          },
        };
      },
    },
  ]);
  setStripeClient(createStripeClient({ secretKey: "sk_test_x", apiUrl: fake.url }));
});
afterAll(async () => {
  setStripeClient(undefined);
  await fake.close();
});
beforeEach(() => {
  settings.env.CRON_SECRET = undefined;
  refuse.clear();
});

interface BilledOptions {
  provider?: Provider;
  tier?: "STARTER" | "PROFESSIONAL";
  currency?: string;
  createdAt?: Date;
  status?: "ACTIVE" | "TRIALING";
  trialEnd?: Date | null;
}

/** A tenant with one live subscription (and a Stripe customer when the subscription is Stripe's). */
async function billedTenant(options: BilledOptions = {}) {
  const ctx = await tenantWithOwner(t.db);
  const tenantId = ctx.tenant.id;
  const provider = options.provider ?? "STRIPE";
  const createdAt = options.createdAt ?? iso("2026-03-01T00:00:00Z");
  const customerId = uniq("cus");
  await t.db.billingAccount.create({
    data: { tenantId, stripeCustomerId: provider === "STRIPE" ? customerId : null },
  });
  await t.db.subscription.create({
    data: {
      tenantId,
      provider,
      providerId: uniq("sub"),
      tier: options.tier ?? "STARTER",
      interval: "MONTH",
      status: options.status ?? "ACTIVE",
      currency: options.currency ?? "usd",
      unitAmount: 2_900,
      currentPeriodStart: createdAt,
      currentPeriodEnd: null,
      trialEnd: options.trialEnd ?? null,
      providerCreatedAt: createdAt,
      providerUpdatedAt: createdAt,
    },
  });
  return { tenantId, customerId };
}

async function addCalls(tenantId: string, hour: string, count: number, route = "GET /api/v1/ping") {
  await t.db.usageRollup.upsert({
    where: { tenantId_hour_apiKeyId_route: { tenantId, hour: iso(hour), apiKeyId: "", route } },
    create: { tenantId, hour: iso(hour), apiKeyId: "", route, count },
    update: { count: { increment: count } },
  });
}

async function addTokens(tenantId: string, occurredAt: string, value: number) {
  await t.db.usageEvent.create({
    data: { tenantId, idempotencyKey: uniq("evt"), eventName: "ai_tokens", value, occurredAt: iso(occurredAt) },
  });
}

/** The usage of the worked example: STARTER's quota is 10,000 calls a month. */
async function workedExample(tenantId: string) {
  await addCalls(tenantId, "2026-02-27T10:00:00Z", 50_000); // another month: its own quota
  await addCalls(tenantId, "2026-03-10T10:00:00Z", 6_000); // through 6,000
  await addCalls(tenantId, "2026-03-10T11:00:00Z", 3_000); // through 9,500 (two routes)
  await addCalls(tenantId, "2026-03-10T11:00:00Z", 500, "GET /api/v1/members");
  await addCalls(tenantId, "2026-03-10T12:00:00Z", 1_000); // through 10,500: 500 over
  await addCalls(tenantId, "2026-03-10T13:00:00Z", 2_000); // through 12,500: 2,000 over
  await addCalls(tenantId, "2026-03-10T14:00:00Z", 700); // the current hour: not reported yet
  await addTokens(tenantId, "2026-03-10T12:15:00Z", 120_000);
  await addTokens(tenantId, "2026-03-10T12:40:00Z", 30_000);
  await addTokens(tenantId, "2026-03-10T13:05:00Z", 5_000);
}

const NOW = iso("2026-03-10T14:20:00Z");
const meterCalls = (tenantId: string) =>
  fake
    .calls("POST", "/v1/billing/meter_events")
    .filter((r) => (r.body as Record<string, string>).identifier?.includes(`:${tenantId}:`));
const form = (r: RecordedRequest) => r.body as Record<string, string>;

async function reports(tenantId: string) {
  return t.db.meterReport.findMany({ where: { tenantId }, orderBy: [{ meter: "asc" }, { identifier: "asc" }] });
}

describe("hourly overage", () => {
  it("bills only the calls past the month's quota, hour by hour, and restarts each month", () => {
    const hours = [
      { hour: iso("2026-03-31T22:00:00Z"), value: 9_000 },
      { hour: iso("2026-03-31T21:00:00Z"), value: 600 },
      { hour: iso("2026-03-31T23:00:00Z"), value: 1_000 },
      { hour: iso("2026-04-01T00:00:00Z"), value: 10_001 },
      { hour: iso("2026-04-01T01:00:00Z"), value: 4 },
    ];
    expect(hourlyOverage(hours, 10_000).map((h) => [h.hour.toISOString().slice(5, 13), h.value])).toEqual([
      ["03-31T21", 0], // through 600
      ["03-31T22", 0], // through 9,600
      ["03-31T23", 600], // through 10,600
      ["04-01T00", 1], // a new month: through 10,001
      ["04-01T01", 4],
    ]);
    expect(hourlyOverage(hours, null).every((h) => h.value === 0)).toBe(true);
  });
});

describe("reportUsage", () => {
  it("sends each completed hour's overage and tokens to Stripe once, under deterministic identifiers", async () => {
    const { tenantId, customerId } = await billedTenant();
    await workedExample(tenantId);

    const first = await reportUsage({ now: NOW, tenantIds: [tenantId] });
    expect(first).toMatchObject({ tenants: 1, created: 4, sent: 4, failed: 0 });
    const rows = await reports(tenantId);
    expect(rows.map((r) => [r.identifier, r.value])).toEqual([
      [meterIdentifier("ai_tokens", tenantId, iso("2026-03-10T12:00:00Z"), 0), 150_000],
      [meterIdentifier("ai_tokens", tenantId, iso("2026-03-10T13:00:00Z"), 0), 5_000],
      [meterIdentifier("api_calls", tenantId, iso("2026-03-10T12:00:00Z"), 0), 500],
      [meterIdentifier("api_calls", tenantId, iso("2026-03-10T13:00:00Z"), 0), 2_000],
    ]);
    expect(at(rows, 2).identifier).toBe(`api_calls:${tenantId}:2026-03-10T12:00:00.000Z:0`);
    expect(rows.every((r) => r.reportedAt !== null)).toBe(true);

    const sent = meterCalls(tenantId);
    expect(sent).toHaveLength(4);
    const overage = sent.find((r) => form(r).identifier === at(rows, 2).identifier)!;
    expect(overage.headers["idempotency-key"]).toBe(at(rows, 2).identifier);
    expect(form(overage)).toEqual({
      event_name: "tessera_api_calls",
      "payload[stripe_customer_id]": customerId,
      "payload[value]": "500",
      identifier: at(rows, 2).identifier,
      timestamp: String(Date.parse("2026-03-10T12:00:00Z") / 1000),
    });
    const tokens = sent.find((r) => form(r).identifier === at(rows, 0).identifier)!;
    expect(form(tokens)).toMatchObject({ event_name: "tessera_ai_tokens", "payload[value]": "150000" });
    expect(await t.db.usageEvent.count({ where: { tenantId, reportedAt: null } })).toBe(0);

    // A re-run sends nothing; an hour later, only the newly completed 14:00 hour (700 over).
    const again = await reportUsage({ now: NOW, tenantIds: [tenantId] });
    expect(again).toMatchObject({ created: 0, sent: 0, failed: 0 });
    expect(meterCalls(tenantId)).toHaveLength(4);
    const later = await reportUsage({ now: iso("2026-03-10T15:05:00Z"), tenantIds: [tenantId] });
    expect(later).toMatchObject({ created: 1, sent: 1 });
    expect(form(at(meterCalls(tenantId), 4))).toMatchObject({
      identifier: `api_calls:${tenantId}:2026-03-10T14:00:00.000Z:0`,
      "payload[value]": "700",
    });
  });

  it("reports only the difference when calls are flushed into an hour after it was reported", async () => {
    const { tenantId } = await billedTenant();
    await workedExample(tenantId);
    await reportUsage({ now: NOW, tenantIds: [tenantId] });
    fake.reset();

    // 300 more in 13:00 (already over the quota) and 200 more in 11:00 (still under it): the
    // quota is crossed 200 calls earlier, so 12:00 owes 200 more, 13:00 owes 300 more.
    await addCalls(tenantId, "2026-03-10T13:00:00Z", 300);
    await addCalls(tenantId, "2026-03-10T11:00:00Z", 200);
    await addTokens(tenantId, "2026-03-10T12:59:59Z", 1_000);
    const result = await reportUsage({ now: NOW, tenantIds: [tenantId] });
    expect(result).toMatchObject({ created: 3, sent: 3, failed: 0 });
    const sent = meterCalls(tenantId).map((r) => [
      form(r).identifier,
      form(r)["payload[value]"],
      r.headers["idempotency-key"],
    ]);
    const id = (meter: "api_calls" | "ai_tokens", hour: string) => meterIdentifier(meter, tenantId, iso(hour), 1);
    expect(sent).toEqual([
      [id("ai_tokens", "2026-03-10T12:00:00Z"), "1000", id("ai_tokens", "2026-03-10T12:00:00Z")],
      [id("api_calls", "2026-03-10T12:00:00Z"), "200", id("api_calls", "2026-03-10T12:00:00Z")],
      [id("api_calls", "2026-03-10T13:00:00Z"), "300", id("api_calls", "2026-03-10T13:00:00Z")],
    ]);
    const totals = await t.db.meterReport.groupBy({ by: ["meter"], where: { tenantId }, _sum: { value: true } });
    expect(Object.fromEntries(totals.map((r) => [r.meter, r._sum.value]))).toEqual({
      api_calls: 3_000,
      ai_tokens: 156_000,
    });
    expect(await reportUsage({ now: NOW, tenantIds: [tenantId] })).toMatchObject({ created: 0, sent: 0 });
  });

  it("keeps a refused row unreported and retries it next run under the same identifier", async () => {
    const { tenantId } = await billedTenant();
    await addCalls(tenantId, "2026-03-10T12:00:00Z", 10_250);
    const identifier = meterIdentifier("api_calls", tenantId, iso("2026-03-10T12:00:00Z"), 0);
    refuse.add(identifier);

    expect(await reportUsage({ now: NOW, tenantIds: [tenantId] })).toMatchObject({ created: 1, sent: 0, failed: 1 });
    expect((await reports(tenantId))[0]).toMatchObject({ identifier, value: 250, reportedAt: null });
    expect(await reportUsage({ now: NOW, tenantIds: [tenantId] })).toMatchObject({ created: 0, sent: 0, failed: 1 });

    refuse.delete(identifier);
    expect(await reportUsage({ now: NOW, tenantIds: [tenantId] })).toMatchObject({ created: 0, sent: 1, failed: 0 });
    const attempts = meterCalls(tenantId);
    expect(attempts).toHaveLength(3);
    expect(attempts.map((r) => [form(r).identifier, form(r)["payload[value]"], r.headers["idempotency-key"]])).toEqual(
      Array(3).fill([identifier, "250", identifier]),
    );
    expect(at(await reports(tenantId), 0).reportedAt).not.toBeNull();
  });

  it("records PayPal and local usage without calling Stripe, and bills nothing during a trial", async () => {
    const paypal = await billedTenant({ provider: "PAYPAL" });
    const local = await billedTenant({ provider: "LOCAL" });
    // The trial ends at 12:30: the first billed hour is 13:00.
    const trial = await billedTenant({ status: "TRIALING", trialEnd: iso("2026-03-10T12:30:00Z") });
    for (const { tenantId } of [paypal, local, trial]) await workedExample(tenantId);
    const ids = [paypal.tenantId, local.tenantId, trial.tenantId];

    const result = await reportUsage({ now: NOW, tenantIds: ids });
    expect(result).toMatchObject({ tenants: 3, created: 10, sent: 2, recorded: 8, failed: 0 });
    for (const tenantId of [paypal.tenantId, local.tenantId]) {
      expect(meterCalls(tenantId)).toHaveLength(0);
      const rows = await reports(tenantId);
      expect(rows.map((r) => r.value)).toEqual([150_000, 5_000, 500, 2_000]);
      expect(rows.every((r) => r.reportedAt !== null)).toBe(true);
    }
    expect((await reports(trial.tenantId)).map((r) => [r.hour.toISOString(), r.meter, r.value])).toEqual([
      ["2026-03-10T13:00:00.000Z", "ai_tokens", 5_000],
      ["2026-03-10T13:00:00.000Z", "api_calls", 2_000],
    ]);
    expect(meterCalls(trial.tenantId)).toHaveLength(2);
    // Still trialing (no end yet): nothing at all.
    const open = await billedTenant({ status: "TRIALING", trialEnd: null });
    await workedExample(open.tenantId);
    expect(await reportUsage({ now: NOW, tenantIds: [open.tenantId] })).toMatchObject({ created: 0 });
  });
});

describe("POST /api/cron/report-usage", () => {
  it("answers 401 without the secret and reports the last completed hour with it", async () => {
    settings.env.CRON_SECRET = CRON_SECRET;
    const now = new Date();
    const previousHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000);
    const { tenantId } = await billedTenant({
      provider: "LOCAL",
      createdAt: new Date(previousHour.getTime() - 3_600_000),
    });
    await addCalls(tenantId, previousHour.toISOString(), 10_050);

    expect(reportRoute.GET).toBe(reportRoute.POST); // Vercel Cron sends GET
    expect((await call(reportRoute.POST, "POST", "/api/cron/report-usage")).status).toBe(401);
    expect(
      (await call(reportRoute.POST, "POST", "/api/cron/report-usage", { key: "wrong-secret-0123456789" })).status,
    ).toBe(401);
    expect(await reports(tenantId)).toHaveLength(0);

    const response = await call(reportRoute.POST, "POST", "/api/cron/report-usage", { key: CRON_SECRET });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      flush: { batches: expect.any(Number) },
      report: { tenants: expect.any(Number), created: expect.any(Number) },
    });
    const rows = await reports(tenantId);
    expect(rows.map((r) => [r.hour.toISOString(), r.value, r.reportedAt !== null])).toEqual([
      [previousHour.toISOString(), 50, true],
    ]);
  });
});

describe("meteredUsageForPortal", () => {
  it("shows usage, what is billable, the charge so far and its linear projection", async () => {
    const { tenantId } = await billedTenant({ currency: "eur" });
    await addCalls(tenantId, "2026-03-05T09:00:00Z", 12_500);
    await addTokens(tenantId, "2026-03-02T08:00:00Z", 200_000);
    // Ten days of a 31-day month: the projection is the billable so far × 744 h / 240 h.
    const usage = await meteredUsageForPortal(tenantId, iso("2026-03-11T00:00:00Z"));
    expect(usage.currency).toBe("eur");
    expect(usage.periodStart.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(usage.periodEnd.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(usage.meters).toEqual([
      {
        meter: "api_calls",
        label: "API calls",
        used: 12_500,
        included: 10_000,
        billable: 2_500,
        charge: 113, // 2,500 × €0.45 / 1,000 = 112.5 cents
        projectedBillable: 7_750,
        projectedCharge: 349, // 348.75 cents
      },
      {
        meter: "ai_tokens",
        label: "AI tokens",
        used: 200_000,
        included: 0,
        billable: 200_000,
        charge: 36,
        projectedBillable: 620_000,
        projectedCharge: 112, // 111.6 cents
      },
    ]);
  });

  it("bills nothing to a workspace without a subscription", async () => {
    const ctx = await tenantWithOwner(t.db);
    await addCalls(ctx.tenant.id, "2026-03-05T09:00:00Z", 1_500);
    const usage = await meteredUsageForPortal(ctx.tenant.id, iso("2026-03-11T00:00:00Z"));
    expect(usage.currency).toBe("usd");
    expect(usage.meters[0]).toMatchObject({ used: 1_500, included: 1_000, billable: 0, charge: 0, projectedCharge: 0 });
  });
});
