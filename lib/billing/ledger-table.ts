// The bookkeeping under ledger-rows.ts: rows of one table read for a run of ledger events, the
// changes the run makes to them, and the ids of new rows.
import { randomBytes } from "node:crypto";

import type { BillingProvider } from "../db/generated/enums";

export const keyOf = (provider: BillingProvider, providerId: string) => `${provider}\u0000${providerId}`;
export const versionKey = (subscriptionId: string, at: Date) => `${subscriptionId}\u0000${at.getTime()}`;

interface Tracked<Row, Data> {
  /** What the ledger's rules read (the stored row, with this run's changes applied). */
  row: Row;
  /** Not in the database yet: what it will be inserted with (this run's changes applied). */
  insert: Data | null;
  /** Fields of a stored row to write back (the later write of a field wins). */
  changes: Partial<Data> | null;
}

/** Rows of one table keyed by (provider, provider id), or for versions by subscription and instant. */
export class Rows<Row extends object, Data extends object> {
  private readonly map = new Map<string, Tracked<Row, Data>>();

  get(key: string): Row | null {
    return this.map.get(key)?.row ?? null;
  }

  loaded(key: string, row: Row): void {
    this.map.set(key, { row, insert: null, changes: null });
  }

  insert(key: string, row: Row, data: Data): void {
    this.map.set(key, { row, insert: data, changes: null });
  }

  /** `changes` are fields of Data; those the rules read (Row's) change in `row` too. */
  update(key: string, changes: Partial<Data>): void {
    const tracked = this.map.get(key);
    if (!tracked) throw new Error("LedgerRows: update of a row never read");
    Object.assign(tracked.row, changes);
    if (tracked.insert) Object.assign(tracked.insert, changes);
    else tracked.changes = { ...tracked.changes, ...changes };
  }

  inserts(): { row: Row; data: Data }[] {
    return [...this.map.values()].flatMap((t) => (t.insert ? [{ row: t.row, data: t.insert }] : []));
  }

  updates(): { row: Row; data: Partial<Data> }[] {
    return [...this.map.values()].flatMap((t) => (!t.insert && t.changes ? [{ row: t.row, data: t.changes }] : []));
  }
}

/** An id of the shape Prisma's cuid() default gives (c + 24 of [0-9a-z]): time, then randomness. */
export function newRowId(): string {
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0").slice(0, 13);
  return `c${Date.now().toString(36).padStart(11, "0")}${random}`;
}
