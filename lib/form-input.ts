// A submitted form's fields as strings: server actions turn FormData into it (lib/http/action.ts),
// and the domains that parse forms themselves (the API key, payout and one-off invoice forms) take
// it without importing the request layer; formRows reads a form with numbered rows.
import { at, group } from "@/lib/indexed";

export type FormInput = Record<string, string>;

/**
 * Rows of a form with dynamic rows: `lines.0.description`, `lines.1.quantity`… → [{ description,
 * quantity }, …], ordered by index. Missing indexes become empty rows so error paths keep lining up
 * with the rows the person sees.
 */
export function formRows(form: FormInput, prefix: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})\\.([A-Za-z]+)$`);
  for (const [key, value] of Object.entries(form)) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    while (rows.length <= index) rows.push({});
    at(rows, index, "form row")[group(match, 2)] = value;
  }
  return rows;
}
