"use client";
// The last 60 minutes, live: polls the realtime endpoint every few seconds (no reload) and draws
// calls per minute, with the totals above. Polling pauses while the tab is hidden. The chart is
// the server-drawn ColumnChart (HTML and CSS, no chart library), redrawn with each poll: calls that
// succeeded and errors stacked, so a column's height is the minute's calls.
import * as React from "react";

import { ColumnChart } from "@/components/charts/column-chart";
import { Skeleton } from "@/components/ui/skeleton";
import { plural } from "@/lib/format";

import { formatMetric, pointLabel } from "./format";

const ERROR_COLOR = "#be123c";

export interface RealtimeData {
  minutes: { minute: string; calls: number; errors: number; active_users: number; latency_p95_ms: number | null }[];
  totals: {
    calls: number;
    errors: number;
    success_rate: number | null;
    latency_p50_ms: number | null;
    latency_p95_ms: number | null;
    active_users: number;
  };
}

export function RealtimePanel({
  url,
  intervalMs = 5_000,
  headers,
}: {
  url: string;
  intervalMs?: number;
  headers?: Record<string, string>;
}) {
  const [data, setData] = React.useState<RealtimeData | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const headersKey = JSON.stringify(headers ?? {});

  React.useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(url, {
            cache: "no-store",
            headers: JSON.parse(headersKey) as Record<string, string>,
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const body = (await response.json()) as RealtimeData;
          if (!stopped) {
            setData(body);
            setError(null);
          }
        } catch (e) {
          if (!stopped) setError(e instanceof Error ? e.message : "failed");
        }
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [url, intervalMs, headersKey]);

  if (!data) {
    return error ? (
      <p className="text-sm text-muted-foreground">The realtime view is unavailable ({error}).</p>
    ) : (
      <div className="grid gap-3" aria-busy="true" aria-label="Loading the last 60 minutes">
        <Skeleton className="h-10" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  const { totals } = data;
  const stats = [
    { label: "Calls", value: formatMetric(totals.calls, "count"), id: "calls" },
    { label: "Success rate", value: formatMetric(totals.success_rate, "percent"), id: "success" },
    { label: "p95 latency", value: formatMetric(totals.latency_p95_ms, "ms"), id: "p95" },
    { label: "Active users", value: formatMetric(totals.active_users, "users"), id: "users" },
  ];
  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-live="polite">
        {stats.map((s) => (
          <div key={s.id} className="rounded-md border px-3 py-2">
            <dt className="text-xs text-muted-foreground">{s.label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`realtime-${s.id}`}>
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      <ColumnChart
        data={data.minutes}
        title="API calls per minute, last 60 minutes"
        summary={`${plural(totals.calls, "API call")} in the last 60 minutes, ${plural(totals.errors, "error")}.`}
        xKey={(m) => m.minute}
        series={[
          { label: "Succeeded", color: "var(--brand-primary)", value: (m) => Math.max(0, m.calls - m.errors) },
          { label: "Errors", color: ERROR_COLOR, value: (m) => m.errors },
        ]}
        xTick={(m) => pointLabel(m.minute, "minute")}
        yTick={(value) => formatMetric(value, "count")}
        tooltipTitle={(m) => pointLabel(m.minute, "minute")}
        tooltipValue={(m) => plural(m.calls, "call")}
        tooltipDetails={(m) => [plural(m.errors, "error")]}
        tableHeaders={["Minute", "Calls"]}
        extraColumns={[{ header: "Errors", cell: (m) => formatMetric(m.errors, "count") }]}
        heightClassName="h-40"
      />
    </div>
  );
}
