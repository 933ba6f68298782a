// The cache's hit rate over the last day, from the one-minute samples: a column per hour (UTC),
// drawn on the server (components/charts/column-chart.tsx), so the cache page sends no chart code.
// The caption still speaks of the minutes (the average and the lowest minute).
import { ColumnChart } from "@/components/charts/column-chart";

export interface HitRatePoint {
  /** ISO time of the sample. */
  at: string;
  /** Percent of lookups served from the cache since the previous sample; null when none. */
  hitRate: number | null;
  lookups: number;
}

interface HourPoint {
  /** "2026-12-03T14" */
  hour: string;
  lookups: number;
  hitRate: number | null;
}

const timeLabel = (iso: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

const hourLabel = (hour: string) => `${hour.slice(11, 13)}:00`;

function summaryOf(points: HitRatePoint[]): string {
  const rated = points.filter((p) => p.hitRate !== null);
  if (rated.length === 0)
    return "No lookups were sampled yet: the chart fills as POST /api/cron/cache-stats runs each minute.";
  const lookups = points.reduce((sum, p) => sum + p.lookups, 0);
  const avg = rated.reduce((sum, p) => sum + (p.hitRate ?? 0) * p.lookups, 0) / Math.max(1, lookups);
  const low = rated.reduce((min, p) => ((p.hitRate ?? 100) < (min.hitRate ?? 100) ? p : min), rated[0] as HitRatePoint);
  return `Over ${points.length} samples, ${Math.round(avg * 10) / 10}% of ${lookups} lookups hit the cache; the lowest minute was ${timeLabel(low.at)} UTC at ${low.hitRate}%.`;
}

/** The minute samples added up per UTC hour: lookups, and the hit rate of those lookups. */
export function byHour(points: readonly HitRatePoint[]): HourPoint[] {
  const hours = new Map<string, { lookups: number; hits: number }>();
  for (const point of points) {
    const hour = new Date(point.at).toISOString().slice(0, 13);
    const sum = hours.get(hour) ?? { lookups: 0, hits: 0 };
    sum.lookups += point.lookups;
    sum.hits += ((point.hitRate ?? 0) * point.lookups) / 100;
    hours.set(hour, sum);
  }
  return [...hours]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([hour, { lookups, hits }]) => ({
      hour,
      lookups,
      hitRate: lookups > 0 ? Math.round((hits / lookups) * 1000) / 10 : null,
    }));
}

const rateText = (point: HourPoint) => (point.hitRate === null ? "no lookups" : `${point.hitRate}%`);

export function HitRateChart({ points }: { points: HitRatePoint[] }) {
  return (
    <ColumnChart
      data={byHour(points)}
      title="Cache hit rate by hour (UTC)"
      summary={summaryOf(points)}
      summaryTestId="cache-hit-rate-summary"
      xKey={(point) => point.hour}
      value={(point) => point.hitRate ?? 0}
      xTick={(point) => hourLabel(point.hour)}
      yTick={(value) => `${value}%`}
      tooltipTitle={(point) => `${hourLabel(point.hour)} UTC`}
      tooltipValue={(point) => `${rateText(point)} hit rate`}
      tooltipDetails={(point) => [`${point.lookups.toLocaleString("en-US")} lookups`]}
      tableHeaders={["Hour (UTC)", "Hit rate"]}
      extraColumns={[{ header: "Lookups", cell: (point) => point.lookups.toLocaleString("en-US") }]}
    />
  );
}
