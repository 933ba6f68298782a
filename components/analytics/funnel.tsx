// A funnel: one bar per step, its width the step's share of the first step, with the count, the
// share of the first step and of the step before (the drop-off), against the previous period.
import { formatChange, formatMetric } from "./format";

export interface FunnelStepData {
  label: string;
  value: number;
  previous: number;
  of_first: number | null;
  of_previous: number | null;
}

export function Funnel({ steps, title }: { steps: FunnelStepData[]; title: string }) {
  if (steps.length === 0) return <p className="text-sm text-muted-foreground">No steps.</p>;
  return (
    <ol className="grid gap-1.5 text-sm" aria-label={title} data-testid="funnel">
      {steps.map((s, i) => {
        const width = Math.max(2, Math.round((s.of_first ?? 0) * 100));
        const change = s.previous === 0 ? null : (s.value - s.previous) / s.previous;
        return (
          <li key={`${i}-${s.label}`} className="grid gap-0.5">
            <div className="flex items-baseline justify-between gap-2">
              <span className="truncate">
                <span className="text-muted-foreground">{i + 1}.</span> {s.label}
              </span>
              <span className="shrink-0 tabular-nums">
                {formatMetric(s.value, "count")}
                <span className="ml-2 text-xs text-muted-foreground">
                  {i === 0 ? "" : `${formatMetric(s.of_previous, "percent")} of previous · `}
                  {formatChange(change)} vs before
                </span>
              </span>
            </div>
            <div className="h-3 rounded-sm bg-muted" aria-hidden>
              <div className="h-3 rounded-sm bg-[var(--brand-primary)]" style={{ width: `${width}%` }} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
