// The bookkeeping under ledger-rows.ts: rows of one table read for a run of ledger events, the
// changes the run makes to them, and writing new rows with one statement.
import { randomBytes } from "node:crypto";

import type { BillingProvider } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";

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

/** `where` for rows of the given (provider, provider id) keys: one IN list per provider. */
export function byProviderIds(objects: readonly { provider: BillingProvider; providerId: string }[]) {
  const ids = new Map<BillingProvider, Set<string>>();
  for (const o of objects) (ids.get(o.provider) ?? ids.set(o.provider, new Set()).get(o.provider))?.add(o.providerId);
  return { OR: [...ids].map(([provider, set]) => ({ provider, providerId: { in: [...set] } })) };
}

/**
 * Inserts rows (objects of one shape, keyed by column) with one statement. Columns left out take
 * their defaults; the tenant's RLS policy checks every row's tenantId.
 */
export async function insertRows(tx: TenantTx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first)
    .map((column) => `"${column}"`)
    .join(", ");
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`,
    JSON.stringify(rows),
  );
}

/** An id of the shape Prisma's cuid() default gives (c + 24 of [0-9a-z]): time, then randomness. */
export function newRowId(): string {
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0").slice(0, 13);
  return `c${Date.now().toString(36).padStart(11, "0")}${random}`;
}

export const providerKey = (row: { provider: BillingProvider; providerId: string }) => ({
  provider_providerId: { provider: row.provider, providerId: row.providerId },
});
