// A small horizontal bar chart without a chart library: each bar is a list item whose text (label,
// count and share) is what assistive tech reads; the bar itself is decorative.
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/lib/format";

export interface StatusBar {
  label: string;
  value: number;
  /** Extra text after the count, e.g. an amount. */
  detail?: string;
  /** Tailwind background class of the bar (default: the brand colour). */
  barClassName?: string;
}

export function StatusBars({
  title,
  unit,
  items,
  className,
}: {
  title: string;
  /** What is counted, plural ("orders"): read after each count. */
  unit: string;
  items: StatusBar[];
  className?: string;
}) {
  const max = Math.max(1, ...items.map((item) => item.value));
  const total = items.reduce((sum, item) => sum + item.value, 0);
  return (
    <figure className={cn("grid gap-3", className)}>
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <ul className="grid gap-2.5">
        {items.map((item) => (
          <li key={item.label} className="grid gap-1">
            <span className="flex items-baseline justify-between gap-2 text-sm">
              <span>{item.label}</span>
              <span className="text-muted-foreground tabular-nums">
                {formatCount(item.value)}
                <span className="sr-only"> {unit}</span>
                {item.detail && <span className="ml-1">· {item.detail}</span>}{" "}
                <span className="text-xs">({total === 0 ? 0 : Math.round((item.value / total) * 100)}%)</span>
              </span>
            </span>
            <ProportionBar value={item.value} max={max} className={item.barClassName} />
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The decorative bar of one item: its value as a share of the largest (`max`), in the brand colour unless `className` sets another. */
export function ProportionBar({ value, max, className }: { value: number; max: number; className?: string }) {
  return (
    <span aria-hidden className="block h-2 w-full overflow-hidden rounded-full bg-muted">
      <span
        className={cn("block h-full rounded-full bg-brand", className)}
        style={{ width: `${(value / Math.max(1, max)) * 100}%` }}
      />
    </span>
  );
}
