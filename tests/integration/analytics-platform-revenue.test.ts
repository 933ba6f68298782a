// The platform revenue rollups (migration 20261203122517_analytics_platform_revenue) on a database
// of this file's own: after a randomized sequence of ledger writes (versions inserted, backdated,
// changed and deleted; payments and refunds inserted, moved, failed and deleted; several customers
// in one statement; writers of one customer racing), the platform KPIs read from the rollups equal
// the KPIs computed from the ledger's own rows, for every provider and for the real providers only
// (what the reports count once Stripe or PayPal is configured). Tenant work cannot touch them.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setTenantAcquisitionChannel } from "@/lib/analytics/acquisition";
import { loadMrrByTier, loadPlatformKpis, mrrByTierFromVersions } from "@/lib/analytics/kpis";
import type { Env } from "@/lib/env";
import { mrrOf } from "@/lib/billing/mrr";
import type { BillingInterval, BillingProvider, SubscriptionStatus } from "@/lib/db/generated/enums";
import { withTenant } from "@/lib/db/tenant";

import { interleaved, type Statement } from "../helpers/interleaved";
import { openIsolatedDb, type IsolatedDb } from "../helpers/isolated-db";
import { testOperator } from "../helpers/operator";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_SECRET_KEY: undefined,
    PAYPAL_CLIENT_ID: undefined,
    PAYPAL_CLIENT_SECRET: undefined,
  }),
);

let iso: IsolatedDb;
const operator = testOperator("revenue-rollups");
const NOW = new Date("2019-12-20T12:00:00Z");
const RANGE = { from: "2019-01", to: "2019-12" };
const TENANTS = 6;
const tenantIds: string[] = [];
const subscriptions: { tenantId: string; id: string; currency: string }[] = [];
const PROVIDERS: BillingProvider[] = ["LOCAL", "STRIPE", "PAYPAL"];
const STATUSES: SubscriptionStatus[] = ["TRIALING", "ACTIVE", "ACTIVE", "PAST_DUE", "CANCELED", "EXPIRED"];
const INTERVALS: BillingInterval[] = ["MONTH", "MONTH", "YEAR"];

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 20261203;
const rnd = random(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
/** A time in 2018-10 … 2019-12 (some before the range: history behind "new" vs "reactivation"). */
const someTime = () =>
  new Date(Date.UTC(2018, 9, 1) + Math.floor(rnd() * 440) * 86_400_000 + Math.floor(rnd() * 86_400_000));
let serial = 0;
const uid = (prefix: string) => `${prefix}_${process.pid}_${(serial += 1)}`;

function versionData(sub: (typeof subscriptions)[number]) {
  const status = pick(STATUSES);
  const interval = pick(INTERVALS);
  const amount = pick([2900, 4900, 9900, 29000]);
  return {
    tenantId: sub.tenantId,
    subscriptionId: sub.id,
    effectiveAt: someTime(),
    tier: "STARTER" as const,
    interval,
    status,
    currency: sub.currency,
    unitAmount: amount,
    mrr: mrrOf(status, interval, amount),
  };
}

function paymentData(tenantId: string) {
  const created = someTime();
  const provider = pick(PROVIDERS);
  return {
    tenantId,
    provider,
    providerId: uid("pay"),
    status: pick(["SUCCEEDED", "SUCCEEDED", "FAILED", "PENDING"] as const),
    currency: pick(["usd", "eur"]),
    amount: pick([0, 2900, 4900, 29000]),
    paidAt: rnd() < 0.8 ? new Date(created.getTime() + 3_600_000) : null,
    providerCreatedAt: created,
    providerUpdatedAt: created,
  };
}

/** One random write (sometimes several customers in one statement). */
async function randomWrite(): Promise<void> {
  const db = iso.db;
  const roll = rnd();
  if (roll < 0.3) {
    const subs = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(subscriptions));
    await db.subscriptionVersion.createMany({ data: subs.map(versionData), skipDuplicates: true });
  } else if (roll < 0.4) {
    const v = await db.subscriptionVersion.findFirst({ skip: Math.floor(rnd() * 5), orderBy: { effectiveAt: "desc" } });
    if (!v) return;
    const status = pick(STATUSES);
    await db.subscriptionVersion.update({
      where: {
        tenantId_subscriptionId_effectiveAt: {
          tenantId: v.tenantId,
          subscriptionId: v.subscriptionId,
          effectiveAt: v.effectiveAt,
        },
      },
      data: { status, mrr: mrrOf(status, v.interval, v.unitAmount) },
    });
  } else if (roll < 0.45) {
    const v = await db.subscriptionVersion.findFirst({ skip: Math.floor(rnd() * 8), orderBy: { effectiveAt: "asc" } });
    if (v)
      await db.subscriptionVersion.deleteMany({
        where: { tenantId: v.tenantId, subscriptionId: v.subscriptionId, effectiveAt: v.effectiveAt },
      });
  } else if (roll < 0.65) {
    await db.payment.createMany({ data: [paymentData(pick(tenantIds)), paymentData(pick(tenantIds))] });
  } else if (roll < 0.75) {
    const p = await db.payment.findFirst({ skip: Math.floor(rnd() * 6), orderBy: { providerId: "desc" } });
    if (!p) return;
    await db.payment.update({
      where: { tenantId_id: { tenantId: p.tenantId, id: p.id } },
      data: { status: pick(["SUCCEEDED", "FAILED"] as const), paidAt: someTime() },
    });
  } else if (roll < 0.78) {
    const p = await db.payment.findFirst({ skip: Math.floor(rnd() * 6), orderBy: { providerId: "asc" } });
    if (p) await db.payment.delete({ where: { tenantId_id: { tenantId: p.tenantId, id: p.id } } });
  } else if (roll < 0.9) {
    const p = await db.payment.findFirst({ where: { status: "SUCCEEDED" }, skip: Math.floor(rnd() * 4) });
    if (!p) return;
    await db.refund.create({
      data: {
        tenantId: p.tenantId,
        provider: p.provider,
        providerId: uid("re"),
        paymentProviderId: p.providerId,
        currency: p.currency,
        amount: Math.min(p.amount, pick([500, 2900])),
        status: pick(["succeeded", "pending", "failed"]),
        providerCreatedAt: someTime(),
      },
    });
  } else if (roll < 0.97) {
    const r = await db.refund.findFirst({ skip: Math.floor(rnd() * 3) });
    if (r)
      await db.refund.update({
        where: { tenantId_id: { tenantId: r.tenantId, id: r.id } },
        data: { status: pick(["succeeded", "canceled"]) },
      });
  } else {
    const r = await db.refund.findFirst({ orderBy: { providerId: "asc" } });
    if (r) await db.refund.delete({ where: { tenantId_id: { tenantId: r.tenantId, id: r.id } } });
  }
}

beforeAll(async () => {
  iso = await openIsolatedDb();
  for (let i = 0; i < TENANTS; i += 1) {
    const tenant = await iso.db.tenant.create({
      data: {
        name: `Revenue ${i}`,
        slug: `revenue-${i}-${process.pid}`,
        createdAt: new Date(Date.UTC(2018, 8 + i, 3)),
        acquisitionChannel: i % 3 === 0 ? null : i % 3 === 1 ? "ads" : "content",
      },
    });
    tenantIds.push(tenant.id);
    // Two subscriptions each, one per provider kind; tenant 0 pays in two currencies.
    for (const [n, provider, currency] of [
      [0, PROVIDERS[i % 3]!, "usd"],
      [1, PROVIDERS[(i + 1) % 3]!, i === 0 ? "eur" : "usd"],
    ] as const) {
      const id = `${tenant.id}-s${n}`;
      await iso.db.subscription.create({
        data: {
          tenantId: tenant.id,
          id,
          provider,
          providerId: uid("sub"),
          tier: "STARTER",
          interval: "MONTH",
          status: "ACTIVE",
          currency,
          unitAmount: 2900,
          providerCreatedAt: NOW,
          providerUpdatedAt: NOW,
        },
      });
      subscriptions.push({ tenantId: tenant.id, id, currency });
    }
  }
}, 120_000);

afterAll(async () => {
  await iso?.close();
});

const both = async () => {
  // MRR by tier now, from the tier rollup and from the versions, must agree on the way.
  expect(await loadMrrByTier(operator, NOW)).toEqual(await mrrByTierFromVersions(operator, NOW));
  return {
    rollups: await loadPlatformKpis(operator, { ...RANGE, now: NOW }),
    rows: await loadPlatformKpis(operator, { ...RANGE, now: NOW, tenantIds }),
  };
};

describe("platform revenue rollups", () => {
  it("equal the computation from the ledger's rows after a randomized sequence of writes", async () => {
    for (let step = 0; step < 120; step += 1) {
      await randomWrite();
      if (step % 40 === 39) {
        const { rollups, rows } = await both();
        expect(rollups, `after ${step + 1} writes (seed ${SEED})`).toEqual(rows);
      }
    }
    const { rollups, rows } = await both();
    // The history means something: MRR, movements, money, trials and channels all appear.
    expect(rows.currencies.map((c) => c.currency)).toEqual(["eur", "usd"]);
    const usd = rows.currencies.find((c) => c.currency === "usd")!.months;
    expect(usd.some((m) => m.mrr > 0)).toBe(true);
    expect(usd.some((m) => m.churnedCustomers > 0 || m.reactivatedCustomers > 0)).toBe(true);
    expect(usd.some((m) => m.cashCollected > 0)).toBe(true);
    expect(rollups).toEqual(rows);
  }, 240_000);

  it("equal it for the real providers only, once Stripe is configured", async () => {
    settings.env.STRIPE_SECRET_KEY = "sk_test_revenue_rollups";
    try {
      const { rollups, rows } = await both();
      expect(rollups).toEqual(rows);
      const all = await (async () => {
        settings.env.STRIPE_SECRET_KEY = undefined;
        return loadPlatformKpis(operator, { ...RANGE, now: NOW });
      })();
      // LOCAL's rows are left out: the two scopes differ on this history.
      expect(all).not.toEqual(rollups);
    } finally {
      settings.env.STRIPE_SECRET_KEY = undefined;
    }
  }, 60_000);

  it("stay exact when writers of the same customers race (backdated versions included)", async () => {
    const racers = subscriptions.slice(0, 4);
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        iso.db.$transaction(
          async (tx) => {
            const sub = racers[i % racers.length]!;
            await tx.subscriptionVersion.createMany({ data: [versionData(sub)], skipDuplicates: true });
            await tx.payment.createMany({ data: [paymentData(sub.tenantId)] });
          },
          // 16 at once queue for the pool's connections: the start wait sized for a busy machine.
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
    const { rollups, rows } = await both();
    expect(rollups).toEqual(rows);
  }, 120_000);

  it("never deadlock when two transactions write months in opposite orders, and stay exact", async () => {
    // Four new customers on Stripe (both scopes). Transaction A writes P's March, then R's May;
    // B writes Q's May, then S's March — a version and a payment each, a statement each, as the
    // webhook worker writes a claim's tenants. Before the fold at commit, each statement locked
    // the platform's counter rows of its months until commit: A held March and waited for May, B
    // held May and waited for March (40P01 on analytics_platform_mrr_movements).
    const customers: { tenantId: string; subscriptionId: string }[] = [];
    for (const name of ["p", "q", "r", "s"]) {
      const tenant = await iso.db.tenant.create({
        data: {
          name: `Order ${name}`,
          slug: `order-${name}-${process.pid}`,
          createdAt: new Date(Date.UTC(2019, 1, 2)),
        },
      });
      const subscriptionId = `${tenant.id}-s`;
      await iso.db.subscription.create({
        data: {
          tenantId: tenant.id,
          id: subscriptionId,
          provider: "STRIPE",
          providerId: uid("sub"),
          tier: "STARTER",
          interval: "MONTH",
          status: "ACTIVE",
          currency: "usd",
          unitAmount: 2900,
          providerCreatedAt: NOW,
          providerUpdatedAt: NOW,
        },
      });
      tenantIds.push(tenant.id);
      customers.push({ tenantId: tenant.id, subscriptionId });
    }
    const [p, q, r, s] = customers as [(typeof customers)[number], ...typeof customers];
    const march = new Date("2019-03-10T12:00:00Z");
    const may = new Date("2019-05-10T12:00:00Z");
    const version = (c: (typeof customers)[number], at: Date): Statement => ({
      text: `INSERT INTO subscription_versions ("tenantId", "subscriptionId", "effectiveAt", tier, interval, status, currency, "unitAmount", mrr)
             VALUES ($1, $2, $3, 'STARTER', 'MONTH', 'ACTIVE', 'usd', 2900, 2900)`,
      values: [c.tenantId, c.subscriptionId, at],
    });
    const payment = (c: (typeof customers)[number], at: Date): Statement => ({
      text: `INSERT INTO payments ("tenantId", id, provider, "providerId", status, currency, amount, "paidAt", "providerCreatedAt", "providerUpdatedAt", "updatedAt")
             VALUES ($1, $2, 'STRIPE', $2, 'SUCCEEDED', 'usd', 2900, $3, $3, $3, now())`,
      values: [c.tenantId, uid("pay"), at],
    });
    const a = [version(p!, march), payment(p!, march), version(r!, may), payment(r!, may)];
    const b = [version(q!, may), payment(q!, may), version(s!, march), payment(s!, march)];
    if (iso.url) {
      expect(await interleaved(iso.url, a, b)).toEqual([null, null]);
    } else {
      // PGlite has one connection: the transactions can only run one after the other.
      for (const statements of [a, b]) {
        await iso.db.$transaction(async (tx) => {
          for (const { text, values } of statements) await tx.$executeRawUnsafe(text, ...(values ?? []));
        });
      }
    }
    const { rollups, rows } = await both();
    expect(rollups).toEqual(rows);
    const usd = rows.currencies.find((c) => c.currency === "usd")!.months;
    expect(usd.find((m) => m.month === "2019-03")!.newCustomers).toBeGreaterThanOrEqual(2);
    // Nothing is left behind: the deltas are folded (and deleted) before their transaction commits.
    expect(await iso.db.analyticsPlatformMrrMovementDelta.count()).toBe(0);
    expect(await iso.db.analyticsPlatformMoneyMonthDelta.count()).toBe(0);
    expect(await iso.db.analyticsPlatformRevenuePending.count()).toBe(0);
  }, 120_000);

  it("move new customers between channels when a workspace's channel is corrected", async () => {
    // Tenant 0 had none (null), 1 "ads", 2 "content": give 0 one, rename 1's, clear 2's.
    await setTenantAcquisitionChannel(operator, tenantIds[0]!, { channel: "partners" });
    await setTenantAcquisitionChannel(operator, tenantIds[1]!, { channel: "events" });
    await iso.db.tenant.update({ where: { id: tenantIds[2]! }, data: { acquisitionChannel: null } });
    const { rollups, rows } = await both();
    expect(rollups).toEqual(rows);
    // Every month (before the range too): the counters hold each "new" row under its workspace's channel now.
    const counted = async () => ({
      counters: await iso.db.$queryRaw<{ channel: string; customers: number }[]>`
        SELECT channel, sum(customers)::int AS customers FROM analytics_platform_channel_months
        GROUP BY 1 HAVING sum(customers) <> 0 ORDER BY 1`,
      rows: await iso.db.$queryRaw<{ channel: string; customers: number }[]>`
        SELECT coalesce(t."acquisitionChannel", '') AS channel, count(*)::int AS customers
        FROM analytics_platform_customer_mrr c JOIN tenants t ON t.id = c."tenantId" WHERE c.kind = 'new'
        GROUP BY 1 ORDER BY 1`,
    });
    const now = await counted();
    expect(now.counters).toEqual(now.rows);
    expect(now.rows.map((r) => r.channel)).toEqual(expect.arrayContaining(["partners", "events"]));
    // A version written after the move counts under the new channel.
    await iso.db.subscriptionVersion.createMany({ data: [versionData(subscriptions[2]!)], skipDuplicates: true });
    const after = await both();
    expect(after.rollups).toEqual(after.rows);
    const later = await counted();
    expect(later.counters).toEqual(later.rows);
  }, 120_000);

  it("tenant-scoped work can neither read nor write them", async () => {
    for (const table of [
      "analytics_platform_customer_mrr",
      "analytics_platform_mrr_movements",
      "analytics_platform_customer_money",
      "analytics_platform_money_months",
      "analytics_platform_customer_trials",
      "analytics_platform_trial_months",
      "analytics_platform_revenue_pending",
      "analytics_platform_mrr_movement_deltas",
      "analytics_platform_money_month_deltas",
      "analytics_platform_trial_month_deltas",
      "analytics_platform_channel_months",
      "analytics_platform_customer_tiers",
      "analytics_platform_tier_mrr",
    ]) {
      await expect(
        withTenant(tenantIds[0]!, (tx) => tx.$queryRawUnsafe(`SELECT count(*) FROM "${table}"`)),
        table,
      ).rejects.toThrow(/permission denied/i);
    }
    await expect(
      withTenant(tenantIds[0]!, (tx) =>
        tx.$queryRawUnsafe(`SELECT analytics_platform_refresh_mrr(ARRAY[$1]::text[])::text`, tenantIds[1]),
      ),
    ).rejects.toThrow(/permission denied/i);
  });
});
