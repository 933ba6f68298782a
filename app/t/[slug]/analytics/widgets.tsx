// The workspace analytics page's widgets: each an async server component that loads its own
// figures (the page wraps each in Suspense, so they stream in independently with skeletons).
import { KpiCard } from "@/components/analytics/kpi-card";
import { TrendFigure } from "@/components/analytics/trend-figure";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getMetric } from "@/lib/analytics/catalog";
import { loadTenantTrend, type TrendQuery } from "@/lib/analytics/trends";
import type { TenantContext } from "@/lib/tenancy/context";
import { DAY_MS } from "@/lib/calendar";

export function rangeOf(days: number, grain: TrendQuery["grain"], now = new Date()): TrendQuery {
  const to = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  return { from: new Date(to.getTime() - days * DAY_MS).toISOString(), to: to.toISOString(), grain };
}

export async function TenantKpi({ ctx, metric, days }: { ctx: TenantContext; metric: string; days: number }) {
  const def = getMetric(metric);
  const trend = await loadTenantTrend(ctx, metric, rangeOf(days, "day"));
  const series = trend.series[0];
  return (
    <KpiCard
      testId={`kpi-${metric}`}
      label={def?.label ?? metric}
      value={series?.total ?? null}
      unit={trend.unit}
      currency={trend.unit === "money" ? (series?.group ?? null) : null}
      change={series?.change ?? null}
      higherIsBetter={def?.higherIsBetter ?? true}
      caption={`vs previous ${days} days`}
    />
  );
}

export async function TenantTrendCard({
  ctx,
  metric,
  title,
  description,
  days,
  grain,
  kind = "line",
  groupBy,
}: {
  ctx: TenantContext;
  metric: string;
  title: string;
  description: string;
  days: number;
  grain: TrendQuery["grain"];
  kind?: "line" | "area" | "bar";
  groupBy?: string;
}) {
  const trend = await loadTenantTrend(ctx, metric, { ...rangeOf(days, grain), group_by: groupBy });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <TrendFigure trend={trend} title={title} kind={kind} />
      </CardContent>
    </Card>
  );
}

export function CardSkeleton({ height = "h-64" }: { height?: string }) {
  return (
    <Card>
      <CardHeader>
        <Skeleton className="h-5 w-40" />
      </CardHeader>
      <CardContent>
        <Skeleton className={height} />
      </CardContent>
    </Card>
  );
}
