"use client";

import { Bar } from "recharts";

import { ChartFrame } from "@/components/charts/chart-frame";
import { ChartTooltipBox } from "@/components/charts/chart-theme";

export interface SloDayPoint {
  day: string;
  requests: number;
  /** Percent of requests without a 5xx, or null for a day without traffic. */
  availability: number | null;
}

const percent = (value: number | null) => (value === null ? "no traffic" : `${value.toFixed(3)}%`);

function summaryOf(points: SloDayPoint[], objective: number): string {
  const measured = points.filter((point) => point.availability !== null);
  if (measured.length === 0) return "No requests recorded in the window yet.";
  const missed = measured.filter((point) => (point.availability ?? 100) < objective);
  const worst = measured.reduce((low, point) =>
    (point.availability ?? 100) < (low.availability ?? 100) ? point : low,
  );
  return (
    `${measured.length} days with traffic; ${missed.length} below the ${objective}% objective. ` +
    `Lowest: ${worst.day} at ${percent(worst.availability)}.`
  );
}

/**
 * Failed requests (5xx) per day over the SLO window, as bars (availability near 100% would not
 * show on a 0–100 axis); the summary and the hidden table give each day's availability.
 */
export function SloChart({ points, objective }: { points: SloDayPoint[]; objective: number }) {
  const data = points.map((point) => ({
    ...point,
    failed: point.availability === null ? 0 : Math.round((100 - point.availability) * 1000) / 1000,
  }));
  return (
    <ChartFrame
      data={data}
      title="Failed requests by day"
      summary={summaryOf(points, objective)}
      summaryTestId="slo-chart-summary"
      xKey="day"
      xTick={(day) => day.slice(5)}
      yTick={(value) => `${value}%`}
      yWidth={56}
      yAllowDecimals
      tooltip={(point) => (
        <ChartTooltipBox
          title={point.day}
          rows={[
            { label: "Failed", value: `${point.failed}%`, color: "var(--destructive)" },
            { label: "Available", value: percent(point.availability) },
            { label: "Requests", value: point.requests.toLocaleString("en-US") },
          ]}
        />
      )}
      table={[
        { header: "Day", cell: (point) => point.day },
        { header: "Availability", cell: (point) => percent(point.availability) },
        { header: "Requests", cell: (point) => point.requests.toLocaleString("en-US") },
      ]}
    >
      <Bar dataKey="failed" name="Failed requests" fill="var(--destructive)" isAnimationActive={false} />
    </ChartFrame>
  );
}
