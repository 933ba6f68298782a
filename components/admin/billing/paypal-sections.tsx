// The PayPal page's sections: headline figures, orders, subscriptions and payouts by status.
import { OrdersVolumeChart } from "@/components/admin/billing/orders-volume-chart";
import { statusLabel } from "@/components/billing/billing-format";
import { StatusBars, type StatusBar } from "@/components/charts/status-bars";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OrderStatus, PayoutStatus, SubscriptionStatus } from "@/lib/db/generated/enums";
import type { PaypalAnalytics } from "@/lib/billing/reports/paypal";
import { formatCount, formatMoney } from "@/lib/format";

import { KpiCards } from "./kpi-cards";

const ORDER_LABELS: Record<OrderStatus, string> = {
  CREATED: "Created, not approved",
  APPROVED: "Approved, not captured",
  COMPLETED: "Captured",
  VOIDED: "Voided",
  DENIED: "Denied",
};

const ORDER_BARS: Partial<Record<OrderStatus, string>> = {
  COMPLETED: "bg-success",
  VOIDED: "bg-warning",
  DENIED: "bg-destructive",
};

export function percent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}

/** "USD $50.00 · EUR €15.00" */
function amounts(list: { currency: string; amount: number }[]): string | undefined {
  const nonZero = list.filter((a) => a.amount !== 0);
  return nonZero.length ? nonZero.map((a) => formatMoney(a.amount, a.currency)).join(" · ") : undefined;
}

/** The amounts in `status` across currencies, e.g. every captured order's. */
function amountsIn<S extends string>(
  currencies: { currency: string; byStatus: { status: S; amount: number }[] }[],
  status: S,
): string | undefined {
  return amounts(
    currencies.map((c) => ({ currency: c.currency, amount: c.byStatus.find((b) => b.status === status)?.amount ?? 0 })),
  );
}

/** A card of counts per status as bars (or a sentence when there is nothing to count). */
function StatusCard({
  title,
  description,
  barsTitle = title,
  unit,
  items,
  empty,
}: {
  title: string;
  description: string;
  barsTitle?: string;
  unit: string;
  items: StatusBar[];
  empty?: string;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {empty && items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <StatusBars title={barsTitle} unit={unit} items={items} />
        )}
      </CardContent>
    </Card>
  );
}

export function PaypalKpis({ data }: { data: PaypalAnalytics }) {
  const active = data.subscriptions.byStatus.find((s) => s.status === "ACTIVE")?.count ?? 0;
  const kpis = [
    { label: "Orders", value: formatCount(data.orders.count), description: "Created in these months" },
    {
      label: "Capture rate",
      value: percent(data.orders.captureRate),
      description: "Captured ÷ (captured + denied + voided + approved, not captured)",
    },
    {
      label: "Subscriptions",
      value: formatCount(data.subscriptions.total),
      description: `${formatCount(active)} active now`,
    },
    {
      label: "Payout items",
      value: formatCount(data.payouts.items),
      description: `In ${formatCount(data.payouts.batches)} batches`,
    },
  ];
  return <KpiCards items={kpis} label="Key figures" />;
}

export function OrdersSection({ data }: { data: PaypalAnalytics }) {
  const { orders } = data;
  return (
    <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
      <Card>
        <CardHeader>
          <CardTitle>Order volume</CardTitle>
          <CardDescription>One-time orders by month and outcome, per currency.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-8">
          {orders.currencies.length === 0 ? (
            <p className="text-sm text-muted-foreground">No orders in these months.</p>
          ) : (
            orders.currencies.map((c) => (
              <section key={c.currency} aria-label={`${c.currency.toUpperCase()} orders`} className="grid gap-2">
                <h3 className="text-sm font-medium">
                  {c.currency.toUpperCase()} · {formatMoney(c.total.amount, c.currency)} in {formatCount(c.total.count)}{" "}
                  orders · capture rate {percent(c.captureRate)}
                </h3>
                <OrdersVolumeChart months={c.months} currency={c.currency} />
              </section>
            ))
          )}
        </CardContent>
      </Card>
      <StatusCard
        title="Orders by status"
        description="Created ones are left out of the capture rate: the buyer never approved them."
        unit="orders"
        items={orders.byStatus.map((s) => ({
          label: ORDER_LABELS[s.status],
          value: s.count,
          barClassName: ORDER_BARS[s.status],
          detail: amountsIn(orders.currencies, s.status),
        }))}
      />
    </div>
  );
}

const SUBSCRIPTION_BARS: Partial<Record<SubscriptionStatus, string>> = {
  ACTIVE: "bg-success",
  PAST_DUE: "bg-warning",
  CANCELED: "bg-destructive",
  EXPIRED: "bg-destructive",
};

const PAYOUT_BARS: Partial<Record<PayoutStatus, string>> = {
  SUCCESS: "bg-success",
  FAILED: "bg-destructive",
  RETURNED: "bg-warning",
  BLOCKED: "bg-destructive",
  DENIED: "bg-destructive",
};

export function SubscriptionsAndPayouts({ data }: { data: PaypalAnalytics }) {
  const { subscriptions, payouts } = data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <StatusCard
        title="Subscriptions by status"
        description={
          "Every subscription in its current state." +
          (subscriptions.mrr.length > 0
            ? ` MRR now: ${amounts(subscriptions.mrr.map((m) => ({ currency: m.currency, amount: m.mrr }))) ?? "none"}.`
            : "")
        }
        unit="subscriptions"
        items={subscriptions.byStatus.map((s) => ({
          label: statusLabel(s.status),
          value: s.count,
          barClassName: SUBSCRIPTION_BARS[s.status],
        }))}
      />
      <StatusCard
        title="Payouts by status"
        description={
          "Payout items sent in these months." +
          (payouts.currencies.length > 0
            ? ` Total: ${amounts(payouts.currencies.map((c) => ({ currency: c.currency, amount: c.total.amount }))) ?? "none"}.`
            : "")
        }
        barsTitle="Payout items by status"
        unit="items"
        items={payouts.byStatus
          .filter((s) => s.count > 0)
          .map((s) => ({
            label: statusLabel(s.status),
            value: s.count,
            barClassName: PAYOUT_BARS[s.status],
            detail: amountsIn(payouts.currencies, s.status),
          }))}
        empty="No payouts in these months."
      />
    </div>
  );
}
