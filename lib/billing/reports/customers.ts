// Per-customer (tenant) billing analytics for operators and the v1 analytics route, per currency:
// lifetime value = total paid − total refunded, where total paid sums the tenant's successful
// payments plus the money of paid invoices that no recorded payment accounts for (an invoice paid
// while only invoice events arrived: Stripe's invoice.paid without a charge or payment-intent
// event), and total refunded what was refunded of the payments (the payment's cumulative refunded
// amount, which covers refunds the provider reported on the payment itself); current MRR sums
// the current state of each subscription (lib/billing/mrr.ts). An invoice's money is accounted
// for by the successful payments linked to it (payment → invoice, or the invoice's paying
// charge), so nothing is counted twice. The listing of every tenant takes the authorised
// Operator; one tenant's analytics take that tenant's context.
import "server-only";

import { getDb } from "../../db/client";
import type { TenantStatus, Tier } from "../../db/generated/enums";
import { assertOperator, type Operator } from "../../tenancy/operator";
import type { TenantContext } from "../../tenancy/context";
import { mrrOf } from "../mrr";
import { countedProviders } from "../provider-mode";
import { uncoveredInvoicePayments } from "./invoice-money";

export interface CustomerCurrency {
  currency: string;
  totalPaid: number;
  totalRefunded: number;
  lifetimeValue: number;
  /** Successful payments. */
  payments: number;
  currentMrr: number;
}

export interface CustomerAnalytics {
  tenantId: string;
  stripeCustomerId: string | null;
  /** Sorted by currency code. */
  currencies: CustomerCurrency[];
  firstPaymentAt: Date | null;
  lastPaymentAt: Date | null;
  disputes: number;
}

export interface CustomerRow extends CustomerAnalytics {
  name: string;
  slug: string;
  tier: Tier;
  status: TenantStatus;
}

const emptyCurrency = (currency: string): CustomerCurrency => ({
  currency,
  totalPaid: 0,
  totalRefunded: 0,
  lifetimeValue: 0,
  payments: 0,
  currentMrr: 0,
});

const emptyCustomer = (tenantId: string): CustomerAnalytics => ({
  tenantId,
  stripeCustomerId: null,
  currencies: [],
  firstPaymentAt: null,
  lastPaymentAt: null,
  disputes: 0,
});

const earliest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a <= b ? a : b);
const latest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a >= b ? a : b);

/** Analytics of the tenants in `tenantIds` (every tenant with billing rows when omitted). */
async function analyticsOf(tenantIds?: string[]): Promise<Map<string, CustomerAnalytics>> {
  const where = tenantIds ? { tenantId: { in: tenantIds } } : {};
  // Simulated money is never a customer's once a real provider is configured.
  const counted = countedProviders();
  const provider = { in: counted };
  const db = await getDb();
  const [payments, invoiceMoney, subscriptions, disputes, accounts] = await Promise.all([
    db.payment.groupBy({
      by: ["tenantId", "currency"],
      where: { ...where, provider, status: "SUCCEEDED" },
      _sum: { amount: true, amountRefunded: true },
      _count: { _all: true },
      _min: { paidAt: true },
      _max: { paidAt: true },
    }),
    uncoveredInvoicePayments({ providers: counted, tenantIds }),
    db.subscription.findMany({
      where: { ...where, provider },
      select: { tenantId: true, currency: true, status: true, interval: true, unitAmount: true },
    }),
    db.dispute.groupBy({ by: ["tenantId"], where: { ...where, provider }, _count: { _all: true } }),
    db.billingAccount.findMany({ where, select: { tenantId: true, stripeCustomerId: true } }),
  ]);

  const out = new Map<string, CustomerAnalytics>();
  const currencies = new Map<string, Map<string, CustomerCurrency>>();
  const customer = (tenantId: string) => {
    let found = out.get(tenantId);
    if (!found) {
      found = emptyCustomer(tenantId);
      out.set(tenantId, found);
      currencies.set(tenantId, new Map());
    }
    return found;
  };
  const slot = (tenantId: string, currency: string) => {
    customer(tenantId);
    const byCurrency = currencies.get(tenantId)!;
    let found = byCurrency.get(currency);
    if (!found) byCurrency.set(currency, (found = emptyCurrency(currency)));
    return found;
  };

  for (const p of payments) {
    const c = slot(p.tenantId, p.currency);
    c.totalPaid = p._sum.amount ?? 0;
    c.totalRefunded = p._sum.amountRefunded ?? 0;
    c.lifetimeValue = c.totalPaid - c.totalRefunded;
    c.payments = p._count._all;
    const row = customer(p.tenantId);
    row.firstPaymentAt = earliest(row.firstPaymentAt, p._min.paidAt);
    row.lastPaymentAt = latest(row.lastPaymentAt, p._max.paidAt);
  }
  for (const i of invoiceMoney) {
    const c = slot(i.tenantId, i.currency);
    c.totalPaid += i.amount;
    c.lifetimeValue = c.totalPaid - c.totalRefunded;
    c.payments += 1;
    const row = customer(i.tenantId);
    row.firstPaymentAt = earliest(row.firstPaymentAt, i.paidAt);
    row.lastPaymentAt = latest(row.lastPaymentAt, i.paidAt);
  }
  for (const s of subscriptions) slot(s.tenantId, s.currency).currentMrr += mrrOf(s.status, s.interval, s.unitAmount);
  for (const d of disputes) customer(d.tenantId).disputes = d._count._all;
  for (const a of accounts) {
    // An account alone (no payment, no subscription) does not make a customer in the listing.
    const row = out.get(a.tenantId) ?? (tenantIds ? customer(a.tenantId) : undefined);
    if (row) row.stripeCustomerId = a.stripeCustomerId;
  }
  for (const [tenantId, row] of out) {
    row.currencies = [...currencies.get(tenantId)!.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  }
  return out;
}

/** The caller's tenant's analytics (no currencies when it never paid nor subscribed). */
export async function customerAnalytics(ctx: Pick<TenantContext, "tenant">): Promise<CustomerAnalytics> {
  const tenantId = ctx.tenant.id;
  const found = (await analyticsOf([tenantId])).get(tenantId);
  return found ?? emptyCustomer(tenantId);
}

/** Every tenant that has subscribed or paid, with its name, slug, tier and status; by name. */
export async function listCustomerAnalytics(operator: Operator): Promise<CustomerRow[]> {
  assertOperator(operator);
  const analytics = await analyticsOf();
  const db = await getDb();
  const tenants = await db.tenant.findMany({
    where: { id: { in: [...analytics.keys()] } },
    select: { id: true, name: true, slug: true, tier: true, status: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return tenants.map((t) => ({ ...analytics.get(t.id)!, name: t.name, slug: t.slug, tier: t.tier, status: t.status }));
}

/** The tenant whose billing account is the Stripe customer `customerId`, or null. */
export async function tenantOfStripeCustomer(customerId: string): Promise<string | null> {
  const db = await getDb();
  const account = await db.billingAccount.findUnique({
    where: { stripeCustomerId: customerId },
    select: { tenantId: true },
  });
  return account?.tenantId ?? null;
}
