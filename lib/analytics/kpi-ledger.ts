// The revenue report and observed LTV from the platform's revenue rollups (KpiLedgerSummary: the
// movements, money and trials per month that database triggers keep; migration
// 20261203122517_analytics_platform_revenue) instead of the ledger's rows: the same arithmetic as
// computeRevenueReport, so both give the same report (tests/integration/analytics-platform-revenue.test.ts).
import { toMonth, zeroMovements, type MovementKind, type RevenueReport } from "../billing/reports/revenue-math";
import { addMonths, monthsBetween } from "../billing/reports/months";
import { divideMoney, type KpiLedgerSummary } from "./kpi-shapes";

const SIGN: Record<MovementKind, number> = { new: 1, reactivation: 1, expansion: 1, contraction: -1, churn: -1 };
const CUSTOMER_SIGN: Record<MovementKind, number> = {
  new: 1,
  reactivation: 1,
  expansion: 0,
  contraction: 0,
  churn: -1,
};

/**
 * The revenue report from the rollups' movements and money: MRR and customers at a month's end are
 * the running sums of the movements (MRR(m) = MRR(m−1) + new + reactivation + expansion −
 * contraction − churn), so it equals computeRevenueReport on the rows, currency by currency (a
 * currency is in it when it had MRR at a month end of the range or the one before, or money in it).
 */
export function revenueFromSummary(summary: KpiLedgerSummary, range: { from: string; to: string }): RevenueReport {
  const months = monthsBetween(range.from, range.to);
  const currencies = [...new Set([...summary.movements, ...summary.money].map((r) => r.currency))].sort();
  const out: RevenueReport["currencies"] = [];
  for (const currency of currencies) {
    const moves = summary.movements.filter((m) => m.currency === currency && m.month <= range.to);
    const money = new Map(summary.money.filter((m) => m.currency === currency).map((m) => [m.month, m]));
    const at = (month: string) => {
      let mrr = 0;
      let customers = 0;
      for (const m of moves) {
        if (m.month > month) continue;
        mrr += SIGN[m.kind] * m.amount;
        customers += CUSTOMER_SIGN[m.kind] * m.customers;
      }
      return { mrr, customers };
    };
    const rows = months.map((month) => {
      const movements = zeroMovements();
      const movementCustomers = zeroMovements();
      for (const m of moves) {
        if (m.month !== month) continue;
        movements[m.kind] += m.amount;
        movementCustomers[m.kind] += m.customers;
      }
      const cash = money.get(month);
      return {
        now: at(month),
        previous: at(addMonths(month, -1)),
        movements,
        movementCustomers,
        cash: cash?.cash ?? 0,
        refunds: cash?.refunds ?? 0,
        moneyRows: cash?.moneyRows ?? 0,
      };
    });
    if (!rows.some((r) => r.now.mrr > 0 || r.previous.mrr > 0 || r.moneyRows > 0)) continue;
    out.push({
      currency,
      months: rows.map((r, i) =>
        toMonth(months[i]!, {
          mrr: r.now.mrr,
          previousMrr: r.previous.mrr,
          customers: r.now.customers,
          movements: r.movements,
          movementCustomers: r.movementCustomers,
          cash: r.cash,
          refunds: r.refunds,
        }),
      ),
    });
  }
  return { from: range.from, to: range.to, currencies: out };
}

export function observedLtvFromSummary(summary: KpiLedgerSummary, currency: string, month: string): number | null {
  let net = 0;
  let payers = 0;
  for (const m of summary.money) {
    if (m.currency !== currency || m.month > month) continue;
    net += m.positiveCash - m.refunds;
    payers += m.newPayers;
  }
  return divideMoney(net, payers);
}
