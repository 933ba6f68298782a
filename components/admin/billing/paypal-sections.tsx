// The PayPal page's sections: headline figures, orders, subscriptions and payouts by status.
import { OrdersVolumeChart } from "@/components/admin/billing/orders-volume-chart";
import { StatusBars } from "@/components/charts/status-bars";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OrderStatus, PayoutStatus, SubscriptionStatus } from "@/lib/db/generated/enums";
import type { PaypalAnalytics } from "@/lib/billing/reports/paypal";
import { formatCount, formatMoney } from "@/lib/format";

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

const titleCase = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replaceAll("_", " ");

export function percent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}

/** "USD $50.00 · EUR €15.00" */
function amounts(list: { currency: string; amount: number }[]): string | undefined {
  const nonZero = list.filter((a) => a.amount !== 0);
  return nonZero.length ? nonZero.map((a) => formatMoney(a.amount, a.currency)).join(" · ") : undefined;
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
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Key figures">
      {kpis.map((kpi) => (
        <li key={kpi.label}>
          <Card className="h-full gap-2">
            <CardHeader>
              <CardDescription>{kpi.label}</CardDescription>
              <CardTitle as="h3" className="text-2xl tabular-nums">
                <span className="sr-only">{kpi.label}: </span>
                {kpi.value}
              </CardTitle>
            </CardHeader>
            <CardContent className="text-xs text-muted-foreground">{kpi.description}</CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
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
      <Card>
        <CardHeader>
          <CardTitle>Orders by status</CardTitle>
          <CardDescription>
            Created ones are left out of the capture rate: the buyer never approved them.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <StatusBars
            title="Orders by status"
            unit="orders"
            items={orders.byStatus.map((s) => ({
              label: ORDER_LABELS[s.status],
              value: s.count,
              barClassName: ORDER_BARS[s.status],
              detail: amounts(
                orders.currencies.map((c) => ({
                  currency: c.currency,
                  amount: c.byStatus.find((b) => b.status === s.status)?.amount ?? 0,
                })),
              ),
            }))}
          />
        </CardContent>
      </Card>
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
  const payoutStatuses = payouts.byStatus.filter((s) => s.count > 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Subscriptions by status</CardTitle>
          <CardDescription>
            Every subscription in its current state.
            {subscriptions.mrr.length > 0 &&
              ` MRR now: ${amounts(subscriptions.mrr.map((m) => ({ currency: m.currency, amount: m.mrr }))) ?? "none"}.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <StatusBars
            title="Subscriptions by status"
            unit="subscriptions"
            items={subscriptions.byStatus.map((s) => ({
              label: titleCase(s.status),
              value: s.count,
              barClassName: SUBSCRIPTION_BARS[s.status],
            }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payouts by status</CardTitle>
          <CardDescription>
            Payout items sent in these months.
            {payouts.currencies.length > 0 &&
              ` Total: ${amounts(payouts.currencies.map((c) => ({ currency: c.currency, amount: c.total.amount }))) ?? "none"}.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {payoutStatuses.length === 0 ? (
            <p className="text-sm text-muted-foreground">No payouts in these months.</p>
          ) : (
            <StatusBars
              title="Payout items by status"
              unit="items"
              items={payoutStatuses.map((s) => ({
                label: titleCase(s.status),
                value: s.count,
                barClassName: PAYOUT_BARS[s.status],
                detail: amounts(
                  payouts.currencies.map((c) => ({
                    currency: c.currency,
                    amount: c.byStatus.find((b) => b.status === s.status)?.amount ?? 0,
                  })),
                ),
              }))}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
