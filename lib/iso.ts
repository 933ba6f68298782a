// Dates in API responses, serialised defensively: a stored value must never break a response
// or a whole list. `Date#toISOString()` throws on an invalid Date (what the database driver
// returns for a timestamp past JavaScript's range, e.g. year 275760) and writes six-digit years
// ("+033658-…") that are not RFC 3339 date-times. Such values are clamped to the four-digit
// range; an unreadable one reads as the latest representable moment (inputs are validated, so
// only a far-future value written before validation existed can be unreadable — an expiry).
const EARLIEST = Date.parse("0000-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

export function isoDateTime(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time) || time > LATEST) return new Date(LATEST).toISOString();
  if (time < EARLIEST) return new Date(EARLIEST).toISOString();
  return date.toISOString();
}

export function isoDateTimeOrNull(date: Date | null | undefined): string | null {
  return date ? isoDateTime(date) : null;
}
