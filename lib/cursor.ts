// Opaque keyset cursors for v1 lists: base64url of "<epoch ms>.<id>", the sort key of the last
// row of a page. A page starts strictly after its cursor, so rows added or removed between two
// calls never cause duplicates, and a cursor stays valid when its own row is gone.
import { z } from "zod";
import { group } from "@/lib/indexed";

export interface CursorKey {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.getTime()}.${id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{3,200}$/.test(value)) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!match) return null;
  return { at: new Date(Number(group(match, 1))), id: group(match, 2) };
}

/** The `cursor` query parameter of lists paginated with keyset cursors: malformed → 400. */
export const keysetCursor = z
  .string()
  .max(200)
  .refine((value) => decodeCursor(value) !== null, "Not a cursor returned by this list: pass next_cursor as is.")
  .optional()
  .describe("The next_cursor of the previous page.");

function compare(a: CursorKey, b: CursorKey): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One page of an in-memory list (small collections: members, invitations), ordered by
 * (time, id) in `order`; the rows may arrive in any order.
 */
export function keysetPage<T>(
  rows: T[],
  keyOf: (row: T) => CursorKey,
  order: "asc" | "desc",
  limit: number,
  cursor?: string,
): { data: T[]; next_cursor: string | null } {
  const sign = order === "asc" ? 1 : -1;
  const sorted = [...rows].sort((a, b) => sign * compare(keyOf(a), keyOf(b)));
  const after = cursor ? decodeCursor(cursor) : null;
  const rest = after ? sorted.filter((row) => sign * compare(keyOf(row), after) > 0) : sorted;
  const data = rest.slice(0, limit);
  const last = data[data.length - 1];
  const next = rest.length > limit && last ? keyOf(last) : null;
  return { data, next_cursor: next ? encodeCursor(next.at, next.id) : null };
}
