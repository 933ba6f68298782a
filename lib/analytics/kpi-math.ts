// The SaaS KPIs, computed from ledger, tenant and activity rows by pure functions (kpis.ts loads
// the rows). Every definition is written down in docs/metrics.md; the tests in kpi-math.test.ts
// check them on hand-computed histories.
//
// Money figures are per currency, in integer minor units; two currencies are never added together
// (no FX guessing). Months are UTC calendar months ("YYYY-MM"). MRR, ARR, customers, movements,
// cash and refunds come from the billing revenue report (lib/billing/reports/revenue-math.ts), so
// the analytics pages and the revenue report can never disagree. The shapes are in kpi-shapes.ts;
// the report from the platform's revenue rollups in kpi-ledger.ts.
import { computeRevenueReport, type RevenueMonth, type VersionInput } from "../billing/reports/revenue-math";
import { addMonths, monthKeyOf, monthsBetween, monthStartOf } from "../billing/reports/months";
import { observedLtvFromSummary, revenueFromSummary } from "./kpi-ledger";
import {
  divideMoney,
  LTV_CHURN_WINDOW,
  ratio,
  type ActivityDay,
  type ActivityMonth,
  type ChannelCac,
  type CurrencyKpiMonth,
  type KpiActivity,
  type KpiActivitySummary,
  type KpiCohortSummary,
  type KpiInput,
  type KpiRange,
  type KpiReport,
  type RetentionCohort,
  type TrialCohort,
} from "./kpi-shapes";

export * from "./kpi-shapes";
export { revenueFromSummary } from "./kpi-ledger";

/** The summary of raw activity rows (what the loader's SQL computes; the tests check both agree). */
export function summariseActivity(activity: readonly KpiActivity[]): KpiActivitySummary {
  const byDay = activityIndex(activity);
  const byMonth = new Map<string, Set<string>>();
  const tenantMonths = new Set<string>();
  for (const a of activity) {
    const month = a.day.slice(0, 7);
    let set = byMonth.get(month);
    if (!set) byMonth.set(month, (set = new Set()));
    set.add(a.userId);
    tenantMonths.add(`${a.tenantId}${SEP}${month}`);
  }
  return {
    dau: [...byDay.entries()].map(([day, users]) => ({ day, users: users.size })),
    mau: [...byMonth.entries()].map(([month, users]) => ({ month, users: users.size })),
    tenantMonths: [...tenantMonths].map((key) => {
      const [tenantId = "", month = ""] = key.split(SEP);
      return { tenantId, month };
    }),
  };
}

const SEP = "\u0000";

/** Per (tenant, currency) MRR at the end of each month from..to (latest version before the boundary). */
export function tenantMrrAtMonthEnds(
  versions: readonly VersionInput[],
  from: string,
  to: string,
): Map<string, Map<string, number>> {
  const bySubscription = new Map<string, VersionInput[]>();
  for (const v of versions) {
    const key = `${v.tenantId}${SEP}${v.subscriptionId}`;
    const list = bySubscription.get(key);
    if (list) list.push(v);
    else bySubscription.set(key, [v]);
  }
  const histories = [...bySubscription.values()].map((list) =>
    list.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime()),
  );
  const cursors = histories.map(() => -1);
  const result = new Map<string, Map<string, number>>();
  for (const month of monthsBetween(from, to)) {
    const boundary = monthStartOf(addMonths(month, 1)).getTime();
    const mrr = new Map<string, number>();
    histories.forEach((history, i) => {
      let cursor = cursors[i] ?? -1;
      while (cursor + 1 < history.length && (history[cursor + 1]?.effectiveAt.getTime() ?? Infinity) < boundary) {
        cursor += 1;
      }
      cursors[i] = cursor;
      const version = history[cursor];
      if (!version || version.mrr <= 0) return;
      const key = `${version.tenantId}${SEP}${version.currency}`;
      mrr.set(key, (mrr.get(key) ?? 0) + version.mrr);
    });
    result.set(month, mrr);
  }
  return result;
}

function earliestMonth(input: KpiInput, fallback: string): string {
  let min = fallback;
  for (const v of input.versions) {
    const key = monthKeyOf(v.effectiveAt);
    if (key < min) min = key;
  }
  return min;
}

/** New customers per (month, currency, tenant): the first month end with MRR > 0 in the currency. */
function newCustomersByMonth(input: KpiInput, to: string): Map<string, { tenantId: string; currency: string }[]> {
  const start = earliestMonth(input, to);
  const snapshots = tenantMrrAtMonthEnds(input.versions, start, to);
  const seen = new Set<string>();
  const result = new Map<string, { tenantId: string; currency: string }[]>();
  for (const [month, mrr] of snapshots) {
    for (const key of mrr.keys()) {
      if (seen.has(key)) continue;
      seen.add(key);
      const [tenantId = "", currency = ""] = key.split(SEP);
      const list = result.get(month) ?? [];
      list.push({ tenantId, currency });
      result.set(month, list);
    }
  }
  return result;
}

function observedLtv(input: KpiInput, currency: string, month: string): number | null {
  const end = monthStartOf(addMonths(month, 1)).getTime();
  const payers = new Set<string>();
  let net = 0;
  for (const p of input.payments) {
    if (p.currency !== currency || p.at.getTime() >= end || p.amount <= 0) continue;
    payers.add(p.tenantId);
    net += p.amount;
  }
  for (const r of input.refunds) {
    if (r.currency === currency && r.at.getTime() < end) net -= r.amount;
  }
  return divideMoney(net, payers.size);
}

function currencyMonths(input: KpiInput, range: KpiRange): KpiReport["currencies"] {
  // Start early enough that the first month has its previous month and LTV's churn window.
  const lead = addMonths(range.from, -LTV_CHURN_WINDOW);
  const summary = input.ledgerSummary;
  const report = summary
    ? revenueFromSummary(summary, { from: lead, to: range.to })
    : computeRevenueReport(
        { versions: input.versions, payments: input.payments, refunds: input.refunds },
        { from: lead, to: range.to },
      );
  const currencies = new Set(report.currencies.map((c) => c.currency));
  for (const s of input.spend) currencies.add(s.currency);
  const observed = summary
    ? (currency: string, month: string) => observedLtvFromSummary(summary, currency, month)
    : (currency: string, month: string) => observedLtv(input, currency, month);

  return [...currencies].sort().map((currency) => {
    const months: RevenueMonth[] = report.currencies.find((c) => c.currency === currency)?.months ?? [];
    const byMonth = new Map(months.map((m) => [m.month, m]));
    const out: CurrencyKpiMonth[] = [];
    for (const month of monthsBetween(range.from, range.to)) {
      const row = byMonth.get(month);
      const previous = byMonth.get(addMonths(month, -1));
      const mrr = row?.mrr ?? 0;
      const customers = row?.customers ?? 0;
      const startCustomers = previous?.customers ?? 0;
      const startMrr = row?.previousMrr ?? 0;
      const mv = row?.movements ?? { new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 };
      const mc = row?.movementCustomers ?? { new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 };
      let pooledChurned = 0;
      let pooledStart = 0;
      for (let k = 0; k < LTV_CHURN_WINDOW; k += 1) {
        const m = byMonth.get(addMonths(month, -k));
        const before = byMonth.get(addMonths(month, -k - 1));
        pooledChurned += m?.movementCustomers.churn ?? 0;
        pooledStart += before?.customers ?? 0;
      }
      const arpu = divideMoney(mrr, customers);
      const ltvChurn = ratio(pooledChurned, pooledStart);
      // ARPU ÷ churn = (MRR ÷ customers) × (start customers ÷ churned), from the unrounded parts.
      const ltv =
        customers > 0 && pooledChurned > 0 ? Math.round((mrr * pooledStart) / (customers * pooledChurned)) : null;
      const spend = input.spend
        .filter((s) => s.month === month && s.currency === currency)
        .reduce((sum, s) => sum + s.amount, 0);
      // New customers: the first month end with MRR in the currency (the report's "new" movement).
      const cac = divideMoney(spend, mc.new);
      out.push({
        month,
        mrr,
        arr: mrr * 12,
        customers,
        startCustomers,
        startMrr,
        arpu,
        newCustomers: mc.new,
        reactivatedCustomers: mc.reactivation,
        churnedCustomers: mc.churn,
        logoChurn: ratio(mc.churn, startCustomers),
        revenueChurn: ratio(mv.churn + mv.contraction, startMrr),
        nrr: ratio(startMrr + mv.expansion - mv.contraction - mv.churn, startMrr),
        ltvChurn,
        ltv,
        ltvObserved: observed(currency, month),
        spend,
        cac,
        ltvCac: ltv !== null && cac !== null && cac > 0 ? Math.round((ltv / cac) * 100) / 100 : null,
        cashCollected: row?.cashCollected ?? 0,
        refunds: row?.refunds ?? 0,
        netRevenue: row?.netRevenue ?? 0,
      });
    }
    return { currency, months: out };
  });
}

function channelCac(input: KpiInput, range: KpiRange): ChannelCac[] {
  const keys = new Map<string, ChannelCac>();
  const entry = (month: string, channel: string, currency: string) => {
    const key = [month, channel, currency].join(SEP);
    let row = keys.get(key);
    if (!row) keys.set(key, (row = { month, channel, currency, spend: 0, newCustomers: 0, cac: null }));
    return row;
  };
  for (const s of input.spend) {
    if (s.month < range.from || s.month > range.to) continue;
    entry(s.month, s.channel, s.currency).spend += s.amount;
  }
  if (input.ledgerSummary) {
    for (const n of input.ledgerSummary.newByChannel) {
      if (n.month < range.from || n.month > range.to || !n.channel) continue;
      entry(n.month, n.channel, n.currency).newCustomers += n.customers;
    }
  } else {
    const channelOf = new Map(input.tenants.map((t) => [t.id, t.channel]));
    for (const [month, list] of newCustomersByMonth(input, range.to)) {
      if (month < range.from || month > range.to) continue;
      for (const n of list) {
        const channel = channelOf.get(n.tenantId);
        if (channel) entry(month, channel, n.currency).newCustomers += 1;
      }
    }
  }
  return [...keys.values()]
    .map((row) => ({ ...row, cac: divideMoney(row.spend, row.newCustomers) }))
    .sort((a, b) => (a.month + a.channel + a.currency).localeCompare(b.month + b.channel + b.currency));
}

function trialCohorts(input: KpiInput, range: KpiRange): TrialCohort[] {
  if (input.ledgerSummary) {
    return input.ledgerSummary.trials
      .filter((t) => t.trials > 0 && t.month >= range.from && t.month <= range.to)
      .map((t) => ({ month: t.month, trials: t.trials, converted: t.converted, rate: ratio(t.converted, t.trials) }))
      .sort((a, b) => a.month.localeCompare(b.month));
  }
  const trialStart = new Map<string, Date>();
  for (const v of input.versions) {
    if (v.status !== "TRIALING") continue;
    const seen = trialStart.get(v.tenantId);
    if (!seen || v.effectiveAt < seen) trialStart.set(v.tenantId, v.effectiveAt);
  }
  const cohorts = new Map<string, TrialCohort>();
  for (const [tenantId, start] of trialStart) {
    const month = monthKeyOf(start);
    if (month < range.from || month > range.to) continue;
    const converted = input.versions.some((v) => v.tenantId === tenantId && v.mrr > 0 && v.effectiveAt >= start);
    const cohort = cohorts.get(month) ?? { month, trials: 0, converted: 0, rate: null };
    cohort.trials += 1;
    if (converted) cohort.converted += 1;
    cohorts.set(month, cohort);
  }
  return [...cohorts.values()]
    .map((c) => ({ ...c, rate: ratio(c.converted, c.trials) }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** Retention cohorts from counts the database made (the same definition as retentionCohorts). */
export function cohortsFromSummary(summary: KpiCohortSummary, range: KpiRange): RetentionCohort[] {
  const retained = new Map(summary.retained.map((r) => [`${r.cohort}${SEP}${r.month}`, r.workspaces]));
  return summary.sizes
    .filter((c) => c.workspaces > 0 && c.month >= range.from && c.month <= range.to)
    .sort((a, b) => a.month.localeCompare(b.month))
    .map(({ month, workspaces }) => {
      const counts = monthsBetween(month, range.to).map((m) => retained.get(`${month}${SEP}${m}`) ?? 0);
      return { month, size: workspaces, retained: counts, rates: counts.map((r) => ratio(r, workspaces) ?? 0) };
    });
}

function retentionCohorts(input: KpiInput, range: KpiRange): RetentionCohort[] {
  if (input.cohortSummary) return cohortsFromSummary(input.cohortSummary, range);
  const activeMonths = new Map<string, Set<string>>();
  const pairs =
    input.activitySummary?.tenantMonths ??
    input.activity.map((a) => ({ tenantId: a.tenantId, month: a.day.slice(0, 7) }));
  for (const { tenantId, month } of pairs) {
    let set = activeMonths.get(tenantId);
    if (!set) activeMonths.set(tenantId, (set = new Set()));
    set.add(month);
  }
  const cohorts = new Map<string, string[]>();
  for (const t of input.tenants) {
    const month = monthKeyOf(t.createdAt);
    if (month < range.from || month > range.to) continue;
    const list = cohorts.get(month) ?? [];
    list.push(t.id);
    cohorts.set(month, list);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, ids]) => {
      const offsets = monthsBetween(month, range.to);
      const retained = offsets.map((m) => ids.filter((id) => activeMonths.get(id)?.has(m)).length);
      return { month, size: ids.length, retained, rates: retained.map((r) => ratio(r, ids.length) ?? 0) };
    });
}

const dayKey = (at: Date) => at.toISOString().slice(0, 10);

/** Distinct active users per day, and per calendar month (users counted once across workspaces). */
function activityIndex(activity: readonly KpiActivity[]) {
  const byDay = new Map<string, Set<string>>();
  for (const a of activity) {
    let set = byDay.get(a.day);
    if (!set) byDay.set(a.day, (set = new Set()));
    set.add(a.userId);
  }
  return byDay;
}

function daysOf(month: string, asOf: Date): string[] {
  const days: string[] = [];
  const end = Math.min(monthStartOf(addMonths(month, 1)).getTime(), asOf.getTime() + 1);
  for (let t = monthStartOf(month).getTime(); t < end; t += 86_400_000) days.push(dayKey(new Date(t)));
  return days;
}

export function activityMonths(activity: readonly KpiActivity[], range: KpiRange): ActivityMonth[] {
  const asOf = range.asOf ?? new Date(monthStartOf(addMonths(range.to, 1)).getTime() - 1);
  const byDay = activityIndex(activity);
  return monthsBetween(range.from, range.to).map((month) => {
    const days = daysOf(month, asOf);
    const users = new Set<string>();
    let dauSum = 0;
    for (const day of days) {
      const set = byDay.get(day);
      if (!set) continue;
      dauSum += set.size;
      for (const u of set) users.add(u);
    }
    const averageDau = days.length ? Math.round((dauSum / days.length) * 100) / 100 : 0;
    return { month, averageDau, mau: users.size, stickiness: ratio(dauSum, days.length * users.size) };
  });
}

/** As activityMonths, from counts the database made (same arithmetic, no user ids). */
export function activityMonthsFromSummary(summary: KpiActivitySummary, range: KpiRange): ActivityMonth[] {
  const asOf = range.asOf ?? new Date(monthStartOf(addMonths(range.to, 1)).getTime() - 1);
  const dau = new Map(summary.dau.map((d) => [d.day, d.users]));
  const mau = new Map(summary.mau.map((m) => [m.month, m.users]));
  return monthsBetween(range.from, range.to).map((month) => {
    const days = daysOf(month, asOf);
    const dauSum = days.reduce((sum, day) => sum + (dau.get(day) ?? 0), 0);
    const users = dauSum === 0 ? 0 : (mau.get(month) ?? 0);
    const averageDau = days.length ? Math.round((dauSum / days.length) * 100) / 100 : 0;
    return { month, averageDau, mau: users, stickiness: ratio(dauSum, days.length * users) };
  });
}

/** DAU, trailing-30-day MAU and their ratio for each day from..to (YYYY-MM-DD, both included). */
export function activityDays(activity: readonly KpiActivity[], from: string, to: string): ActivityDay[] {
  const byDay = activityIndex(activity);
  const out: ActivityDay[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start; t <= end; t += 86_400_000) {
    const day = dayKey(new Date(t));
    const users = new Set<string>();
    for (let k = 0; k < 30; k += 1) for (const u of byDay.get(dayKey(new Date(t - k * 86_400_000))) ?? []) users.add(u);
    const dau = byDay.get(day)?.size ?? 0;
    out.push({ day, dau, mau30: users.size, stickiness: ratio(dau, users.size) });
  }
  return out;
}

export function computeKpis(input: KpiInput, range: KpiRange): KpiReport {
  if (range.from > range.to) throw new RangeError(`The range starts (${range.from}) after it ends (${range.to}).`);
  return {
    from: range.from,
    to: range.to,
    currencies: currencyMonths(input, range),
    channelCac: channelCac(input, range),
    trials: trialCohorts(input, range),
    cohorts: retentionCohorts(input, range),
    activity: input.activitySummary
      ? activityMonthsFromSummary(input.activitySummary, range)
      : activityMonths(input.activity, range),
  };
}
