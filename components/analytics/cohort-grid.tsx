// Cohort retention as a grid: one row per signup month, one column per month since signup; each
// cell the share of the cohort active that month, shaded by value (the number is always shown).
import { formatMetric } from "./format";

export interface CohortRow {
  month: string;
  size: number;
  retained: number[];
  rates: number[];
}

export function CohortGrid({
  cohorts,
  cohortLabel = "Workspaces",
  caption = "Workspaces active each month after signing up, by signup month",
}: {
  cohorts: CohortRow[];
  cohortLabel?: string;
  caption?: string;
}) {
  const width = Math.max(0, ...cohorts.map((c) => c.rates.length));
  if (cohorts.length === 0)
    return <p className="text-sm text-muted-foreground">No {cohortLabel.toLowerCase()} joined in the range.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-0.5 text-xs tabular-nums" data-testid="cohort-grid">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Joined
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              {cohortLabel}
            </th>
            {Array.from({ length: width }, (_, k) => (
              <th key={k} scope="col" className="px-2 py-1 text-right font-medium">
                M{k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((c) => (
            <tr key={c.month}>
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {c.month}
              </th>
              <td className="px-2 py-1 text-right">{c.size}</td>
              {Array.from({ length: width }, (_, k) => {
                const rate = c.rates[k];
                return (
                  <td
                    key={k}
                    className="rounded-sm px-2 py-1 text-right"
                    style={
                      rate === undefined
                        ? undefined
                        : {
                            background: `color-mix(in oklab, var(--brand-primary) ${Math.round(rate * 70)}%, transparent)`,
                          }
                    }
                  >
                    {rate === undefined ? "" : formatMetric(rate, "percent")}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
