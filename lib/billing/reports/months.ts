// UTC calendar months as "YYYY-MM" keys: the revenue report's time axis.

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string): boolean {
  return MONTH_KEY.test(value);
}

/** The UTC month `at` falls in: "2026-01". */
export function monthKeyOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The first instant of the month, UTC. */
export function monthStartOf(key: string): Date {
  const match = MONTH_KEY.exec(key);
  if (!match) throw new RangeError(`Not a month: ${key}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** The month `delta` months after `key` (negative for before). */
export function addMonths(key: string, delta: number): string {
  const start = monthStartOf(key);
  return monthKeyOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + delta, 1)));
}

/** Every month from `from` to `to`, both included, in order (empty when `from` is after `to`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let key = from; key <= to; key = addMonths(key, 1)) months.push(key);
  return months;
}
