// Metered billing (catalog.ts METERS): API calls beyond the plan's monthly quota and AI tokens
// (usage_events named "ai_tokens"), billed hour by hour to the subscription's provider.
//
// reportUsage() is the hourly job (POST /api/cron/report-usage). For every completed hour it
// compares what is billable with what meter_reports already holds and writes the difference as a
// new row with a deterministic identifier ("<meter>:<tenant>:<hour ISO>:<n>"), so a re-run adds
// nothing and calls flushed late add only the difference. Rows are then sent: a Stripe meter event
// whose identifier and Idempotency-Key are the row's; PayPal and the local provider have no meters,
// so their rows are only recorded (reportedAt set) and shown in the portal. A row is marked
// reported only once the provider accepted it; a failed send is retried by the next run, same
// identifier. Trials are not billed: usage counts from the first hour that starts after the
// subscription began and its trial ended (Stripe does not charge usage during a trial either).
import "server-only";

import { getDb } from "../db/client";
import type { BillingProvider, SubscriptionStatus, Tier } from "../db/generated/enums";
import { withTenant, type TenantTx } from "../db/tenant";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { effectiveTier, TIER_DEFINITIONS, TIERS } from "../tenancy/tiers";
import { flushAllUsage, flushTenantUsage } from "../usage/flush";
import { monthStart, nextMonthStart } from "../usage/keys";
import { formatMoney } from "../format";
import { isCurrency, meteredCharge, METERS, type Currency, type MeterId } from "./catalog";
import type { InvoiceLine } from "./events";
import { LIVE_STATUSES } from "./ledger";
import { sendStripeMeterEvent } from "./stripe/meter";
import { addDays, DAY_MS, HOUR_MS } from "@/lib/calendar";

export const AI_TOKENS_EVENT = "ai_tokens";
/** Stripe accepts meter events at most 35 days old: older hours are neither computed nor sent. */
export const REPORT_LOOKBACK_DAYS = 34;
const STRIPE_MAX_AGE_MS = 35 * DAY_MS;
const METER_IDS = Object.keys(METERS) as MeterId[];
const NEVER = new Date(8.64e15);

export interface HourValue {
  hour: Date;
  value: number;
}

export interface MeterUsage {
  meter: MeterId;
  label: string;
  /** Units used this period, units the plan includes, and units billed beyond them. */
  used: number;
  included: number | null;
  billable: number;
  /** Charge so far and projected to the period's end, minor units. */
  charge: number;
  projectedBillable: number;
  projectedCharge: number;
}

export interface PortalMeteredUsage {
  periodStart: Date;
  periodEnd: Date;
  currency: Currency;
  meters: MeterUsage[];
}

const floorHour = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
const sum = (values: HourValue[]) => values.reduce((total, h) => total + h.value, 0);

/**
 * Billable API calls per hour: with c(h) the month's calls through the end of hour h, hour h bills
 * max(0, c(h) − quota) − max(0, c(h−1) − quota). `calls` must hold every hour with calls since the
 * start of each month it covers; each calendar month (UTC) starts again from zero.
 */
export function hourlyOverage(calls: HourValue[], quota: number | null): HourValue[] {
  let month = Number.NaN;
  let through = 0;
  return [...calls]
    .sort((a, b) => a.hour.getTime() - b.hour.getTime())
    .map(({ hour, value }) => {
      const start = monthStart(hour).getTime();
      if (start !== month) [month, through] = [start, 0];
      const before = through;
      through += value;
      const billable = quota === null ? 0 : Math.max(0, through - quota) - Math.max(0, before - quota);
      return { hour, value: billable };
    });
}

/** The deterministic identifier of the n-th report (0, 1, …) of a meter for one tenant and hour. */
export function meterIdentifier(meter: MeterId, tenantId: string, hour: Date, n: number): string {
  return `${meter}:${tenantId}:${hour.toISOString()}:${n}`;
}

interface BilledSubscription {
  provider: BillingProvider;
  tier: Tier;
  status: SubscriptionStatus;
  currency: string;
  trialEnd: Date | null;
  providerCreatedAt: Date;
}

/** The live subscription usage is billed to: the one giving the tenant its tier (highest, then newest). */
function billedSubscription<S extends BilledSubscription>(subscriptions: S[]): S | null {
  const live = subscriptions.filter((s) => (LIVE_STATUSES as readonly string[]).includes(s.status));
  const rank = (s: S) => TIERS.indexOf(s.tier);
  return live.reduce<S | null>(
    (best, s) =>
      !best || rank(s) > rank(best) || (rank(s) === rank(best) && s.providerCreatedAt > best.providerCreatedAt)
        ? s
        : best,
    null,
  );
}

/** The first hour billed: it starts once the subscription exists and its trial has ended. */
export function billingStartsAt(s: Pick<BilledSubscription, "status" | "trialEnd" | "providerCreatedAt">): Date {
  if (s.status === "TRIALING" && !s.trialEnd) return NEVER;
  const from = Math.max(s.providerCreatedAt.getTime(), s.trialEnd?.getTime() ?? 0);
  return new Date(Math.ceil(from / HOUR_MS) * HOUR_MS);
}

const quotaOf = (tier: Tier) => TIER_DEFINITIONS[tier].limits.apiCallsPerMonth;

/** Calls and AI tokens per hour in [from, to), from the rollups and the usage events. */
async function hourlyUsage(
  tx: TenantTx,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<Record<MeterId, HourValue[]>> {
  const calls = await tx.usageRollup.groupBy({
    by: ["hour"],
    where: { hour: { gte: from, lt: to } },
    _sum: { count: true },
  });
  // Hour index since the epoch: independent of the session's time zone.
  const tokens = await tx.$queryRaw<{ h: bigint | number; value: bigint | number }[]>`
    SELECT floor(extract(epoch FROM "occurredAt") / 3600)::bigint AS h, sum("value")::bigint AS value
    FROM usage_events
    WHERE "tenantId" = ${tenantId} AND "eventName" = ${AI_TOKENS_EVENT}
      AND "occurredAt" >= ${from} AND "occurredAt" < ${to}
    GROUP BY 1`;
  return {
    api_calls: calls.map((row) => ({ hour: row.hour, value: row._sum.count ?? 0 })),
    ai_tokens: tokens.map((row) => ({ hour: new Date(Number(row.h) * HOUR_MS), value: Number(row.value) })),
  };
}

/** Billable units per meter and hour in [from, to) for a subscription of `tier`. */
async function billableHours(
  tx: TenantTx,
  tenantId: string,
  tier: Tier,
  from: Date,
  to: Date,
): Promise<Record<MeterId, HourValue[]>> {
  // The overage of an hour depends on every call since the start of its month.
  const usage = await hourlyUsage(tx, tenantId, monthStart(from), to);
  const inRange = (hours: HourValue[]) => hours.filter((h) => h.hour >= from && h.value > 0);
  return { api_calls: inRange(hourlyOverage(usage.api_calls, quotaOf(tier))), ai_tokens: inRange(usage.ai_tokens) };
}

/**
 * Billable units per meter of `subscription` in [from, to): what Stripe bills in arrears for that
 * period from the meter events this job sends (trial hours are never billed). The local provider
 * puts the same figures on its renewal invoices (overageLines), so the embedded default shows
 * what Stripe would bill.
 */
export async function billableUsageBetween(
  tx: TenantTx,
  tenantId: string,
  subscription: Pick<BilledSubscription, "tier" | "status" | "trialEnd" | "providerCreatedAt">,
  from: Date,
  to: Date,
): Promise<Record<MeterId, number>> {
  const start = new Date(Math.max(from.getTime(), billingStartsAt(subscription).getTime()));
  const units = Object.fromEntries(METER_IDS.map((meter) => [meter, 0])) as Record<MeterId, number>;
  if (start >= to) return units;
  const hours = await billableHours(tx, tenantId, subscription.tier, start, to);
  for (const meter of METER_IDS) units[meter] = sum(hours[meter].filter((h) => h.hour < to));
  return units;
}

/** The invoice lines of metered usage (only meters with billable units), priced like Stripe's meter prices. */
export function overageLines(units: Record<MeterId, number>, currency: Currency, period: string): InvoiceLine[] {
  return METER_IDS.filter((meter) => units[meter] > 0).map((meter) => {
    const spec = METERS[meter];
    const price = `${formatMoney(spec.unitPrice[currency], currency)} per ${spec.per.toLocaleString("en-US")}`;
    return {
      description: `${spec.displayName}, ${period}: ${units[meter].toLocaleString("en-US")} at ${price}`,
      quantity: units[meter],
      // Below a minor unit each: the line's amount is the rounded total, as Stripe rounds it.
      unitAmount: 0,
      amount: meteredCharge(meter, units[meter], currency),
      meter,
    };
  });
}

// ─── The reporting job ─────────────────────────────────────────────────────────

export interface ReportUsageOptions {
  now?: Date;
  /** Only these tenants (operators, tests); every tenant with a live subscription or unsent rows otherwise. */
  tenantIds?: string[];
}

export interface ReportUsageResult {
  tenants: number;
  /** Rows written this run (new hours and late differences). */
  created: number;
  /** Rows Stripe accepted. */
  sent: number;
  /** Rows of PayPal and local subscriptions, recorded as reported (no meter to send them to). */
  recorded: number;
  /** Sends that failed; retried next run with the same identifier. */
  failed: number;
  /** Unsent rows older than Stripe accepts. */
  expired: number;
}

interface TenantPlan {
  created: number;
  provider: BillingProvider | null;
  customerId: string | null;
  pending: { identifier: string; meter: string; hour: Date; value: number }[];
}

/** Writes the rows still owed for one tenant, in one transaction, and returns what is left to send. */
async function planTenant(tenantId: string, now: Date): Promise<TenantPlan> {
  return withTenant(tenantId, async (tx) => {
    const subscriptions = await tx.subscription.findMany({ orderBy: { providerUpdatedAt: "desc" } });
    const billed = billedSubscription(subscriptions);
    const end = floorHour(now);
    let created = 0;
    if (billed) {
      const lookback = floorHour(addDays(now, -REPORT_LOOKBACK_DAYS));
      const from = new Date(Math.max(lookback.getTime(), billingStartsAt(billed).getTime()));
      if (from < end) {
        const due = await billableHours(tx, tenantId, billed.tier, from, end);
        const reported = await tx.meterReport.groupBy({
          by: ["meter", "hour"],
          where: { hour: { gte: from, lt: end } },
          _sum: { value: true },
          _count: { _all: true },
        });
        const held = new Map(reported.map((r) => [`${r.meter}|${r.hour.getTime()}`, r]));
        const rows = METER_IDS.flatMap((meter) =>
          due[meter].flatMap(({ hour, value }) => {
            const prior = held.get(`${meter}|${hour.getTime()}`);
            const difference = value - (prior?._sum.value ?? 0);
            if (difference <= 0) return [];
            const identifier = meterIdentifier(meter, tenantId, hour, prior?._count._all ?? 0);
            return [{ tenantId, identifier, meter, hour, value: difference }];
          }),
        );
        if (rows.length) created = (await tx.meterReport.createMany({ data: rows, skipDuplicates: true })).count;
      }
    }
    const target = billed ?? subscriptions[0] ?? null;
    const pending = await tx.meterReport.findMany({
      where: { reportedAt: null },
      orderBy: [{ hour: "asc" }, { identifier: "asc" }],
      select: { identifier: true, meter: true, hour: true, value: true },
    });
    const account = await tx.billingAccount.findUnique({ where: { tenantId }, select: { stripeCustomerId: true } });
    return { created, provider: target?.provider ?? null, customerId: account?.stripeCustomerId ?? null, pending };
  });
}

/** Marks rows reported and, once an hour's AI-token rows are all reported, its usage events too. */
async function markReported(tenantId: string, rows: TenantPlan["pending"], at: Date): Promise<void> {
  if (!rows.length) return;
  await withTenant(tenantId, async (tx) => {
    await tx.meterReport.updateMany({
      where: { identifier: { in: rows.map((r) => r.identifier) }, reportedAt: null },
      data: { reportedAt: at },
    });
    const hours = [...new Set(rows.filter((r) => r.meter === "ai_tokens").map((r) => r.hour.getTime()))];
    for (const hour of hours) {
      const open = await tx.meterReport.count({
        where: { meter: "ai_tokens", hour: new Date(hour), reportedAt: null },
      });
      if (open > 0) continue;
      // Informational (the events API shows it): billing itself works from the differences above.
      await tx.usageEvent.updateMany({
        where: {
          eventName: AI_TOKENS_EVENT,
          reportedAt: null,
          occurredAt: { gte: new Date(hour), lt: new Date(hour + HOUR_MS) },
        },
        data: { reportedAt: at },
      });
    }
  });
}

async function sendPending(tenantId: string, plan: TenantPlan, now: Date, result: ReportUsageResult): Promise<void> {
  const provider = plan.provider;
  if (!plan.pending.length || !provider) return;
  const count = (outcome: string, n = 1) => metrics().meterReports.inc({ provider, outcome }, n);
  if (provider !== "STRIPE") {
    // PayPal has no usage meters and the local provider simulates: the rows are the record.
    await markReported(tenantId, plan.pending, new Date());
    result.recorded += plan.pending.length;
    count("recorded", plan.pending.length);
    return;
  }
  const accepted: TenantPlan["pending"] = [];
  for (const row of plan.pending) {
    if (now.getTime() - row.hour.getTime() > STRIPE_MAX_AGE_MS) {
      result.expired += 1;
      count("expired");
      continue;
    }
    try {
      if (!plan.customerId) throw new Error("The tenant has no Stripe customer on file.");
      const meter = row.meter as MeterId;
      await sendStripeMeterEvent({ ...row, meter, customerId: plan.customerId });
      accepted.push(row);
      count("sent");
    } catch (error) {
      result.failed += 1;
      count("failed");
      logger.warn("meter event not accepted; retried next run", { tenantId, identifier: row.identifier, error });
    }
  }
  await markReported(tenantId, accepted, new Date());
  result.sent += accepted.length;
}

/** The hourly job: writes what every billed tenant owes per meter and hour, then sends it. */
export async function reportUsage(options: ReportUsageOptions = {}): Promise<ReportUsageResult> {
  const now = options.now ?? new Date();
  const db = await getDb();
  const only = options.tenantIds ? { tenantId: { in: options.tenantIds } } : {};
  const [live, unsent] = await Promise.all([
    db.subscription.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, ...only },
      select: { tenantId: true },
      distinct: ["tenantId"],
    }),
    db.meterReport.findMany({
      where: { reportedAt: null, ...only },
      select: { tenantId: true },
      distinct: ["tenantId"],
    }),
  ]);
  const tenants = [...new Set([...live, ...unsent].map((row) => row.tenantId))].sort();
  const result: ReportUsageResult = {
    tenants: tenants.length,
    created: 0,
    sent: 0,
    recorded: 0,
    failed: 0,
    expired: 0,
  };
  for (const tenantId of tenants) {
    try {
      const plan = await planTenant(tenantId, now);
      result.created += plan.created;
      await sendPending(tenantId, plan, now, result);
    } catch (error) {
      result.failed += 1;
      logger.error("usage report failed for a tenant", { tenantId, error });
    }
  }
  return result;
}

/**
 * The hourly cron: flushes the Redis usage counters first (so the last hour is complete), then
 * reports. A failed flush still reports; calls flushed later are billed as a late difference.
 */
export async function flushAndReportUsage(now = new Date()) {
  const flush = await flushAllUsage(now).catch((error: unknown) => {
    logger.warn("report-usage: counters not flushed", { error });
    return { error: error instanceof Error ? error.message : String(error) };
  });
  return { flush, report: await reportUsage({ now }) };
}

// ─── The portal ────────────────────────────────────────────────────────────────

/** Linear extrapolation of what was billed since `since` to the end of the period. */
function project(billable: number, since: Date, now: Date, end: Date): number {
  if (billable === 0 || now <= since) return billable;
  const elapsed = Math.max(HOUR_MS, now.getTime() - since.getTime());
  return Math.max(billable, Math.round((billable * (end.getTime() - since.getTime())) / elapsed));
}

/** This calendar month's metered usage, charge so far and projection, for the billing portal. */
export async function meteredUsageForPortal(tenantId: string, now = new Date()): Promise<PortalMeteredUsage> {
  try {
    await flushTenantUsage(tenantId);
  } catch (error) {
    logger.warn("billing portal: Redis counters not flushed", { tenantId, error });
  }
  const periodStart = monthStart(now);
  const periodEnd = nextMonthStart(now);
  return withTenant(tenantId, async (tx) => {
    // One query at a time: a transaction is one connection.
    const tenant = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { tier: true, trialTier: true, trialEndsAt: true },
    });
    const subscriptions = await tx.subscription.findMany({ where: { status: { in: [...LIVE_STATUSES] } } });
    const account = await tx.billingAccount.findUnique({ where: { tenantId }, select: { currency: true } });
    const billed = billedSubscription(subscriptions);
    const code = billed?.currency ?? account?.currency ?? "usd";
    const currency: Currency = isCurrency(code) ? code : "usd";
    const quota = quotaOf(billed?.tier ?? effectiveTier(tenant, now));
    const usage = await hourlyUsage(tx, tenantId, periodStart, periodEnd);
    const since = billed ? new Date(Math.max(periodStart.getTime(), billingStartsAt(billed).getTime())) : periodEnd;
    const meters = METER_IDS.map((meter): MeterUsage => {
      const hours = meter === "api_calls" ? hourlyOverage(usage.api_calls, quota) : usage.ai_tokens;
      const billable = sum(hours.filter((h) => h.hour >= since));
      const projectedBillable = project(billable, since, now, periodEnd);
      return {
        meter,
        label: METERS[meter].label,
        used: sum(usage[meter]),
        included: meter === "api_calls" ? quota : 0,
        billable,
        charge: meteredCharge(meter, billable, currency),
        projectedBillable,
        projectedCharge: meteredCharge(meter, projectedBillable, currency),
      };
    });
    return { periodStart, periodEnd, currency, meters };
  });
}
