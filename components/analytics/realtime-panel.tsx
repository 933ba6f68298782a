"use client";
// The last 60 minutes, live: polls the realtime endpoint every few seconds (no reload) and draws
// calls per minute, with the totals above. Polling pauses while the tab is hidden.
import * as React from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

import { AXIS_TICK, GRID_STROKE } from "@/components/charts/chart-theme";
import { Skeleton } from "@/components/ui/skeleton";

import { formatMetric, pointLabel } from "./format";

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
      <div className="h-40">
        <BarChart
          data={data.minutes}
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title="API calls per minute, last 60 minutes"
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="minute"
            tickFormatter={(v: string) => pointLabel(v, "minute")}
            tickLine={false}
            tick={AXIS_TICK}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={40} tick={AXIS_TICK} />
          <Tooltip
            labelFormatter={(v) => pointLabel(String(v), "minute")}
            contentStyle={{
              background: "var(--popover)",
              color: "var(--popover-foreground)",
              borderColor: "var(--border)",
            }}
          />
          <Bar dataKey="calls" name="Calls" fill="var(--brand-primary)" isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" fill="#be123c" isAnimationActive={false} />
        </BarChart>
      </div>
    </div>
  );
}
