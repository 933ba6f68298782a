// Platform analytics for the operator: the SaaS KPIs per currency (latest month against the one
// before), workspaces by tier and status, MRR by tier, trial conversion, cohort retention, and the
// platform's last 60 minutes live. Figures are the tenants' rows aggregated (docs/metrics.md).
import type { Metadata } from "next";
import { Suspense } from "react";

import { AcquisitionSpend } from "@/components/analytics/acquisition-spend";
import { CohortGrid } from "@/components/analytics/cohort-grid";
import { formatMetric } from "@/components/analytics/format";
import { KpiCard } from "@/components/analytics/kpi-card";
import { RealtimePanel } from "@/components/analytics/realtime-panel";
import { TrendFigure } from "@/components/analytics/trend-figure";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listAcquisitionChannels, listAcquisitionSpend } from "@/lib/analytics/acquisition";
import { getMetric } from "@/lib/analytics/catalog";
import { CURRENCIES } from "@/lib/billing/catalog";
import type { CurrencyKpiMonth, KpiReport } from "@/lib/analytics/kpi-math";
import { loadMrrByTier, loadPlatformKpis, loadTenantsByTierStatus } from "@/lib/analytics/kpis";
import { loadPlatformTrend } from "@/lib/analytics/trends-platform";
import type { Operator } from "@/lib/http/operator";
import { requireOperator } from "@/lib/http/session";

import { deleteSpendAction, setSpendAction } from "./actions";

export const metadata: Metadata = { title: "Analytics" };

type SearchParams = Record<string, string | string[] | undefined>;

const CARDS: { metric: string; field: keyof CurrencyKpiMonth }[] = [
  { metric: "mrr", field: "mrr" },
  { metric: "arr", field: "arr" },
  { metric: "customers", field: "customers" },
  { metric: "arpu", field: "arpu" },
  { metric: "logo_churn", field: "logoChurn" },
  { metric: "revenue_churn", field: "revenueChurn" },
  { metric: "nrr", field: "nrr" },
  { metric: "ltv", field: "ltv" },
  { metric: "ltv_observed", field: "ltvObserved" },
  { metric: "cac", field: "cac" },
  { metric: "ltv_cac", field: "ltvCac" },
];

function changeOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

async function PlatformTrend({ operator, metric, title }: { operator: Operator; metric: string; title: string }) {
  const now = new Date();
  const to = new Date(Math.ceil(now.getTime() / 86_400_000) * 86_400_000);
  const trend = await loadPlatformTrend(operator, metric, {
    from: new Date(to.getTime() - 30 * 86_400_000).toISOString(),
    to: to.toISOString(),
    grain: "day",
  });
  return <TrendFigure trend={trend} title={title} kind="bar" heightClassName="h-48" />;
}

async function Breakdown({ operator }: { operator: Operator }) {
  const [byTier, mrrByTier] = await Promise.all([loadTenantsByTierStatus(operator), loadMrrByTier(operator)]);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Workspaces by tier and status</CardTitle>
        </CardHeader>
        <CardContent>
          <Table data-testid="tenants-by-tier">
            <TableHeader>
              <TableRow>
                <TableHead>Tier</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Workspaces</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {byTier.map((r) => (
                <TableRow key={`${r.tier}-${r.status}`}>
                  <TableCell>{r.tier}</TableCell>
                  <TableCell>{r.status}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.tenants}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>MRR by tier</CardTitle>
          <CardDescription>Now, per currency.</CardDescription>
        </CardHeader>
        <CardContent>
          <Table data-testid="mrr-by-tier">
            <TableHeader>
              <TableRow>
                <TableHead>Tier</TableHead>
                <TableHead>Currency</TableHead>
                <TableHead className="text-right">Customers</TableHead>
                <TableHead className="text-right">MRR</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {mrrByTier.map((r) => (
                <TableRow key={`${r.tier}-${r.currency}`}>
                  <TableCell>{r.tier}</TableCell>
                  <TableCell className="uppercase">{r.currency}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.customers}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatMetric(r.mrr, "money", r.currency)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}

async function Spend({ operator, report, currency }: { operator: Operator; report: KpiReport; currency: string }) {
  const [rows, channels] = await Promise.all([listAcquisitionSpend(operator), listAcquisitionChannels(operator)]);
  const latest = report.to;
  const byChannel = report.channelCac.filter((c) => c.month === latest && c.currency === currency);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <AcquisitionSpend
          rows={rows.map(({ updatedAt: _updatedAt, ...r }) => r)}
          currencies={CURRENCIES}
          channels={channels}
          defaultMonth={latest}
          setSpend={setSpendAction}
          deleteSpend={deleteSpendAction}
        />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-medium">
          CAC by channel, {latest} ({currency.toUpperCase()})
        </h3>
        <Table data-testid="cac-by-channel">
          <TableHeader>
            <TableRow>
              <TableHead>Channel</TableHead>
              <TableHead className="text-right">Spend</TableHead>
              <TableHead className="text-right">New</TableHead>
              <TableHead className="text-right">CAC</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {byChannel.map((c) => (
              <TableRow key={c.channel}>
                <TableCell>{c.channel}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMetric(c.spend, "money", c.currency)}</TableCell>
                <TableCell className="text-right tabular-nums">{c.newCustomers}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMetric(c.cac, "money", c.currency)}</TableCell>
              </TableRow>
            ))}
            {byChannel.length === 0 && (
              <TableRow>
                <TableCell colSpan={4} className="text-center text-muted-foreground">
                  No spend in {latest}.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

export default async function PlatformAnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const report = await loadPlatformKpis(operator);
  const available = report.currencies.map((c) => c.currency);
  const asked = typeof params.currency === "string" ? params.currency : undefined;
  const currency =
    asked && available.includes(asked) ? asked : available.includes("usd") ? "usd" : (available[0] ?? "usd");
  const months = report.currencies.find((c) => c.currency === currency)?.months ?? [];
  const latest = months.at(-1);
  const previous = months.at(-2);
  const mrrTrend = {
    metric: "mrr",
    unit: "money",
    grain: "month",
    series: [
      {
        group: currency,
        points: months.map((m) => ({ t: `${m.month}-01T00:00:00.000Z`, value: m.mrr })),
        previous: [],
        total: latest?.mrr ?? null,
        previous_total: previous?.mrr ?? null,
        change: null,
      },
    ],
  };
  const activity = report.activity.at(-1);
  const trials = report.trials.filter((t) => t.trials > 0);

  return (
    <>
      <PageHeader
        title="Analytics"
        description={`Platform KPIs for ${report.from} – ${report.to} (UTC), in ${currency.toUpperCase()}; each currency is reported on its own. Definitions: docs/metrics.md.`}
      />
      {available.length > 1 && (
        <nav aria-label="Currency" className="mb-4 flex gap-2 text-sm">
          {available.map((c) => (
            <a
              key={c}
              href={`/admin/analytics?currency=${c}`}
              aria-current={c === currency ? "page" : undefined}
              className="rounded-md border px-2 py-1 uppercase aria-[current=page]:bg-muted"
            >
              {c}
            </a>
          ))}
        </nav>
      )}
      <div className="grid gap-6">
        <section aria-label="KPIs, latest month" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {CARDS.map(({ metric, field }) => {
            const def = getMetric(metric);
            const value = (latest?.[field] ?? null) as number | null;
            const before = (previous?.[field] ?? null) as number | null;
            return (
              <KpiCard
                key={metric}
                testId={`kpi-${metric}`}
                label={def?.label ?? metric}
                value={value}
                unit={def?.unit ?? "count"}
                currency={currency}
                change={changeOf(value, before)}
                higherIsBetter={def?.higherIsBetter ?? true}
                caption="vs previous month"
              />
            );
          })}
          <KpiCard
            testId="kpi-mau"
            label="MAU"
            value={activity?.mau ?? null}
            unit="users"
            change={changeOf(activity?.mau ?? null, report.activity.at(-2)?.mau ?? null)}
            caption="vs previous month"
          />
        </section>

        <Card>
          <CardHeader>
            <CardTitle>Acquisition spend</CardTitle>
            <CardDescription>
              What was spent to win customers, per month, channel and currency: it feeds CAC (spend ÷ new paying
              customers) and LTV:CAC. Entering a month and channel again replaces its amount; changes are audited.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<Skeleton className="h-48" />}>
              <Spend operator={operator} report={report} currency={currency} />
            </Suspense>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Last 60 minutes, all workspaces</CardTitle>
            <CardDescription>Updates every five seconds.</CardDescription>
          </CardHeader>
          <CardContent>
            <RealtimePanel url="/admin/analytics/realtime" />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>MRR by month</CardTitle>
          </CardHeader>
          <CardContent>
            <TrendFigure trend={mrrTrend} title="MRR" kind="area" showPrevious={false} />
          </CardContent>
        </Card>

        <Suspense fallback={<Skeleton className="h-64" />}>
          <Breakdown operator={operator} />
        </Suspense>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Sign-ups per day</CardTitle>
            </CardHeader>
            <CardContent>
              <Suspense fallback={<Skeleton className="h-48" />}>
                <PlatformTrend operator={operator} metric="signups" title="Sign-ups" />
              </Suspense>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Trial-to-paid conversion</CardTitle>
              <CardDescription>By the month the trial started.</CardDescription>
            </CardHeader>
            <CardContent>
              <Table data-testid="trial-conversion">
                <TableHeader>
                  <TableRow>
                    <TableHead>Month</TableHead>
                    <TableHead className="text-right">Trials</TableHead>
                    <TableHead className="text-right">Converted</TableHead>
                    <TableHead className="text-right">Rate</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {trials.map((t) => (
                    <TableRow key={t.month}>
                      <TableCell>{t.month}</TableCell>
                      <TableCell className="text-right tabular-nums">{t.trials}</TableCell>
                      <TableCell className="text-right tabular-nums">{t.converted}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatMetric(t.rate, "percent")}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader>
            <CardTitle>Cohort retention</CardTitle>
            <CardDescription>Workspaces with an active member each month after signing up.</CardDescription>
          </CardHeader>
          <CardContent>
            <CohortGrid cohorts={report.cohorts} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
