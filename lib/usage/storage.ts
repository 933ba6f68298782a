// Storage accounting: the bytes a tenant stores, as a running total (tenant_storage.bytes) that
// database triggers keep where rows are written — never a scan per request.
//
// The estimate: for every row of the tenant in the tracked tables, the length in bytes of the row
// as JSON text in UTC (octet_length(row_to_json(row)::text)). It is a logical size: it does not
// depend on PostgreSQL's page layout, compression or version, so the running total and a full
// recount agree to the byte. Platform rows (platform API keys) count for no tenant.
//
// How it stays exact (migration 20261202204510_tenancy_hardening):
// - a constraint trigger per tracked table, FOR EACH ROW, DEFERRABLE INITIALLY DEFERRED, adds the
//   row's size on insert, the difference on update and subtracts it on delete — whoever writes
//   (the app, a cascade, a raw query, the seed);
// - deferred triggers run at commit, inside the committing transaction: a rolled-back transaction
//   never counts, and the counter row is locked only in the moment before commit, when the
//   transaction holds everything else it needs — concurrent writers queue there briefly and add
//   their own deltas (`bytes = bytes + delta` under the row lock), so none is lost or doubled;
// - a tenant's first counted row creates its counter; a purge cascading from the tenant removes it.
//
// Files (migration 20261203031134_files, lib/files/quota.ts) count their bytes, not their rows: a
// reservation (a PENDING row) counts what it reserved, a stored file its exact size.
import "server-only";

import type { TenantTx } from "../db/tenant";

/** The tables whose rows count towards a tenant's storage (each has the tessera_storage trigger). */
export const STORAGE_TABLES = ["audit_logs", "usage_events", "memberships", "invitations", "api_keys"] as const;

/** The running total of the tenant `tx` acts for (one primary-key read). */
export async function storageBytes(tx: TenantTx): Promise<number> {
  const row = await tx.tenantStorage.findFirst({ select: { bytes: true } });
  return Number(row?.bytes ?? 0);
}

/**
 * The same estimate computed by scanning every tracked table (RLS scopes it to the tenant). For
 * tests and for checking the running total by hand; never on a request path.
 */
export async function recountStorageBytes(tx: TenantTx): Promise<number> {
  await tx.$executeRaw`SELECT set_config('TimeZone', 'UTC', true)`;
  const rows = await tx.$queryRaw<{ bytes: bigint | number | null }[]>`
    SELECT (
      (SELECT coalesce(sum(octet_length(row_to_json(t)::text)), 0) FROM audit_logs t) +
      (SELECT coalesce(sum(octet_length(row_to_json(t)::text)), 0) FROM usage_events t) +
      (SELECT coalesce(sum(octet_length(row_to_json(t)::text)), 0) FROM memberships t) +
      (SELECT coalesce(sum(octet_length(row_to_json(t)::text)), 0) FROM invitations t) +
      (SELECT coalesce(sum(octet_length(row_to_json(t)::text)), 0) FROM api_keys t) +
      (SELECT coalesce(sum("sizeBytes"), 0) FROM files)
    )::bigint AS bytes`;
  return Number(rows[0]?.bytes ?? 0);
}
