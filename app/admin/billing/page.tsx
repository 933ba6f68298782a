// Revenue: MRR, ARR and MRR movements by month in one currency (?currency=), from the ledger's
// subscription versions and payments (lib/billing/reports). The same figures download as CSV.
import type { Metadata } from "next";
import { Download, LineChart } from "lucide-react";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { CurrencySelect } from "@/components/admin/billing/currency-select";
import { MovementsChart } from "@/components/admin/billing/movements-chart";
import { MrrChart } from "@/components/admin/billing/mrr-chart";
import { RevenueKpis } from "@/components/admin/billing/revenue-kpis";
import { RevenueMonthsTable } from "@/components/admin/billing/revenue-months-table";
import { monthLabel } from "@/components/charts/chart-format";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CURRENCIES } from "@/lib/billing/catalog";
import { loadRevenueReport } from "@/lib/billing/reports/revenue";
import { lenientRevenueQuery, pickCurrency, revenueRange, revenueSearch } from "@/lib/billing/reports/revenue-query";
import { requireOperator } from "@/lib/http/session";

export const metadata: Metadata = { title: "Revenue" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function RevenuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const query = lenientRevenueQuery(await searchParams);
  const report = await loadRevenueReport(operator, revenueRange(query));
  const available = report.currencies.map((c) => c.currency);
  const currency = pickCurrency(query.currency, available);
  const shown = report.currencies.find((c) => c.currency === currency);
  const latest = shown?.months.at(-1);
  const options = [...new Set([...CURRENCIES, ...available, currency])]
    .sort()
    .map((code) => ({ value: code, href: `/admin/billing${revenueSearch({ ...query, currency: code })}` }));
  const range = `${monthLabel(report.from)} – ${monthLabel(report.to)}`;

  return (
    <>
      <PageHeader
        title="Revenue"
        description={`Recurring revenue and cash by month, ${range} (UTC). Each currency is reported on its own.`}
        actions={
          <>
            <CurrencySelect value={currency} options={options} />
            <Button asChild variant="outline">
              <a href={`/admin/billing/revenue.csv${revenueSearch({ ...query, currency })}`} download>
                <Download aria-hidden />
                Export CSV
              </a>
            </Button>
          </>
        }
      />
      <BillingNav current="/admin/billing" />

      {shown && latest ? (
        <div className="grid gap-6">
          <RevenueKpis month={latest} currency={currency} />
          <div className="grid gap-4 xl:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>MRR by month</CardTitle>
                <CardDescription>Monthly recurring revenue at each month&apos;s end.</CardDescription>
              </CardHeader>
              <CardContent>
                <MrrChart currency={currency} points={shown.months.map((m) => ({ month: m.month, mrr: m.mrr }))} />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>MRR movements</CardTitle>
                <CardDescription>Against the previous month&apos;s end, customer by customer.</CardDescription>
              </CardHeader>
              <CardContent>
                <MovementsChart currency={currency} points={shown.months} />
              </CardContent>
            </Card>
          </div>
          <section aria-labelledby="months-heading" className="grid gap-3">
            <h2 id="months-heading" className="text-lg font-semibold">
              Revenue by month
            </h2>
            <RevenueMonthsTable months={shown.months} currency={currency} />
          </section>
        </div>
      ) : (
        <EmptyState
          icon={<LineChart />}
          title={`No ${currency.toUpperCase()} revenue in ${range}`}
          description="Months appear here once a subscription in this currency earns revenue or a payment is collected."
        />
      )}
    </>
  );
}
