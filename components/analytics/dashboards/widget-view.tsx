"use client";
// One widget: fetches its own figures (so widgets load independently, each with its skeleton)
// and renders a KPI card, a chart or a table.
import dynamic from "next/dynamic";
import * as React from "react";

import { Skeleton } from "@/components/ui/skeleton";
import type { Widget } from "@/lib/analytics/dashboard-spec";

import { CohortGrid, type CohortRow } from "../cohort-grid";
import { formatChange, formatMetric, pointLabel } from "../format";
import { Funnel, type FunnelStepData } from "../funnel";
import { KpiCard } from "../kpi-card";
import type { TrendData } from "../trend-data";

// Charts (recharts) load with the first chart widget, not with the page: a dashboard of KPI cards,
// tables, funnels and cohort grids never downloads them.
const TrendChart = dynamic(() => import("../trend-chart").then((m) => m.TrendChart), {
  loading: () => <Skeleton className="h-full min-h-16" />,
});
import type { CatalogEntry } from "./types";

export interface FunnelData {
  kind: "funnel";
  steps: (FunnelStepData & { metric: string; event: string | null })[];
}

export interface CohortData {
  kind: "cohort";
  of: "members" | "workspaces";
  cohorts: CohortRow[];
}

export type WidgetData = TrendData | FunnelData | CohortData;

export function widgetQuery(w: Widget): string {
  const params = new URLSearchParams({ type: w.type, metric: w.metric, range: w.range, grain: w.grain });
  if (w.group_by) params.set("group_by", w.group_by);
  if (w.type === "funnel") params.set("steps", JSON.stringify(w.steps ?? []));
  return params.toString();
}

const isFunnel = (d: WidgetData): d is FunnelData => "kind" in d && d.kind === "funnel";
const isCohort = (d: WidgetData): d is CohortData => "kind" in d && d.kind === "cohort";

export function WidgetView({
  widget,
  dataUrl,
  metric,
  cache,
  onData,
}: {
  widget: Widget;
  dataUrl: string;
  metric?: CatalogEntry;
  /** Figures by request, shared by the builder: a widget remounted by the grid shows them at once. */
  cache?: Map<string, WidgetData>;
  /** Told each time figures arrive (the builder keeps them for a widget's CSV of a funnel or cohorts). */
  onData?: (data: WidgetData) => void;
}) {
  const query = widgetQuery(widget);
  const [state, setState] = React.useState<{ query: string; data?: WidgetData; error?: string } | null>(() => {
    const data = cache?.get(`${dataUrl}?${query}`);
    return data ? { query, data } : null;
  });
  // Mounted with cached figures: the first fetch is skipped (a query changed later fetches).
  const fromCache = React.useRef(state !== null);
  const onDataRef = React.useRef(onData);
  React.useEffect(() => {
    onDataRef.current = onData;
  });

  React.useEffect(() => {
    if (fromCache.current) {
      fromCache.current = false;
      return;
    }
    const controller = new AbortController();
    const url = `${dataUrl}?${query}`;
    fetch(url, { signal: controller.signal, cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json()) as WidgetData & { error?: { message?: string } };
        if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
        cache?.set(url, body);
        setState({ query, data: body });
        onDataRef.current?.(body);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ query, error: error instanceof Error ? error.message : "failed" });
      });
    return () => controller.abort();
  }, [dataUrl, query, cache]);

  const title = widget.title || metric?.label || widget.metric;
  if (!state || state.query !== query) {
    return (
      <div className="grid h-full content-start gap-2" aria-busy="true" data-testid="widget-loading">
        <Skeleton className="h-6 w-1/2" />
        <Skeleton className="h-full min-h-16" />
      </div>
    );
  }
  if (state.error || !state.data) return <p className="text-sm text-muted-foreground">Could not load: {state.error}</p>;
  const data = state.data;
  if (isFunnel(data)) return <Funnel steps={data.steps} title={title} />;
  if (isCohort(data)) {
    return (
      <div className="h-full overflow-auto">
        <CohortGrid
          cohorts={data.cohorts}
          cohortLabel={data.of === "members" ? "Members" : "Workspaces"}
          caption={`${title}: ${data.of} active each month after joining, by the month they joined`}
        />
      </div>
    );
  }
  const trend = data;
  const first = trend.series[0];
  if (widget.type === "kpi") {
    return (
      <KpiCard
        label={title}
        value={first?.total ?? null}
        unit={trend.unit}
        currency={trend.unit === "money" ? (first?.group ?? null) : null}
        change={first?.change ?? null}
        higherIsBetter={metric?.higherIsBetter ?? true}
        caption="vs previous period"
      />
    );
  }
  if (widget.type === "table") {
    return (
      <div className="h-full overflow-auto">
        <table className="w-full text-sm tabular-nums">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="text-left text-muted-foreground">
              <th scope="col" className="py-1 font-medium">
                {widget.group_by ?? "Series"}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Total
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Previous
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.series.map((s) => (
              <tr key={String(s.group)} className="border-t">
                <th scope="row" className="py-1 text-left font-normal">
                  {s.group ?? "All"}
                </th>
                <td className="py-1 text-right">
                  {formatMetric(s.total, trend.unit, trend.unit === "money" ? s.group : null)}
                </td>
                <td className="py-1 text-right">
                  {formatMetric(s.previous_total, trend.unit, trend.unit === "money" ? s.group : null)}
                </td>
                <td className="py-1 text-right">{formatChange(s.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {first && first.points.length > 0 && (
          <p className="mt-2 text-xs text-muted-foreground">
            {pointLabel(first.points[0]!.t, trend.grain)} –{" "}
            {pointLabel(first.points[first.points.length - 1]!.t, trend.grain)}
          </p>
        )}
      </div>
    );
  }
  const kind = widget.type === "area" || widget.type === "bar" ? widget.type : "line";
  return <TrendChart trend={trend} title={title} kind={kind} heightClassName="h-full min-h-24" />;
}
