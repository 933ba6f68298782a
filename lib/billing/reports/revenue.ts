// The monthly revenue report read from the ledger: a platform-level report (operators only: it
// takes the authorised Operator), so it reads every tenant's rows with the process client. The arithmetic and its definitions live in
// revenue-math.ts.
import "server-only";

import { getDb } from "../../db/client";
import { AppError } from "@/lib/errors";
import { assertOperator, type Operator } from "../../tenancy/operator";
import { countedProviders } from "../provider-mode";
import { uncoveredInvoicePayments } from "./invoice-money";
import { addMonths, monthKeyOf, monthsBetween, monthStartOf } from "./months";
import { computeRevenueReport, trailingMonths, type RevenueReport } from "./revenue-math";
import { MAX_REPORT_MONTHS } from "./revenue-query";

export type { CurrencyRevenue, MovementKind, Movements, RevenueMonth, RevenueReport } from "./revenue-math";
export { MOVEMENT_KINDS } from "./revenue-math";

export interface RevenueReportOptions {
  /** Only these tenants (tests compare two tenant sets); all tenants when omitted. */
  tenantIds?: string[];
  /** Any instant in the first month (default: 11 months before `to`'s month). */
  from?: Date;
  /** Any instant in the last month (default: now). */
  to?: Date;
}

/** Refund states that did not return money. */
const UNREFUNDED = ["failed", "canceled", "cancelled"];

export async function loadRevenueReport(
  operator: Operator,
  options: RevenueReportOptions = {},
): Promise<RevenueReport> {
  assertOperator(operator);
  const to = monthKeyOf(options.to ?? new Date());
  const from = options.from ? monthKeyOf(options.from) : trailingMonths(monthStartOf(to)).from;
  if (from > to) throw new AppError("bad_request", "The report's start is after its end.");
  if (monthsBetween(from, to).length > MAX_REPORT_MONTHS) {
    throw new AppError("bad_request", `A report covers at most ${MAX_REPORT_MONTHS} months.`);
  }
  const start = monthStartOf(from);
  const end = monthStartOf(addMonths(to, 1));
  const tenant = options.tenantIds ? { tenantId: { in: options.tenantIds } } : {};
  // Simulated money is never revenue once a real provider is configured.
  const provider = { in: countedProviders() };

  const db = await getDb();
  const [versions, payments, invoiceMoney, refunds] = await Promise.all([
    // All history before the range too: "new" vs "reactivation" looks back to the beginning.
    db.subscriptionVersion.findMany({
      where: { ...tenant, effectiveAt: { lt: end }, subscription: { provider } },
      select: { tenantId: true, subscriptionId: true, effectiveAt: true, currency: true, mrr: true },
    }),
    db.payment.findMany({
      where: {
        ...tenant,
        provider,
        status: "SUCCEEDED",
        // A success without paidAt (a provider that did not say) counts when it was created.
        OR: [{ paidAt: { gte: start, lt: end } }, { paidAt: null, providerCreatedAt: { gte: start, lt: end } }],
      },
      select: { currency: true, amount: true, paidAt: true, providerCreatedAt: true },
    }),
    // Money only a paid invoice tells of (no payment recorded for it) is cash too.
    uncoveredInvoicePayments({ providers: provider.in, tenantIds: options.tenantIds, from: start, to: end }),
    db.refund.findMany({
      where: { ...tenant, provider, providerCreatedAt: { gte: start, lt: end }, status: { notIn: UNREFUNDED } },
      select: { currency: true, amount: true, providerCreatedAt: true },
    }),
  ]);

  return computeRevenueReport(
    {
      versions,
      payments: [
        ...payments.map((p) => ({ currency: p.currency, amount: p.amount, at: p.paidAt ?? p.providerCreatedAt })),
        ...invoiceMoney.map((i) => ({ currency: i.currency, amount: i.amount, at: i.paidAt })),
      ],
      refunds: refunds.map((r) => ({ currency: r.currency, amount: r.amount, at: r.providerCreatedAt })),
    },
    { from, to },
  );
}
