import { Progress } from "@/components/ui/progress";
import type { UsageDimension } from "@/lib/usage/summary";

import { formatUsage, formatUsed } from "./format-usage";

/** One meter per plan dimension: amber from 80 %, red at 100 %; unlimited ones as plain text. */
export function UsageMeters({ dimensions }: { dimensions: UsageDimension[] }) {
  return (
    <ul className="grid gap-6 sm:grid-cols-2">
      {dimensions.map((dimension) => (
        <li key={dimension.id} data-testid={`usage-${dimension.id}`} data-level={dimension.level}>
          <UsageMeter dimension={dimension} />
        </li>
      ))}
    </ul>
  );
}

export function UsageMeter({ dimension, label }: { dimension: UsageDimension; label?: string }) {
  if (dimension.limit === null) {
    return (
      <div className="grid gap-1.5 text-sm">
        <span className="font-medium">{label ?? dimension.label}</span>
        <span className="text-muted-foreground tabular-nums">
          {formatUsed(dimension)} used · unlimited on this plan
        </span>
      </div>
    );
  }
  // A limit of 0 counts as reached (ratio 1); the bar is drawn full.
  const max = dimension.limit > 0 ? dimension.limit : 1;
  const value = dimension.limit > 0 ? dimension.used : 1;
  return (
    <Progress label={label ?? dimension.label} value={value} max={max} tone="auto" valueText={formatUsage(dimension)} />
  );
}
