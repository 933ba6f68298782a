// Headline figures as a row of cards (revenue, PayPal): each card's heading reads "label: value".
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

export interface Kpi {
  label: string;
  value: string;
  description: string;
  /** Classes of the value, e.g. "text-destructive" for a loss. */
  tone?: string;
}

export function KpiCards({
  items,
  label,
}: {
  items: Kpi[];
  /** The list's name, when no heading names it. */ label?: string;
}) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={label}>
      {items.map((kpi) => (
        <li key={kpi.label}>
          <Card className="h-full gap-2">
            <CardHeader>
              <CardDescription>{kpi.label}</CardDescription>
              <CardTitle as="h3" className={cn("text-2xl tabular-nums", kpi.tone)}>
                <span className="sr-only">{kpi.label}: </span>
                {kpi.value}
              </CardTitle>
            </CardHeader>
            <CardContent className="text-xs text-muted-foreground">{kpi.description}</CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
