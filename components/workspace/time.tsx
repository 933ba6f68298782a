import { formatDate, formatDateTime, toDate } from "@/lib/format";

/** A `<time>` showing a UTC date (or date and time) with the exact instant in `dateTime`. */
export function Time({
  value,
  withTime = false,
  className,
}: {
  value: Date | string | number;
  withTime?: boolean;
  className?: string;
}) {
  const date = toDate(value);
  return (
    <time dateTime={date.toISOString()} className={className}>
      {withTime ? formatDateTime(date) : formatDate(date)}
    </time>
  );
}
