"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { formatCount, plural } from "@/lib/format";

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const longDayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "2026-01-05" → "Jan 5" */
function shortDay(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

function longDay(date: string): string {
  return longDayFormat.format(new Date(`${date}T00:00:00Z`));
}

function ChartTooltip({ active, payload, label }: TooltipContentProps<number, string>) {
  if (!active || !payload?.length) return null;
  const calls = Number(payload[0]?.value ?? 0);
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-sm text-popover-foreground shadow-md">
      <div className="font-medium">{longDay(String(label))}</div>
      <div className="text-muted-foreground tabular-nums">{plural(calls, "call")}</div>
    </div>
  );
}

/**
 * API calls per day of the month so far. Colours come from CSS variables (brand, border, muted
 * text), so the chart follows the theme. For assistive tech: the SVG has a title and summary
 * (arrow keys move through the days), and a visually hidden table holds every value.
 */
export function DailyCallsChart({ daily }: { daily: { date: string; calls: number }[] }) {
  const total = daily.reduce((sum, day) => sum + day.calls, 0);
  const busiest = daily.reduce<{ date: string; calls: number } | null>(
    (best, day) => (day.calls > (best?.calls ?? 0) ? day : best),
    null,
  );
  const summary =
    total === 0
      ? "No API calls this month yet."
      : `${plural(total, "API call")} over ${plural(daily.length, "day")}; the busiest day was ${longDay(busiest!.date)} with ${plural(busiest!.calls, "call")}.`;

  return (
    <figure className="grid gap-3">
      <figcaption className="text-sm text-muted-foreground" data-testid="daily-calls-summary">
        {summary}
      </figcaption>
      <div className="h-64 w-full">
        <BarChart
          data={daily}
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title="API calls per day"
          desc={summary}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="date"
            tickFormatter={shortDay}
            tickLine={false}
            axisLine={{ stroke: "var(--border)" }}
            tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
            minTickGap={16}
          />
          <YAxis
            allowDecimals={false}
            tickFormatter={(value: number) => formatCount(value)}
            tickLine={false}
            axisLine={false}
            width={48}
            tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
          />
          <Tooltip
            cursor={{ fill: "var(--muted)" }}
            content={(props) => <ChartTooltip {...(props as TooltipContentProps<number, string>)} />}
          />
          <Bar
            dataKey="calls"
            name="API calls"
            fill="var(--brand-primary)"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>API calls per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Calls</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((day) => (
            <tr key={day.date}>
              <th scope="row">{longDay(day.date)}</th>
              <td>{formatCount(day.calls)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
