"use client";
// The cache's hit rate minute by minute over the last day (from the one-minute samples), as an area chart.
import { Area, AreaChart } from "recharts";

import { ChartFrame } from "@/components/charts/chart-frame";
import { ChartTooltipBox } from "@/components/charts/chart-theme";

export interface HitRatePoint {
  /** ISO time of the sample. */
  at: string;
  /** Percent of lookups served from the cache since the previous sample; null when none. */
  hitRate: number | null;
  lookups: number;
}

const timeLabel = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

function summaryOf(points: HitRatePoint[]): string {
  const rated = points.filter((p) => p.hitRate !== null);
  if (rated.length === 0)
    return "No lookups were sampled yet: the chart fills as POST /api/cron/cache-stats runs each minute.";
  const lookups = points.reduce((sum, p) => sum + p.lookups, 0);
  const avg = rated.reduce((sum, p) => sum + (p.hitRate ?? 0) * p.lookups, 0) / Math.max(1, lookups);
  const low = rated.reduce((min, p) => ((p.hitRate ?? 100) < (min.hitRate ?? 100) ? p : min), rated[0] as HitRatePoint);
  return `Over ${points.length} samples, ${Math.round(avg * 10) / 10}% of ${lookups} lookups hit the cache; the lowest minute was ${timeLabel(low.at)} UTC at ${low.hitRate}%.`;
}

export function HitRateChart({ points }: { points: HitRatePoint[] }) {
  return (
    <ChartFrame
      chart={AreaChart}
      data={points}
      title="Cache hit rate by minute (UTC)"
      summary={summaryOf(points)}
      summaryTestId="cache-hit-rate-summary"
      xKey="at"
      xTick={timeLabel}
      yTick={(value) => `${value}%`}
      cursor="line"
      tooltip={(point) => (
        <ChartTooltipBox
          title={`${timeLabel(point.at)} UTC`}
          rows={[
            {
              label: "Hit rate",
              value: point.hitRate === null ? "no lookups" : `${point.hitRate}%`,
              color: "var(--brand-primary)",
            },
            { label: "Lookups", value: String(point.lookups), color: "var(--muted-foreground)" },
          ]}
        />
      )}
    >
      <Area
        type="monotone"
        dataKey="hitRate"
        name="Hit rate"
        stroke="var(--brand-primary)"
        strokeWidth={2}
        fill="var(--brand-primary)"
        fillOpacity={0.15}
        connectNulls
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}
