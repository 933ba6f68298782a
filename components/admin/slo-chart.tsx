// Failed requests per day over the SLO window, drawn on the server (components/charts/column-chart.tsx):
// the system page sends no chart code.
import { ColumnChart } from "@/components/charts/column-chart";

export interface SloDayPoint {
  day: string;
  requests: number;
  /** Percent of requests without a 5xx, or null for a day without traffic. */
  availability: number | null;
}

const percent = (value: number | null) => (value === null ? "no traffic" : `${value.toFixed(3)}%`);

/** Percent of a day's requests that failed (0 on a day without traffic). */
const failedOf = (point: SloDayPoint) =>
  point.availability === null ? 0 : Math.round((100 - point.availability) * 1000) / 1000;

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
 * Failed requests (5xx) per day over the SLO window, as columns (availability near 100% would not
 * show on a 0–100 axis); the summary and the figures' table give each day's availability.
 */
export function SloChart({ points, objective }: { points: SloDayPoint[]; objective: number }) {
  return (
    <ColumnChart
      data={points}
      title="Failed requests by day"
      summary={summaryOf(points, objective)}
      summaryTestId="slo-chart-summary"
      xKey={(point) => point.day}
      value={failedOf}
      xTick={(point) => point.day.slice(5)}
      // Ticks such as 0.02 are sums of floats: print them at three significant digits.
      yTick={(value) => `${Number(value.toPrecision(3))}%`}
      tooltipTitle={(point) => point.day}
      tooltipValue={(point) => `${failedOf(point)}% failed`}
      tooltipDetails={(point) => [
        point.availability === null ? "no traffic" : `${percent(point.availability)} available`,
        `${point.requests.toLocaleString("en-US")} requests`,
      ]}
      tableHeaders={["Day", "Failed"]}
      extraColumns={[
        { header: "Availability", cell: (point) => percent(point.availability) },
        { header: "Requests", cell: (point) => point.requests.toLocaleString("en-US") },
      ]}
      color="var(--destructive)"
    />
  );
}
