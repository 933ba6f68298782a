// Scrape-time gauges: the business (tenants, MRR, trials, churn, seats, quota), billing queues and
// the health of the database and Redis, computed from the database when Prometheus scrapes and
// cached for BUSINESS_CACHE_MS so frequent scrapes (or several Prometheus servers) cost one set of
// aggregate queries per interval. Every query is a GROUP BY or count over indexed columns; labels
// are enum values (tier, status, provider) and currencies, never tenant ids.
//
// Each app instance reports the same database-wide numbers: dashboards aggregate these gauges with
// max() (not sum()) across instances — see docs/monitoring.md.
import "server-only";

import { pingRedis } from "../cache/redis";
import { dbKind, getDb } from "../db/client";
import type { Tier } from "../db/generated/enums";
import { runtimeMode } from "../env";
import { TIER_DEFINITIONS, effectiveTier } from "../tenancy/tiers";
import { monthStart } from "../usage/keys";
import { appVersion } from "../version";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import type { MetricName } from "../observability/catalogue";
import { DAY_MS } from "@/lib/calendar";

export const BUSINESS_CACHE_MS = 15_000;

type Values = { labels: Record<string, string>; value: number }[];
export type ScrapeSnapshot = Partial<Record<MetricName, Values>>;

const lower = (value: string) => value.toLowerCase();

function add(values: Values, labels: Record<string, string>, value: number): void {
  const key = JSON.stringify(labels);
  const found = values.find((entry) => JSON.stringify(entry.labels) === key);
  if (found) found.value += value;
  else values.push({ labels, value });
}

/** Every gauge computed from the database, as plain values (no Prometheus objects: testable). */
export async function computeBusinessSnapshot(now = new Date()): Promise<ScrapeSnapshot> {
  const db = await getDb();
  const since30d = new Date(now.getTime() - 30 * DAY_MS);
  const since24h = new Date(now.getTime() - DAY_MS);
  const [
    tenants,
    trials,
    subscriptions,
    earning,
    started,
    canceled,
    users,
    activeTenants,
    memberships,
    monthCalls,
    recentCalls,
    dunning,
    payments,
    backlog,
    oldestPending,
  ] = await Promise.all([
    db.tenant.groupBy({ by: ["tier", "status"], where: { purgedAt: null }, _count: { _all: true } }),
    db.tenant.groupBy({
      by: ["trialTier"],
      where: { status: "ACTIVE", trialTier: { not: null }, trialEndsAt: { gt: now } },
      _count: { _all: true },
    }),
    db.subscription.groupBy({ by: ["provider", "tier", "status"], _count: { _all: true } }),
    db.subscription.groupBy({
      by: ["tier", "currency", "interval"],
      where: { status: { in: ["ACTIVE", "PAST_DUE"] } },
      _sum: { unitAmount: true },
    }),
    db.subscription.groupBy({ by: ["tier"], where: { providerCreatedAt: { gte: since30d } }, _count: { _all: true } }),
    db.subscription.groupBy({ by: ["tier"], where: { canceledAt: { gte: since30d } }, _count: { _all: true } }),
    db.user.count(),
    db.tenant.findMany({
      where: { status: "ACTIVE" },
      select: { id: true, tier: true, trialTier: true, trialEndsAt: true },
    }),
    db.membership.groupBy({ by: ["tenantId"], where: { tenant: { status: "ACTIVE" } }, _count: { _all: true } }),
    db.usageRollup.groupBy({ by: ["tenantId"], where: { hour: { gte: monthStart(now) } }, _sum: { count: true } }),
    db.usageRollup.groupBy({ by: ["tenantId"], where: { hour: { gte: since30d } }, _max: { hour: true } }),
    db.billingAccount.findMany({
      where: { pastDueSince: { not: null }, tenant: { status: "ACTIVE" } },
      select: { tenant: { select: { tier: true } } },
    }),
    db.payment.groupBy({
      by: ["provider", "status"],
      where: { providerCreatedAt: { gte: since24h } },
      _count: { _all: true },
    }),
    db.webhookEvent.groupBy({
      by: ["provider", "status"],
      where: { status: { in: ["RECEIVED", "FAILED"] } },
      _count: { _all: true },
    }),
    db.webhookEvent.aggregate({ where: { status: { in: ["RECEIVED", "FAILED"] } }, _min: { receivedAt: true } }),
  ]);
  const activeUsers = await db.membership.findMany({
    where: { tenant: { status: "ACTIVE" } },
    distinct: ["userId"],
    select: { userId: true },
  });

  const snapshot: ScrapeSnapshot = {};
  const put = (name: MetricName, values: Values) => (snapshot[name] = values);

  put(
    "tessera_tenants",
    tenants.map((row) => ({ labels: { tier: lower(row.tier), status: lower(row.status) }, value: row._count._all })),
  );
  put(
    "tessera_tenants_trialing",
    trials.map((row) => ({ labels: { tier: lower(row.trialTier ?? "FREE") }, value: row._count._all })),
  );
  put(
    "tessera_subscriptions",
    subscriptions.map((row) => ({
      labels: { provider: lower(row.provider), tier: lower(row.tier), status: lower(row.status) },
      value: row._count._all,
    })),
  );
  const mrr: Values = [];
  for (const row of earning) {
    const sum = row._sum.unitAmount ?? 0;
    add(
      mrr,
      { tier: lower(row.tier), currency: lower(row.currency) },
      row.interval === "YEAR" ? Math.round(sum / 12) : sum,
    );
  }
  put("tessera_mrr_minor_units", mrr);
  put(
    "tessera_subscriptions_started_30d",
    started.map((row) => ({ labels: { tier: lower(row.tier) }, value: row._count._all })),
  );
  put(
    "tessera_subscriptions_canceled_30d",
    canceled.map((row) => ({ labels: { tier: lower(row.tier) }, value: row._count._all })),
  );
  put("tessera_users", [{ labels: {}, value: users }]);
  put("tessera_active_users", [{ labels: {}, value: activeUsers.length }]);

  const members = new Map(memberships.map((row) => [row.tenantId, row._count._all]));
  const calls = new Map(monthCalls.map((row) => [row.tenantId, row._sum.count ?? 0]));
  const seatsUsed: Values = [];
  const seatsLimit: Values = [];
  const atSeatLimit: Values = [];
  const callsMonth: Values = [];
  const quotaMonth: Values = [];
  const nearQuota: Values = [];
  for (const tenant of activeTenants) {
    const tier: Tier = effectiveTier(tenant, now);
    const labels = { tier: lower(tier) };
    const { users: seatLimit, apiCallsPerMonth } = TIER_DEFINITIONS[tier].limits;
    const used = members.get(tenant.id) ?? 0;
    const tenantCalls = calls.get(tenant.id) ?? 0;
    add(seatsUsed, labels, used);
    add(callsMonth, labels, tenantCalls);
    add(atSeatLimit, labels, seatLimit !== null && used >= seatLimit ? 1 : 0);
    add(nearQuota, labels, apiCallsPerMonth !== null && tenantCalls >= 0.8 * apiCallsPerMonth ? 1 : 0);
    if (seatLimit !== null) add(seatsLimit, labels, seatLimit);
    if (apiCallsPerMonth !== null) add(quotaMonth, labels, apiCallsPerMonth);
  }
  put("tessera_seats_used", seatsUsed);
  put("tessera_seats_limit", seatsLimit);
  put("tessera_tenants_at_seat_limit", atSeatLimit);
  put("tessera_api_calls_month", callsMonth);
  put("tessera_api_quota_month", quotaMonth);
  put("tessera_tenants_near_quota", nearQuota);
  put(
    "tessera_active_tenants",
    (
      [
        ["1d", DAY_MS],
        ["7d", 7 * DAY_MS],
        ["30d", 30 * DAY_MS],
      ] as const
    ).map(([window, span]) => ({
      labels: { window },
      value: recentCalls.filter((row) => (row._max.hour?.getTime() ?? 0) >= now.getTime() - span).length,
    })),
  );

  const dunningByTier: Values = [];
  for (const account of dunning) add(dunningByTier, { tier: lower(account.tenant.tier) }, 1);
  put("tessera_dunning_accounts", dunningByTier);
  put(
    "tessera_payments_24h",
    payments.map((row) => ({
      labels: { provider: lower(row.provider), status: lower(row.status) },
      value: row._count._all,
    })),
  );
  put(
    "tessera_webhook_backlog",
    backlog.map((row) => ({
      labels: { provider: lower(row.provider), status: lower(row.status) },
      value: row._count._all,
    })),
  );
  const oldest = oldestPending._min.receivedAt;
  put("tessera_webhook_oldest_pending_age_seconds", [
    { labels: {}, value: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 },
  ]);
  return snapshot;
}

interface Cache {
  at: number;
  pending?: Promise<void>;
}

const globalForScrape = globalThis as unknown as { __tesseraScrape?: Cache };

function apply(snapshot: ScrapeSnapshot): void {
  const m = metrics();
  for (const [name, values] of Object.entries(snapshot) as [MetricName, Values][]) {
    const gauge = m.get(name) as unknown as { reset(): void; set(labels: Record<string, string>, value: number): void };
    gauge.reset();
    for (const { labels, value } of values) gauge.set(labels, value);
  }
}

async function refresh(now: Date): Promise<void> {
  const m = metrics();
  const started = performance.now();
  const [redis, database] = await Promise.all([
    pingRedis(),
    getDb()
      .then((db) => db.$queryRaw`SELECT 1`)
      .then(
        () => true,
        () => false,
      ),
  ]);
  const redisUp = m.get("tessera_redis_up") as unknown as { reset(): void; set(l: object, v: number): void };
  redisUp.reset();
  redisUp.set({ kind: runtimeMode.cache }, redis.ok ? 1 : 0);
  const dbUp = m.get("tessera_database_up") as unknown as { reset(): void; set(l: object, v: number): void };
  dbUp.reset();
  dbUp.set({ kind: dbKind() }, database ? 1 : 0);
  (m.get("tessera_build_info") as unknown as { set(l: object, v: number): void }).set({ version: appVersion }, 1);
  if (database) {
    try {
      apply(await computeBusinessSnapshot(now));
    } catch (error) {
      logger.warn("business metrics not computed", { error });
    }
  }
  (m.get("tessera_business_metrics_scrape_duration_seconds") as unknown as { set(v: number): void }).set(
    (performance.now() - started) / 1000,
  );
}

/**
 * Brings the scrape-time gauges up to date unless they were computed less than BUSINESS_CACHE_MS
 * ago; concurrent scrapes share one computation.
 */
export async function refreshScrapeGauges(now = new Date(), maxAgeMs = BUSINESS_CACHE_MS): Promise<void> {
  const cache = (globalForScrape.__tesseraScrape ??= { at: 0 });
  if (cache.pending) return cache.pending;
  if (now.getTime() - cache.at < maxAgeMs) return;
  cache.pending = refresh(now).finally(() => {
    cache.at = now.getTime();
    cache.pending = undefined;
  });
  return cache.pending;
}
