// API calls per day of the month so far: a column chart drawn on the server (no chart library in
// the browser). Colours come from CSS variables (brand, border, muted text), so it follows the
// theme. For assistive tech: the caption says it in words and a hidden table holds every value.
import { ColumnChart } from "@/components/charts/column-chart";
import { formatCount, plural } from "@/lib/format";

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const longDayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

type Day = { date: string; calls: number };

/** "2026-01-05" → "Jan 5" */
function shortDay(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

function longDay(date: string): string {
  return longDayFormat.format(new Date(`${date}T00:00:00Z`));
}

export function DailyCallsChart({ daily }: { daily: Day[] }) {
  const total = daily.reduce((sum, day) => sum + day.calls, 0);
  const busiest = daily.reduce<Day | null>((best, day) => (day.calls > (best?.calls ?? 0) ? day : best), null);
  const summary =
    total === 0
      ? "No API calls this month yet."
      : `${plural(total, "API call")} over ${plural(daily.length, "day")}; the busiest day was ${longDay(busiest!.date)} with ${plural(busiest!.calls, "call")}.`;

  return (
    <ColumnChart
      data={daily}
      title="API calls per day"
      summary={summary}
      summaryTestId="daily-calls-summary"
      xKey={(day) => day.date}
      value={(day) => day.calls}
      xTick={(day) => shortDay(day.date)}
      yTick={(value) => formatCount(value)}
      tooltipTitle={(day) => longDay(day.date)}
      tooltipValue={(day) => plural(day.calls, "call")}
      tableHeaders={["Day", "Calls"]}
    />
  );
}
