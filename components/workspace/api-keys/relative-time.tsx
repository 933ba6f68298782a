import { formatDateTime, toDate } from "@/lib/format";

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday", "in 3 days": `value` relative to `now`. */
export function formatRelative(value: Date | string | number, now: Date | string | number): string {
  const seconds = (toDate(value).getTime() - toDate(now).getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === "minute") return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/**
 * A `<time>` showing how long ago (or how soon) `value` is, measured from `now` (pass the
 * server's render time so server markup and hydration agree); the exact UTC instant is the title.
 */
export function RelativeTime({
  value,
  now,
  className,
}: {
  value: Date | string | number;
  now: Date | string | number;
  className?: string;
}) {
  const date = toDate(value);
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className={className}>
      {formatRelative(date, now)}
    </time>
  );
}
