// Exact storage accounting for files: reserve, commit, release.
//
// A file's bytes count in the tenant's running total (tenant_storage) through a trigger on the
// files table (migration 20261203031134_files). An upload first *reserves* its bytes: one
// transaction locks the tenant's counter row (SELECT … FOR UPDATE), checks used + requested
// against the tier's limit and inserts a PENDING row of that size. The lock is held until commit,
// when the deferred trigger adds the reservation to the counter — so concurrent reservations
// queue on the row, and each one reads the total including every reservation before it: twenty
// uploads at once near the limit cannot overshoot it. When the object is stored, *commit* turns
// the row READY at the object's exact size (the trigger applies the difference); when the upload
// fails, *release* deletes the row (the trigger gives the bytes back). Nothing counts twice: one
// row, one amount. Reservations that are never finished (a presigned upload abandoned) lapse at
// expiresAt and are swept, with their object, before the tenant's next reservation.
import "server-only";

import type { StoredFile } from "../db/generated/client";
import { withTenant, type TenantTx, type WithTenantOptions } from "../db/tenant";
import type { FileKind } from "../db/generated/enums";
import { AppError } from "@/lib/errors";
import { logger } from "../observability/logger";
import { getObjectStore } from "../storage";
import type { TenantContext } from "../tenancy/context";
import { TIER_DEFINITIONS } from "../tenancy/tiers";
import { formatBytes } from "./kinds";

/** How long a reservation of an upload through the app lives (the upload itself is far shorter). */
export const DIRECT_RESERVATION_MS = 60 * 60 * 1000;
/** How long a presigned upload may take before its reservation lapses. */
export const PRESIGNED_RESERVATION_MS = 15 * 60 * 1000;

export interface Reservation {
  fileId: string;
  kind: FileKind;
  name: string;
  contentType: string;
  bytes: number;
  storageKey: string;
  expiresAt: Date;
}

export function storageFull(limit: number, used: number, requested: number): AppError {
  return new AppError(
    "payload_too_large",
    `This workspace's storage is full: ${formatBytes(Math.max(0, limit - used))} of ` +
      `${formatBytes(limit)} left, and the file needs ${formatBytes(requested)}. ` +
      "Delete files or upgrade the plan.",
    { reason: "storage_limit", limit_bytes: limit, used_bytes: used, requested_bytes: requested },
  );
}

/**
 * Reserves `bytes` for an upload, or refuses it (413, details.reason "storage_limit") when the
 * tenant's running total plus the reservation would pass the tier's storage limit.
 */
export async function reserveBytes(
  ctx: TenantContext,
  reservation: Reservation,
  options: WithTenantOptions = {},
): Promise<void> {
  const tenantId = ctx.tenant.id;
  const limit = TIER_DEFINITIONS[ctx.tier].limits.storageBytes;
  await withTenant(
    tenantId,
    async (tx) => {
      await tx.$executeRaw`INSERT INTO "tenant_storage" ("tenantId", "bytes") VALUES (${tenantId}, 0) ON CONFLICT DO NOTHING`;
      const rows = await tx.$queryRaw<{ bytes: bigint | number }[]>`
        SELECT "bytes" FROM "tenant_storage" WHERE "tenantId" = ${tenantId} FOR UPDATE`;
      const used = Number(rows[0]?.bytes ?? 0);
      if (limit !== null && used + reservation.bytes > limit) throw storageFull(limit, used, reservation.bytes);
      await tx.storedFile.create({
        data: {
          id: reservation.fileId,
          tenantId,
          kind: reservation.kind,
          status: "PENDING",
          name: reservation.name,
          contentType: reservation.contentType,
          sizeBytes: BigInt(reservation.bytes),
          storageKey: reservation.storageKey,
          uploadedById: ctx.user.id,
          uploadedBy: ctx.user.email,
          expiresAt: reservation.expiresAt,
        },
      });
    },
    { timeoutMs: 30_000, ...options },
  );
}

/**
 * Turns a reservation into a stored file of `size` bytes (at most what was reserved), running
 * `alongside` (the audit entry) in the same transaction. Null when the reservation is gone (it
 * lapsed and was swept): the caller deletes the object.
 */
export async function commitReservation(
  tenantId: string,
  fileId: string,
  final: { size: number; name: string; contentType: string },
  alongside?: (tx: TenantTx) => Promise<void>,
  options: WithTenantOptions = {},
): Promise<StoredFile | null> {
  return withTenant(
    tenantId,
    async (tx) => {
      const updated = await tx.storedFile.updateMany({
        where: { id: fileId, status: "PENDING", sizeBytes: { gte: BigInt(final.size) } },
        data: {
          status: "READY",
          sizeBytes: BigInt(final.size),
          name: final.name,
          contentType: final.contentType,
          expiresAt: null,
        },
      });
      if (updated.count !== 1) return null;
      await alongside?.(tx);
      return tx.storedFile.findFirstOrThrow({ where: { id: fileId } });
    },
    options,
  );
}

/** Gives a failed upload's reserved bytes back (deletes its PENDING row). */
export async function releaseReservation(
  tenantId: string,
  fileId: string,
  options: WithTenantOptions = {},
): Promise<void> {
  await withTenant(tenantId, (tx) => tx.storedFile.deleteMany({ where: { id: fileId, status: "PENDING" } }), options);
}

/** Deletes the tenant's lapsed reservations and whatever object they left. Returns how many. */
export async function sweepLapsedReservations(
  tenantId: string,
  now = new Date(),
  options: WithTenantOptions = {},
): Promise<number> {
  const lapsed = await withTenant(
    tenantId,
    (tx) =>
      tx.storedFile.findMany({
        where: { status: "PENDING", expiresAt: { lt: now } },
        select: { id: true, storageKey: true },
        take: 100,
      }),
    options,
  );
  if (lapsed.length === 0) return 0;
  const store = getObjectStore();
  for (const file of lapsed) {
    try {
      await store.delete(file.storageKey);
    } catch (error) {
      logger.warn("files: could not delete a lapsed upload's object", { tenantId, fileId: file.id, error });
    }
  }
  await withTenant(
    tenantId,
    (tx) => tx.storedFile.deleteMany({ where: { id: { in: lapsed.map((f) => f.id) }, status: "PENDING" } }),
    options,
  );
  return lapsed.length;
}
