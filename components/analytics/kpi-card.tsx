// A KPI card: the value for the period and its change against the previous period of the same
// length. The arrow's colour says whether the change is good (a lower error rate is).
import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

import { formatChange, formatMetric } from "./format";

export interface KpiCardProps {
  label: string;
  value: number | null;
  unit: string;
  currency?: string | null;
  change?: number | null;
  higherIsBetter?: boolean;
  /** "vs previous 7 days" */
  caption?: string;
  testId?: string;
}

export function KpiCard({
  label,
  value,
  unit,
  currency,
  change,
  higherIsBetter = true,
  caption,
  testId,
}: KpiCardProps) {
  const direction = change === null || change === undefined || change === 0 ? 0 : change > 0 ? 1 : -1;
  const good = direction === 0 ? null : direction > 0 === higherIsBetter;
  const Icon = direction > 0 ? ArrowUpRight : direction < 0 ? ArrowDownRight : Minus;
  return (
    <Card data-testid={testId} className="gap-2">
      <CardHeader>
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{formatMetric(value, unit, currency)}</CardTitle>
      </CardHeader>
      {change !== undefined && (
        <CardContent className="flex items-center gap-1 text-sm">
          <Icon
            aria-hidden
            className={cn(
              "size-4",
              good === null
                ? "text-muted-foreground"
                : good
                  ? "text-emerald-600 dark:text-emerald-400"
                  : "text-red-600 dark:text-red-400",
            )}
          />
          <span className="tabular-nums">{formatChange(change)}</span>
          <span className="text-muted-foreground">{caption ?? "vs previous period"}</span>
        </CardContent>
      )}
    </Card>
  );
}
