// Loads the rows the platform KPIs need and computes them (kpi-math.ts). A platform report: it
// takes the authorised Operator and reads with the process client, each query bounded by the
// range (history before it only where a definition looks back: subscription versions for new vs.
// reactivation, payments for observed LTV). Active users and cohort retention come from the
// platform rollups (rows per day and month, kept by triggers; migration
// 20261203080000_analytics_platform_rollups), and so do MRR, movements, money and trials (per month
// and currency; migration 20261203122517_analytics_platform_revenue), new customers per channel and
// MRR by tier now (20261203150000_analytics_platform_revenue_fold): no platform read grows with the
// number of workspaces or ledger rows. Restricted to some tenants
// (`tenantIds`, the tests) everything is read from the tenants' own rows, which is also how the
// tests check the rollups against the raw rows.
import "server-only";

import { getDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { assertOperator, type Operator } from "../tenancy/operator";
import { countedProviders } from "../billing/provider-mode";
import { addMonths, monthKeyOf, monthsBetween, monthStartOf } from "../billing/reports/months";
import { AppError } from "@/lib/errors";
import {
  computeKpis,
  type KpiActivitySummary,
  type KpiCohortSummary,
  type KpiInput,
  type KpiLedgerSummary,
  type KpiReport,
} from "./kpi-math";

export const MAX_KPI_MONTHS = 36;
const UNREFUNDED = ["failed", "canceled", "cancelled"];

export interface KpiOptions {
  /** First and last month ("YYYY-MM"); default: the twelve months through `now`. */
  from?: string;
  to?: string;
  now?: Date;
  /** Only these tenants (tests); all when omitted. */
  tenantIds?: string[];
}

export function kpiRange(options: KpiOptions): { from: string; to: string } {
  const to = options.to ?? monthKeyOf(options.now ?? new Date());
  const from = options.from ?? addMonths(to, -11);
  if (from > to) throw new AppError("bad_request", "from must not be after to.");
  if (monthsBetween(from, to).length > MAX_KPI_MONTHS) {
    throw new AppError("bad_request", `At most ${MAX_KPI_MONTHS} months at a time.`);
  }
  return { from, to };
}

const monthText = Prisma.sql`to_char(month, 'YYYY-MM')`;

export async function loadKpiInput(operator: Operator, options: KpiOptions = {}): Promise<KpiInput> {
  assertOperator(operator);
  const { from, to } = kpiRange(options);
  const end = monthStartOf(addMonths(to, 1));
  const start = monthStartOf(from);
  const tenant = options.tenantIds ? { tenantId: { in: options.tenantIds } } : {};
  const provider = { in: countedProviders() };
  const db = await getDb();
  const now = options.now ?? new Date();
  if (!options.tenantIds) {
    const [spend, activity, cohorts, ledger] = await Promise.all([
      loadSpend(db, start, end),
      loadPlatformActivitySummary(db, start, end, now),
      loadPlatformCohortSummary(db, start, end),
      loadLedgerSummary(db, start, end),
    ]);
    return {
      versions: [],
      payments: [],
      refunds: [],
      tenants: [],
      spend,
      activity: [],
      activitySummary: activity,
      cohortSummary: cohorts,
      ledgerSummary: ledger,
    };
  }
  const [versions, payments, refunds, tenants, spend, activity] = await Promise.all([
    db.subscriptionVersion.findMany({
      where: { ...tenant, effectiveAt: { lt: end }, subscription: { provider } },
      select: { tenantId: true, subscriptionId: true, effectiveAt: true, currency: true, mrr: true, status: true },
    }),
    db.payment.findMany({
      where: {
        ...tenant,
        provider,
        status: "SUCCEEDED",
        OR: [{ paidAt: { lt: end } }, { paidAt: null, providerCreatedAt: { lt: end } }],
      },
      select: { tenantId: true, currency: true, amount: true, paidAt: true, providerCreatedAt: true },
    }),
    db.refund.findMany({
      where: { ...tenant, provider, providerCreatedAt: { lt: end }, status: { notIn: UNREFUNDED } },
      select: { tenantId: true, currency: true, amount: true, providerCreatedAt: true },
    }),
    // The cohorts' workspaces.
    db.tenant.findMany({
      where: { createdAt: { gte: start, lt: end }, id: { in: options.tenantIds } },
      select: { id: true, createdAt: true, acquisitionChannel: true },
    }),
    loadSpend(db, start, end),
    loadActivitySummary(db, start, end, now, options.tenantIds),
  ]);
  // Paying tenants (created in the range or before) need their channel for per-channel CAC.
  const payingIds = [...new Set(versions.map((v) => v.tenantId))];
  const known = new Set(tenants.map((t) => t.id));
  const older = await db.tenant.findMany({
    where: { id: { in: payingIds.filter((id) => !known.has(id)) } },
    select: { id: true, createdAt: true, acquisitionChannel: true },
  });
  return {
    versions,
    payments: payments.map((p) => ({
      tenantId: p.tenantId,
      currency: p.currency,
      amount: p.amount,
      at: p.paidAt ?? p.providerCreatedAt,
    })),
    refunds: refunds.map((r) => ({
      tenantId: r.tenantId,
      currency: r.currency,
      amount: r.amount,
      at: r.providerCreatedAt,
    })),
    // Cohorts are the workspaces created in the range (kpi-math filters); older ones lend their channel.
    tenants: [...tenants, ...older].map((t) => ({ id: t.id, createdAt: t.createdAt, channel: t.acquisitionChannel })),
    spend,
    activity: [],
    activitySummary: activity,
  };
}

type Db = Awaited<ReturnType<typeof getDb>>;

async function loadSpend(db: Db, start: Date, end: Date): Promise<KpiInput["spend"]> {
  const rows = await db.acquisitionSpend.findMany({ where: { month: { gte: start, lt: end } } });
  return rows.map((s) => ({ month: monthKeyOf(s.month), channel: s.channel, currency: s.currency, amount: s.amount }));
}

/**
 * The ledger as the revenue rollups sum it (scope "real" once a real provider is configured, as
 * countedProviders() decides): movements and money of every month before `end` (MRR is their
 * running sum), new customers per channel and trials of the range. Rows per month and currency.
 */
async function loadLedgerSummary(db: Db, start: Date, end: Date): Promise<KpiLedgerSummary> {
  const scope = countedProviders().includes("LOCAL") ? "all" : "real";
  const [movements, money, newByChannel, trials] = await Promise.all([
    db.$queryRaw<KpiLedgerSummary["movements"][number][]>`
      SELECT ${monthText} AS month, currency, kind, amount::float8 AS amount, customers
      FROM analytics_platform_mrr_movements
      WHERE scope = ${scope} AND month < ${end}::date AND (amount <> 0 OR customers <> 0)`,
    db.$queryRaw<KpiLedgerSummary["money"][number][]>`
      SELECT ${monthText} AS month, currency, cash::float8 AS cash, "positiveCash"::float8 AS "positiveCash",
             refunds::float8 AS refunds, "moneyRows", "newPayers"
      FROM analytics_platform_money_months
      WHERE scope = ${scope} AND month < ${end}::date AND ("moneyRows" <> 0 OR "newPayers" <> 0 OR cash <> 0 OR refunds <> 0)`,
    db.$queryRaw<KpiLedgerSummary["newByChannel"][number][]>`
      SELECT ${monthText} AS month, currency, channel, customers FROM analytics_platform_channel_months
      WHERE scope = ${scope} AND month >= ${start}::date AND month < ${end}::date AND channel <> '' AND customers <> 0`,
    db.$queryRaw<KpiLedgerSummary["trials"][number][]>`
      SELECT to_char("trialMonth", 'YYYY-MM') AS month, sum(trials)::int AS trials,
             coalesce(sum(trials) FILTER (WHERE "convertedMonth" < ${end}::date), 0)::int AS converted
      FROM analytics_platform_trial_months
      WHERE scope = ${scope} AND "trialMonth" >= ${start}::date AND "trialMonth" < ${end}::date
      GROUP BY 1`,
  ]);
  return { movements, money, newByChannel, trials };
}

/**
 * The platform's active users from the rollups the triggers keep: distinct users per day and per
 * month across workspaces (rows per day and month, however many workspaces). MAU counts the
 * month's recorded days (none lie after now).
 */
async function loadPlatformActivitySummary(
  db: Awaited<ReturnType<typeof getDb>>,
  start: Date,
  end: Date,
  now: Date,
): Promise<KpiActivitySummary> {
  const last = new Date(Math.min(end.getTime(), now.getTime() + 1));
  const [dau, mau] = await Promise.all([
    db.$queryRaw<{ day: string; users: number }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, "activeUsers" AS users FROM analytics_platform_days
      WHERE day >= ${start}::date AND day < ${end}::date AND day <= ${last}::date`,
    db.$queryRaw<{ month: string; users: number }[]>`
      SELECT ${monthText} AS month, "activeUsers" AS users FROM analytics_platform_months
      WHERE month >= ${start}::date AND month < ${end}::date AND month <= ${last}::date`,
  ]);
  return { dau, mau, tenantMonths: [] };
}

/** Cohort sizes and retained workspaces of the signup months in [start, end), from the rollups. */
export async function loadPlatformCohortSummary(
  db: Awaited<ReturnType<typeof getDb>>,
  start: Date,
  end: Date,
): Promise<KpiCohortSummary> {
  const [sizes, retained] = await Promise.all([
    db.$queryRaw<{ month: string; workspaces: number }[]>`
      SELECT ${monthText} AS month, workspaces FROM analytics_platform_cohort_sizes
      WHERE month >= ${start}::date AND month < ${end}::date`,
    db.$queryRaw<{ cohort: string; month: string; workspaces: number }[]>`
      SELECT to_char("cohortMonth", 'YYYY-MM') AS cohort, ${monthText} AS month, workspaces
      FROM analytics_platform_cohorts
      WHERE "cohortMonth" >= ${start}::date AND "cohortMonth" < ${end}::date AND month < ${end}::date`,
  ]);
  return { sizes, retained };
}

/**
 * Active users counted in PostgreSQL: distinct users per day and per month (across workspaces) and
 * the months each workspace was active. A few hundred rows for a year, however many user-days.
 */
async function loadActivitySummary(
  db: Awaited<ReturnType<typeof getDb>>,
  start: Date,
  end: Date,
  now: Date,
  tenantIds?: string[],
): Promise<KpiActivitySummary> {
  const last = new Date(Math.min(end.getTime(), now.getTime() + 1));
  const only = tenantIds ? Prisma.sql`AND "tenantId" IN (${Prisma.join(tenantIds)})` : Prisma.empty;
  const where = Prisma.sql`day >= ${start}::date AND day < ${end}::date AND day <= ${last}::date ${only}`;
  const [dau, mau, tenantMonths] = await Promise.all([
    db.$queryRaw<{ day: string; users: number }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, count(DISTINCT "userId")::int AS users
      FROM analytics_active_users WHERE ${where} GROUP BY day`,
    db.$queryRaw<{ month: string; users: number }[]>`
      SELECT to_char(day, 'YYYY-MM') AS month, count(DISTINCT "userId")::int AS users
      FROM analytics_active_users WHERE ${where} GROUP BY 1`,
    db.$queryRaw<{ tenantId: string; month: string }[]>`
      SELECT DISTINCT "tenantId", to_char(day, 'YYYY-MM') AS month FROM analytics_active_users WHERE ${where}`,
  ]);
  return { dau, mau, tenantMonths };
}

export async function loadPlatformKpis(operator: Operator, options: KpiOptions = {}): Promise<KpiReport> {
  const range = kpiRange(options);
  const input = await loadKpiInput(operator, options);
  return computeKpis(input, { ...range, asOf: options.now ?? new Date() });
}

export interface TierStatusCount {
  tier: string;
  status: string;
  tenants: number;
}

/** Workspaces by tier and status (deleted ones included: the operator sees the whole picture). */
export async function loadTenantsByTierStatus(operator: Operator): Promise<TierStatusCount[]> {
  assertOperator(operator);
  const db = await getDb();
  const rows = await db.tenant.groupBy({ by: ["tier", "status"], _count: { _all: true } });
  return rows
    .map((r) => ({ tier: r.tier, status: r.status, tenants: r._count._all }))
    .sort((a, b) => a.tier.localeCompare(b.tier) || a.status.localeCompare(b.status));
}

export interface TierMrr {
  tier: string;
  currency: string;
  mrr: number;
  customers: number;
}

/**
 * MRR now by the tier of each subscription's latest version, per currency: from the tier rollup
 * (rows per tier and currency), which counts each subscription's latest version whatever its date —
 * so while any version lies after `now` (a scheduled change), from the versions themselves.
 */
export async function loadMrrByTier(operator: Operator, now = new Date()): Promise<TierMrr[]> {
  assertOperator(operator);
  const db = await getDb();
  const scheduled = await db.subscriptionVersion.findFirst({
    where: { effectiveAt: { gt: now } },
    select: { mrr: true },
  });
  if (scheduled) return mrrByTierFromVersions(operator, now);
  const scope = countedProviders().includes("LOCAL") ? "all" : "real";
  const rows = await db.$queryRaw<TierMrr[]>`
    SELECT tier, currency, mrr::float8 AS mrr, customers FROM analytics_platform_tier_mrr
    WHERE scope = ${scope} AND customers <> 0`;
  return rows.sort(byCurrencyAndMrr);
}

/** loadMrrByTier computed from every subscription's versions (a scheduled change; the tests). */
export async function mrrByTierFromVersions(operator: Operator, now = new Date()): Promise<TierMrr[]> {
  assertOperator(operator);
  const db = await getDb();
  const providers = countedProviders();
  const versions = await db.subscriptionVersion.findMany({
    where: { effectiveAt: { lte: now }, subscription: { provider: { in: providers } } },
    select: { tenantId: true, subscriptionId: true, effectiveAt: true, tier: true, currency: true, mrr: true },
    orderBy: { effectiveAt: "asc" },
  });
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) latest.set(`${v.tenantId}\u0000${v.subscriptionId}`, v);
  const out = new Map<string, TierMrr & { ids: Set<string> }>();
  for (const v of latest.values()) {
    if (v.mrr <= 0) continue;
    const key = `${v.tier}\u0000${v.currency}`;
    const row = out.get(key) ?? { tier: v.tier, currency: v.currency, mrr: 0, customers: 0, ids: new Set<string>() };
    row.mrr += v.mrr;
    row.ids.add(v.tenantId);
    row.customers = row.ids.size;
    out.set(key, row);
  }
  return [...out.values()].map(({ ids: _ids, ...row }) => row).sort(byCurrencyAndMrr);
}

const byCurrencyAndMrr = (a: TierMrr, b: TierMrr) =>
  a.currency.localeCompare(b.currency) || b.mrr - a.mrr || a.tier.localeCompare(b.tier);
