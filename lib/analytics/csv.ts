// CSV export of a metric, streamed: the range is read in windows of at most MAX_POINTS buckets,
// each window's rows are written and dropped before the next is read, so memory stays flat for
// any range the data holds. RFC 4180 (CRLF, quotes doubled, fields with , " CR LF quoted) with
// formula-injection guarding: a text cell starting with = + - @ TAB or CR gets a leading
// apostrophe so spreadsheets show it as text (numbers are written as numbers and never changed).

export type CsvCell = string | number | null;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A stream of CSV text from a header and an async source of rows. */
export function csvStream(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvCell[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      // Batch a few hundred rows per chunk: fewer, larger writes.
      let text = "";
      for (let i = 0; i < 500; i += 1) {
        const next = await iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
