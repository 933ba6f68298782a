// The monthly revenue report, computed from ledger rows by pure functions (revenue.ts loads them).
//
// Definitions (UTC calendar months; every figure is per currency, in integer minor units; two
// currencies are never added together):
// - MRR at a month's end: for every subscription, the `mrr` of its latest version with
//   effectiveAt < the next month's first instant, summed. Versions carry MRR already normalised
//   (a yearly price counts a twelfth; trials, pauses and ended subscriptions count 0: lib/billing/mrr.ts).
// - ARR = 12 × MRR.
// - Customers: tenants with MRR > 0 in that currency at the month's end.
// - Movements compare each customer's (tenant's) MRR in the currency at this month's end with the
//   previous month's end (p → c):
//     new           p = 0, c > 0, and the customer never had MRR > 0 in this currency at an earlier month end
//     reactivation  p = 0, c > 0, after having had MRR > 0 at an earlier month end
//     expansion     0 < p < c            (amount c − p)
//     contraction   0 < c < p            (amount p − c)
//     churn         p > 0, c = 0         (amount p)
//   Movement amounts are all ≥ 0, so MRR(m) = MRR(m−1) + new + reactivation + expansion − contraction − churn.
//   A subscription that starts and ends inside one month never reaches a month end and moves nothing.
//   A tenant moving from one currency to another churns in the first and is new in the second.
// - Net new MRR = new + reactivation + expansion − contraction − churn (= MoM change).
// - MoM change = MRR(m) − MRR(m−1); MoM percent = change / MRR(m−1) × 100 (2 decimals), null when
//   MRR(m−1) is 0.
// - Cash collected: successful payments whose paidAt falls in the month (a proration invoice's
//   payment counts here and never in MRR). Refunds: refunds created in the month. Net revenue =
//   cash collected − refunds.
// History before `from` is read too, so "new" versus "reactivation" does not depend on the range.
import { addMonths, monthKeyOf, monthsBetween, monthStartOf } from "./months";

export interface VersionInput {
  tenantId: string;
  subscriptionId: string;
  effectiveAt: Date;
  currency: string;
  /** Normalised monthly recurring revenue of this state, in minor units. */
  mrr: number;
}

export interface MoneyInput {
  currency: string;
  amount: number;
  /** When the money moved: a payment's paidAt, a refund's creation. */
  at: Date;
}

export interface RevenueInput {
  versions: readonly VersionInput[];
  payments: readonly MoneyInput[];
  refunds: readonly MoneyInput[];
}

export const MOVEMENT_KINDS = ["new", "reactivation", "expansion", "contraction", "churn"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export type Movements = Record<MovementKind, number>;

export interface RevenueMonth {
  /** "2026-01" */
  month: string;
  mrr: number;
  arr: number;
  previousMrr: number;
  /** Amounts moved, each ≥ 0 (contraction and churn reduce MRR). */
  movements: Movements;
  /** Customers behind each movement. */
  movementCustomers: Movements;
  netNewMrr: number;
  momChange: number;
  momPercent: number | null;
  customers: number;
  cashCollected: number;
  refunds: number;
  netRevenue: number;
}

export interface CurrencyRevenue {
  currency: string;
  /** Every month of the range, in order. */
  months: RevenueMonth[];
}

export interface RevenueReport {
  /** First and last month of the range ("YYYY-MM"). */
  from: string;
  to: string;
  /** Currencies with any MRR or money in the range, sorted. */
  currencies: CurrencyRevenue[];
}

export interface MonthRange {
  from: string;
  to: string;
}

/** The last `months` months through the month of `now`. */
export function trailingMonths(now: Date, months = 12): MonthRange {
  const to = monthKeyOf(now);
  return { from: addMonths(to, -(months - 1)), to };
}

const SEP = "\u0000";

export const zeroMovements = (): Movements => ({ new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 });

/** One currency's figures of one month, before the derived ones (net new, MoM) are added. */
export interface MonthStats {
  mrr: number;
  previousMrr: number;
  customers: number;
  movements: Movements;
  movementCustomers: Movements;
  cash: number;
  refunds: number;
}

const zeroStats = (): MonthStats => ({
  mrr: 0,
  previousMrr: 0,
  customers: 0,
  movements: zeroMovements(),
  movementCustomers: zeroMovements(),
  cash: 0,
  refunds: 0,
});

/** Classifies one customer's change between two month ends (null when nothing moved). */
export function classifyMovement(
  previous: number,
  current: number,
  hadBefore: boolean,
): { kind: MovementKind; amount: number } | null {
  if (previous === current) return null;
  if (previous === 0) return { kind: hadBefore ? "reactivation" : "new", amount: current };
  if (current === 0) return { kind: "churn", amount: previous };
  return current > previous
    ? { kind: "expansion", amount: current - previous }
    : { kind: "contraction", amount: previous - current };
}

/** Each subscription's versions, oldest first. */
function versionsBySubscription(versions: readonly VersionInput[]): VersionInput[][] {
  const groups = new Map<string, VersionInput[]>();
  for (const v of versions) {
    const key = `${v.tenantId}${SEP}${v.subscriptionId}`;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime()));
}

/** Per (tenant, currency) MRR at each month end, walking every subscription's history once. */
function* monthEndSnapshots(
  versions: readonly VersionInput[],
  from: string,
  to: string,
): Generator<{ month: string; mrr: Map<string, number> }> {
  const subscriptions = versionsBySubscription(versions);
  const earliest = versions.reduce<string | null>((min, v) => {
    const key = monthKeyOf(v.effectiveAt);
    return min === null || key < min ? key : min;
  }, null);
  const tracks = subscriptions.map((history) => ({ history, cursor: -1 }));
  const start = earliest !== null && earliest < from ? earliest : from;
  for (const month of monthsBetween(start, to)) {
    const boundary = monthStartOf(addMonths(month, 1)).getTime();
    const mrr = new Map<string, number>();
    for (const track of tracks) {
      let next = track.history[track.cursor + 1];
      while (next && next.effectiveAt.getTime() < boundary) next = track.history[++track.cursor + 1];
      const version = track.history[track.cursor];
      if (!version || version.mrr <= 0) continue;
      const key = `${version.tenantId}${SEP}${version.currency}`;
      mrr.set(key, (mrr.get(key) ?? 0) + version.mrr);
    }
    yield { month, mrr };
  }
}

function statsFor(table: Map<string, Map<string, MonthStats>>, month: string, currency: string): MonthStats {
  let byCurrency = table.get(month);
  if (!byCurrency) table.set(month, (byCurrency = new Map()));
  let stats = byCurrency.get(currency);
  if (!stats) byCurrency.set(currency, (stats = zeroStats()));
  return stats;
}

const currencyOf = (key: string) => key.slice(key.indexOf(SEP) + 1);

function percentChange(previous: number, current: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 10_000) / 100;
}

/** A month of the report from its figures (also used by the KPIs read from the platform rollups). */
export function toMonth(month: string, s: MonthStats): RevenueMonth {
  const netNewMrr =
    s.movements.new + s.movements.reactivation + s.movements.expansion - s.movements.contraction - s.movements.churn;
  return {
    month,
    mrr: s.mrr,
    arr: s.mrr * 12,
    previousMrr: s.previousMrr,
    movements: s.movements,
    movementCustomers: s.movementCustomers,
    netNewMrr,
    momChange: s.mrr - s.previousMrr,
    momPercent: percentChange(s.previousMrr, s.mrr),
    customers: s.customers,
    cashCollected: s.cash,
    refunds: s.refunds,
    netRevenue: s.cash - s.refunds,
  };
}

/** The report over the months `range.from`..`range.to` (both included). */
export function computeRevenueReport(input: RevenueInput, range: MonthRange): RevenueReport {
  if (range.from > range.to) throw new RangeError(`The range starts (${range.from}) after it ends (${range.to}).`);
  const table = new Map<string, Map<string, MonthStats>>();
  const everHad = new Set<string>();
  let previous = new Map<string, number>();

  for (const { month, mrr } of monthEndSnapshots(input.versions, range.from, range.to)) {
    if (month >= range.from) {
      for (const key of new Set([...previous.keys(), ...mrr.keys()])) {
        const p = previous.get(key) ?? 0;
        const c = mrr.get(key) ?? 0;
        const stats = statsFor(table, month, currencyOf(key));
        stats.mrr += c;
        stats.previousMrr += p;
        if (c > 0) stats.customers += 1;
        const moved = classifyMovement(p, c, everHad.has(key));
        if (moved) {
          stats.movements[moved.kind] += moved.amount;
          stats.movementCustomers[moved.kind] += 1;
        }
      }
    }
    for (const key of mrr.keys()) everHad.add(key);
    previous = mrr;
  }

  for (const [rows, field] of [
    [input.payments, "cash"],
    [input.refunds, "refunds"],
  ] as const) {
    for (const row of rows) {
      const month = monthKeyOf(row.at);
      if (month < range.from || month > range.to || row.amount === 0) continue;
      statsFor(table, month, row.currency)[field] += row.amount;
    }
  }

  const currencies = [...new Set([...table.values()].flatMap((byCurrency) => [...byCurrency.keys()]))].sort();
  const months = monthsBetween(range.from, range.to);
  return {
    from: range.from,
    to: range.to,
    currencies: currencies.map((currency) => ({
      currency,
      months: months.map((month) => toMonth(month, table.get(month)?.get(currency) ?? zeroStats())),
    })),
  };
}
