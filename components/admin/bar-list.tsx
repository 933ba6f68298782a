import Link from "next/link";

import { cn } from "@/components/ui/cn";
import { formatCount } from "@/lib/format";

export interface BarItem {
  label: string;
  value: number;
  /** Where the bar leads (e.g. the tenant list filtered to this group). */
  href?: string;
  /** Tailwind background class for the bar (default: the brand colour). */
  barClassName?: string;
}

/**
 * A small horizontal bar chart without a chart library: every bar is a list item whose text
 * (label and value) is what assistive tech reads; the bar itself is decorative.
 */
export function BarList({ title, description, items }: { title: string; description?: string; items: BarItem[] }) {
  const max = Math.max(1, ...items.map((item) => item.value));
  const total = items.reduce((sum, item) => sum + item.value, 0);
  return (
    <figure className="grid gap-3">
      <figcaption className="grid gap-0.5">
        <span className="text-sm font-medium">{title}</span>
        {description && <span className="text-xs text-muted-foreground">{description}</span>}
      </figcaption>
      <ul className="grid gap-2.5">
        {items.map((item) => {
          const percent = total === 0 ? 0 : Math.round((item.value / total) * 100);
          const label = (
            <span className="flex items-baseline justify-between gap-2 text-sm">
              <span>{item.label}</span>
              <span className="text-muted-foreground tabular-nums">
                {formatCount(item.value)}
                <span className="sr-only"> tenants,</span> <span className="text-xs">({percent}%)</span>
              </span>
            </span>
          );
          return (
            <li key={item.label} className="grid gap-1">
              {item.href ? (
                <Link
                  href={item.href}
                  className="rounded-sm hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                >
                  {label}
                </Link>
              ) : (
                label
              )}
              <span aria-hidden className="block h-2 w-full overflow-hidden rounded-full bg-muted">
                <span
                  className={cn("block h-full rounded-full bg-brand", item.barClassName)}
                  style={{ width: `${(item.value / max) * 100}%` }}
                />
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
