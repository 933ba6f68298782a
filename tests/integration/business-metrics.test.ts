// The scrape-time gauges (lib/monitoring/business.ts) on a database of this file's own with a
// known story: every business number the dashboards show, by its bounded labels, and the cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { computeBusinessSnapshot, refreshScrapeGauges, type ScrapeSnapshot } from "@/lib/monitoring/business";
import { metrics } from "@/lib/observability/metrics";
import type { MetricName } from "@/lib/observability/catalogue";

import { openIsolatedDb, type IsolatedDb } from "../helpers/isolated-db";
import { DAY_MS } from "@/lib/calendar";

const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let iso: IsolatedDb;

beforeAll(async () => {
  iso = await openIsolatedDb();
  const { db } = iso;
  const users = await Promise.all(
    ["a1", "a2", "b1", "c1", "d1"].map((name) =>
      db.user.create({ data: { email: `${name}-${process.pid}@example.test`, name } }),
    ),
  );
  const [a1, a2, b1, c1, d1] = users.map((user) => user.id) as [string, string, string, string, string];
  const tenant = (slug: string, data: Record<string, unknown>) =>
    db.tenant.create({ data: { name: slug, slug: `${slug}-${process.pid}`, ...data } });
  const a = await tenant("starter-co", { tier: "STARTER" });
  const b = await tenant("pro-co", { tier: "PROFESSIONAL" });
  const c = await tenant("trial-co", {
    tier: "FREE",
    trialTier: "PROFESSIONAL",
    trialEndsAt: new Date(NOW.getTime() + 5 * DAY_MS),
  });
  const d = await tenant("gone-co", { tier: "FREE", status: "SUSPENDED" });
  await db.membership.createMany({
    data: [
      { tenantId: a.id, userId: a1, role: "OWNER" },
      { tenantId: a.id, userId: a2, role: "MEMBER" },
      { tenantId: b.id, userId: b1, role: "OWNER" },
      { tenantId: b.id, userId: a1, role: "MEMBER" },
      { tenantId: c.id, userId: c1, role: "OWNER" },
      { tenantId: d.id, userId: d1, role: "OWNER" },
    ],
  });
  const subscription = (tenantId: string, providerId: string, data: Record<string, unknown>) =>
    db.subscription.create({
      data: {
        tenantId,
        provider: "STRIPE",
        providerId: `${providerId}-${process.pid}`,
        interval: "MONTH",
        currency: "usd",
        providerCreatedAt: ago(60 * DAY_MS),
        providerUpdatedAt: ago(DAY_MS),
        tier: "STARTER",
        status: "ACTIVE",
        unitAmount: 2900,
        ...data,
      } as never,
    });
  await subscription(a.id, "sub_a", { providerCreatedAt: ago(10 * DAY_MS) });
  await subscription(b.id, "sub_b", {
    tier: "PROFESSIONAL",
    interval: "YEAR",
    currency: "eur",
    unitAmount: 120_000,
    status: "PAST_DUE",
  });
  await subscription(d.id, "sub_d", { status: "CANCELED", canceledAt: ago(5 * DAY_MS) });
  await db.billingAccount.create({ data: { tenantId: b.id, pastDueSince: ago(2 * DAY_MS) } });
  await db.usageRollup.createMany({
    data: [
      {
        tenantId: a.id,
        hour: new Date("2026-11-19T10:00:00Z"),
        apiKeyId: "",
        route: "GET /api/v1/members",
        count: 8_500,
      },
      {
        tenantId: a.id,
        hour: new Date("2026-10-30T10:00:00Z"),
        apiKeyId: "",
        route: "GET /api/v1/members",
        count: 9_999,
      },
      {
        tenantId: b.id,
        hour: new Date("2026-11-10T10:00:00Z"),
        apiKeyId: "",
        route: "GET /api/v1/members",
        count: 100,
      },
    ],
  });
  const payment = (providerId: string, status: string, createdAt: Date) =>
    db.payment.create({
      data: {
        tenantId: b.id,
        provider: "STRIPE",
        providerId: `${providerId}-${process.pid}`,
        status,
        currency: "eur",
        amount: 120_000,
        providerCreatedAt: createdAt,
        providerUpdatedAt: createdAt,
      } as never,
    });
  await payment("pi_fail", "FAILED", ago(3_600_000));
  await payment("pi_ok", "SUCCEEDED", ago(2 * 3_600_000));
  await payment("pi_old", "FAILED", ago(3 * DAY_MS));
  await db.webhookEvent.create({
    data: {
      provider: "STRIPE",
      eventId: `evt_${process.pid}`,
      type: "invoice.paid",
      payload: {},
      providerCreatedAt: ago(600_000),
      receivedAt: ago(600_000),
    },
  });
  await db.webhookEvent.create({
    data: {
      provider: "PAYPAL",
      eventId: `WH-${process.pid}`,
      type: "PAYMENT.CAPTURE.COMPLETED",
      payload: {},
      status: "PROCESSED",
      providerCreatedAt: ago(7_200_000),
      receivedAt: ago(7_200_000),
    },
  });
}, 90_000);

afterAll(async () => {
  await iso?.close();
});

function values(snapshot: ScrapeSnapshot, name: MetricName): Record<string, number> {
  return Object.fromEntries(
    (snapshot[name] ?? [])
      .filter((entry) => entry.value !== 0)
      .map((entry) => [JSON.stringify(entry.labels), entry.value]),
  );
}

describe("business gauges computed at scrape time", () => {
  it("counts tenants, trials, subscriptions, MRR, churn, seats, quota, dunning, payments and webhooks", async () => {
    const s = await computeBusinessSnapshot(NOW);
    expect(values(s, "tessera_tenants")).toEqual({
      '{"tier":"starter","status":"active"}': 1,
      '{"tier":"professional","status":"active"}': 1,
      '{"tier":"free","status":"active"}': 1,
      '{"tier":"free","status":"suspended"}': 1,
    });
    expect(values(s, "tessera_tenants_trialing")).toEqual({ '{"tier":"professional"}': 1 });
    // A yearly 1,200.00 EUR plan counts 100.00 a month; PAST_DUE still earns, CANCELED does not.
    expect(values(s, "tessera_mrr_minor_units")).toEqual({
      '{"tier":"starter","currency":"usd"}': 2900,
      '{"tier":"professional","currency":"eur"}': 10_000,
    });
    expect(values(s, "tessera_subscriptions")).toEqual({
      '{"provider":"stripe","tier":"starter","status":"active"}': 1,
      '{"provider":"stripe","tier":"professional","status":"past_due"}': 1,
      '{"provider":"stripe","tier":"starter","status":"canceled"}': 1,
    });
    expect(values(s, "tessera_subscriptions_started_30d")).toEqual({ '{"tier":"starter"}': 1 });
    expect(values(s, "tessera_subscriptions_canceled_30d")).toEqual({ '{"tier":"starter"}': 1 });
    expect(values(s, "tessera_users")).toEqual({ "{}": 5 });
    // a1, a2, b1, c1 belong to active tenants; d1 only to the suspended one.
    expect(values(s, "tessera_active_users")).toEqual({ "{}": 4 });
    // The trial tenant counts under the tier it is trying.
    expect(values(s, "tessera_seats_used")).toEqual({ '{"tier":"starter"}': 2, '{"tier":"professional"}': 3 });
    expect(values(s, "tessera_seats_limit")).toEqual({ '{"tier":"starter"}': 10, '{"tier":"professional"}': 100 });
    expect(values(s, "tessera_api_calls_month")).toEqual({
      '{"tier":"starter"}': 8_500,
      '{"tier":"professional"}': 100,
    });
    expect(values(s, "tessera_api_quota_month")).toEqual({
      '{"tier":"starter"}': 10_000,
      '{"tier":"professional"}': 200_000,
    });
    expect(values(s, "tessera_tenants_near_quota")).toEqual({ '{"tier":"starter"}': 1 });
    // Last calls: 26 hours ago (starter-co) and 10 days ago (pro-co).
    expect(values(s, "tessera_active_tenants")).toEqual({ '{"window":"7d"}': 1, '{"window":"30d"}': 2 });
    expect(values(s, "tessera_dunning_accounts")).toEqual({ '{"tier":"professional"}': 1 });
    expect(values(s, "tessera_payments_24h")).toEqual({
      '{"provider":"stripe","status":"failed"}': 1,
      '{"provider":"stripe","status":"succeeded"}': 1,
    });
    expect(values(s, "tessera_webhook_backlog")).toEqual({ '{"provider":"stripe","status":"received"}': 1 });
    expect(values(s, "tessera_webhook_oldest_pending_age_seconds")).toEqual({ "{}": 600 });
  });

  it("serves them through the registry and caches them between scrapes", async () => {
    const { registry } = metrics();
    await refreshScrapeGauges(NOW, 60_000);
    const text = await registry.metrics();
    expect(text).toContain('tessera_mrr_minor_units{tier="starter",currency="usd"} 2900');
    expect(text).toMatch(/tessera_database_up\{kind="(postgres|embedded)"\} 1/);
    expect(text).toMatch(/tessera_redis_up\{kind="[a-z]+"\} [01]/);
    expect(text).toMatch(/tessera_build_info\{version="[^"]+"\} 1/);
    await iso.db.subscription.updateMany({ where: { tier: "STARTER", status: "ACTIVE" }, data: { unitAmount: 3900 } });
    await refreshScrapeGauges(new Date(NOW.getTime() + 10_000), 60_000);
    expect(await registry.metrics()).toContain('tessera_mrr_minor_units{tier="starter",currency="usd"} 2900');
    await refreshScrapeGauges(new Date(NOW.getTime() + 61_000), 60_000);
    expect(await registry.metrics()).toContain('tessera_mrr_minor_units{tier="starter",currency="usd"} 3900');
  });
});
