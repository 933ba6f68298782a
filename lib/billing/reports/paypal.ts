// PayPal analytics for operators: one-time orders (count and volume per currency and status, and
// the capture rate), PayPal subscriptions by status, and payouts by status. Platform-level reads:
// paypalAnalytics takes the authorised Operator.
//
// Capture rate = completed / (completed + denied + voided + approved but not captured), counted in
// orders (counts, unlike money, add up across currencies). Orders still CREATED — the buyer never
// approved them — are left out: an abandoned approval page is not a failed capture. Null when no
// order reached a decision.
//
// Orders and payout items count when created in [from, to); subscriptions are counted in their
// current state, whenever they started.
import "server-only";

import { getDb } from "../../db/client";
import {
  OrderStatus as ORDER_STATUS,
  PayoutStatus as PAYOUT_STATUS,
  SubscriptionStatus as SUBSCRIPTION_STATUS,
  type BillingProvider,
  type OrderStatus,
  type PayoutStatus,
  type SubscriptionStatus,
} from "../../db/generated/enums";
import { AppError } from "@/lib/errors";
import { assertOperator, type Operator } from "../../tenancy/operator";
import { mrrOf } from "../mrr";
import { countedProviders } from "../provider-mode";
import { addMonths, monthKeyOf, monthsBetween, monthStartOf } from "./months";
import { trailingMonths } from "./revenue-math";

export const ORDER_STATUSES = Object.values(ORDER_STATUS);
export const PAYOUT_STATUSES = Object.values(PAYOUT_STATUS);
export const SUBSCRIPTION_STATUSES = Object.values(SUBSCRIPTION_STATUS);

/** The order statuses that count in the capture rate's denominator. */
const DECIDED: readonly OrderStatus[] = ["COMPLETED", "DENIED", "VOIDED", "APPROVED"];

export interface CountAndAmount {
  count: number;
  amount: number;
}

export interface OrderMonth {
  month: string;
  /** Volume captured (COMPLETED). */
  completed: number;
  /** Volume awaiting approval or capture (CREATED, APPROVED). */
  open: number;
  /** Volume that failed (DENIED, VOIDED). */
  failed: number;
  count: number;
}

export interface OrderCurrency {
  currency: string;
  total: CountAndAmount;
  /** Every order status, in lifecycle order. */
  byStatus: ({ status: OrderStatus } & CountAndAmount)[];
  captureRate: number | null;
  /** Every month of the range. */
  months: OrderMonth[];
}

export interface PayoutCurrency {
  currency: string;
  total: CountAndAmount;
  /** Statuses present, in the enum's order. */
  byStatus: ({ status: PayoutStatus } & CountAndAmount)[];
}

export interface PaypalAnalytics {
  providers: BillingProvider[];
  from: Date;
  to: Date;
  orders: {
    count: number;
    byStatus: { status: OrderStatus; count: number }[];
    captureRate: number | null;
    currencies: OrderCurrency[];
  };
  subscriptions: {
    total: number;
    byStatus: { status: SubscriptionStatus; count: number }[];
    mrr: { currency: string; mrr: number }[];
  };
  payouts: {
    batches: number;
    items: number;
    byStatus: { status: PayoutStatus; count: number }[];
    currencies: PayoutCurrency[];
  };
}

export interface PaypalAnalyticsOptions {
  /** Start, included (default: the first day of the month eleven months ago). */
  from?: Date;
  /** End, excluded (default: the start of next month). */
  to?: Date;
  /** Whose objects count (default PayPal; the page adds the local provider when it stands in for PayPal). */
  providers?: BillingProvider[];
  /** Only these tenants' orders, subscriptions and payout items (tests). */
  tenantIds?: string[];
}

/** completed / decided, as a fraction 0..1 rounded to 4 decimals; null when nothing was decided. */
export function captureRate(counts: Partial<Record<OrderStatus, number>>): number | null {
  const decided = DECIDED.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  if (decided === 0) return null;
  return Math.round(((counts.COMPLETED ?? 0) / decided) * 10_000) / 10_000;
}

function defaultWindow(now: Date): { from: Date; to: Date } {
  const range = trailingMonths(now);
  return { from: monthStartOf(range.from), to: monthStartOf(addMonths(range.to, 1)) };
}

const MONTH_FIELD: Record<OrderStatus, "completed" | "open" | "failed"> = {
  COMPLETED: "completed",
  CREATED: "open",
  APPROVED: "open",
  DENIED: "failed",
  VOIDED: "failed",
};

function countBy<K extends string>(keys: readonly K[], rows: { key: K; count: number }[]) {
  const counts = new Map<K, number>();
  for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + row.count);
  return keys.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

export async function paypalAnalytics(
  operator: Operator,
  options: PaypalAnalyticsOptions = {},
): Promise<PaypalAnalytics> {
  assertOperator(operator);
  const fallback = defaultWindow(options.to ? new Date(options.to.getTime() - 1) : new Date());
  const from = options.from ?? fallback.from;
  const to = options.to ?? fallback.to;
  if (from >= to) throw new AppError("bad_request", "The range's start must be before its end.");
  // The simulated provider stands in for PayPal only where no real provider is configured.
  const counted = countedProviders();
  const providers = (options.providers ?? ["PAYPAL"]).filter((p) => counted.includes(p));
  const tenant = options.tenantIds ? { tenantId: { in: options.tenantIds } } : {};
  const window = { gte: from, lt: to };

  const db = await getDb();
  const [orders, subscriptions, payoutItems, batches] = await Promise.all([
    db.order.findMany({
      where: { ...tenant, provider: { in: providers }, providerCreatedAt: window },
      select: { status: true, currency: true, amount: true, providerCreatedAt: true },
    }),
    db.subscription.groupBy({
      by: ["status", "interval", "currency", "unitAmount"],
      where: { ...tenant, provider: { in: providers } },
      _count: { _all: true },
    }),
    db.payoutItem.groupBy({
      by: ["status", "currency"],
      where: { ...tenant, createdAt: window, batch: { provider: { in: providers } } },
      _count: { _all: true },
      _sum: { amount: true },
    }),
    db.payoutBatch.count({
      where: {
        provider: { in: providers },
        createdAt: window,
        ...(options.tenantIds ? { items: { some: { tenantId: { in: options.tenantIds } } } } : {}),
      },
    }),
  ]);

  const months = monthsBetween(monthKeyOf(from), monthKeyOf(new Date(to.getTime() - 1)));
  const orderCurrencies = [...new Set(orders.map((o) => o.currency))].sort();

  const currencies: OrderCurrency[] = orderCurrencies.map((currency) => {
    const mine = orders.filter((o) => o.currency === currency);
    const byStatus = ORDER_STATUSES.map((status) => {
      const rows = mine.filter((o) => o.status === status);
      return { status, count: rows.length, amount: rows.reduce((sum, o) => sum + o.amount, 0) };
    });
    const perMonth = new Map(months.map((month) => [month, { month, completed: 0, open: 0, failed: 0, count: 0 }]));
    for (const o of mine) {
      const bucket = perMonth.get(monthKeyOf(o.providerCreatedAt));
      if (!bucket) continue;
      bucket[MONTH_FIELD[o.status]] += o.amount;
      bucket.count += 1;
    }
    return {
      currency,
      total: { count: mine.length, amount: mine.reduce((sum, o) => sum + o.amount, 0) },
      byStatus,
      captureRate: captureRate(Object.fromEntries(byStatus.map((s) => [s.status, s.count]))),
      months: [...perMonth.values()],
    };
  });

  const orderCounts = countBy(
    ORDER_STATUSES,
    orders.map((o) => ({ key: o.status, count: 1 })),
  );

  const mrr = new Map<string, number>();
  for (const s of subscriptions) {
    const amount = mrrOf(s.status, s.interval, s.unitAmount) * s._count._all;
    mrr.set(s.currency, (mrr.get(s.currency) ?? 0) + amount);
  }

  const payoutCurrencies = [...new Set(payoutItems.map((p) => p.currency))].sort().map((currency) => {
    const rows = payoutItems.filter((p) => p.currency === currency);
    const byStatus = PAYOUT_STATUSES.flatMap((status) => {
      const row = rows.find((p) => p.status === status);
      return row ? [{ status, count: row._count._all, amount: row._sum.amount ?? 0 }] : [];
    });
    return {
      currency,
      total: {
        count: byStatus.reduce((sum, s) => sum + s.count, 0),
        amount: byStatus.reduce((sum, s) => sum + s.amount, 0),
      },
      byStatus,
    };
  });

  return {
    providers,
    from,
    to,
    orders: {
      count: orders.length,
      byStatus: orderCounts,
      captureRate: captureRate(Object.fromEntries(orderCounts.map((s) => [s.status, s.count]))),
      currencies,
    },
    subscriptions: {
      total: subscriptions.reduce((sum, s) => sum + s._count._all, 0),
      byStatus: countBy(
        SUBSCRIPTION_STATUSES,
        subscriptions.map((s) => ({ key: s.status, count: s._count._all })),
      ),
      mrr: [...mrr].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, mrr: amount })),
    },
    payouts: {
      batches,
      items: payoutItems.reduce((sum, p) => sum + p._count._all, 0),
      byStatus: countBy(
        PAYOUT_STATUSES,
        payoutItems.map((p) => ({ key: p.status, count: p._count._all })),
      ),
      currencies: payoutCurrencies,
    },
  };
}
