// A tenant's files: upload (through the app, streamed, or presigned straight to S3), list, get,
// download, delete, and the branding logo. Every upload reserves its bytes first
// (lib/files/quota.ts), is checked by content while it streams (type by magic bytes, size
// against the kind's limit and the reservation) and is committed only once the object is stored
// whole: a refused or failed upload leaves neither an object nor counted bytes.
import "server-only";

import { randomBytes } from "node:crypto";

import type { FileKind } from "../db/generated/enums";
import type { StoredFile } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { AppError } from "@/lib/errors";
import { logger } from "../observability/logger";
import { getObjectStore, objectKey, tenantPrefix } from "../storage";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { tierHasFeature, TIER_DEFINITIONS } from "../tenancy/tiers";
import { storageBytes } from "../usage/storage";
import { dimension, type UsageDimension } from "../usage/summary";
import { fitLogo } from "./images";
import { FILE_KINDS, formatBytes, TYPE_LABELS, type FileKindId } from "./kinds";
import { sanitizeFilename } from "./names";
import {
  commitReservation,
  DIRECT_RESERVATION_MS,
  PRESIGNED_RESERVATION_MS,
  releaseReservation,
  reserveBytes,
  sweepLapsedReservations,
} from "./quota";
import { SNIFF_BYTES, sniffType, type SniffedType } from "./sniff";
import { limitStream, peekStream } from "./streams";

export type FileRecord = Omit<StoredFile, "sizeBytes"> & { sizeBytes: number };

function toRecord(file: StoredFile): FileRecord {
  return { ...file, sizeBytes: Number(file.sizeBytes) };
}

function newFileId(): string {
  return `f${randomBytes(15).toString("base64url")}`;
}

function tooLarge(kind: FileKindId, limit: number, type?: SniffedType): AppError {
  const what = type ? `${TYPE_LABELS[type]} ${FILE_KINDS[kind].label.toLowerCase()}s` : `${FILE_KINDS[kind].label}s`;
  return new AppError("payload_too_large", `${what} can be at most ${formatBytes(limit)}.`, {
    reason: "file_too_large",
    limit_bytes: limit,
  });
}

function refusedType(kind: FileKindId, found: SniffedType | null): AppError {
  const accepted = Object.keys(FILE_KINDS[kind].types)
    .map((type) => TYPE_LABELS[type as SniffedType])
    .join(", ");
  const what = found ? `a ${TYPE_LABELS[found]} file` : "not a type Tessera accepts";
  return new AppError(
    "validation_failed",
    `This file is ${what}; ${FILE_KINDS[kind].label.toLowerCase()}s can be: ${accepted}.`,
    { file: [`Accepted types: ${accepted}. The type is read from the file's content, not its name.`] },
  );
}

function checkWrite(ctx: TenantContext, kind: FileKindId): void {
  assertActive(ctx);
  if (kind === "LOGO") {
    assertCan(ctx, "branding:update");
    if (!tierHasFeature(ctx.tier, "custom_branding")) {
      throw new AppError("forbidden", "A custom logo is part of the White label plan.");
    }
  } else if (kind === "DOCUMENT") {
    // Knowledge-base documents are written by whoever may write the knowledge base.
    assertCan(ctx, "knowledge:write");
  } else {
    assertCan(ctx, "files:write");
  }
}

export interface UploadInput {
  body: ReadableStream<Uint8Array> | null;
  /** The length the client declared (Content-Length), when it did. */
  declaredSize: number | null;
  name: string;
  kind?: FileKindId;
}

/** Stores a file streamed through the app. */
export async function uploadFile(ctx: TenantContext, input: UploadInput): Promise<FileRecord> {
  const kind = input.kind ?? "ATTACHMENT";
  checkWrite(ctx, kind);
  const rules = FILE_KINDS[kind];
  if (!input.body) throw new AppError("validation_failed", "The file is empty.", { file: ["The file is empty."] });
  if (input.declaredSize !== null && input.declaredSize > rules.maxBytes) {
    await input.body.cancel().catch(() => {});
    throw tooLarge(kind, rules.maxBytes);
  }
  // The type first, from the first bytes, before anything is reserved or stored.
  const { head, ended, stream } = await peekStream(input.body, SNIFF_BYTES);
  if (head.byteLength === 0)
    throw new AppError("validation_failed", "The file is empty.", { file: ["The file is empty."] });
  const type = sniffType(head, ended);
  const typeLimit = type ? rules.types[type] : undefined;
  if (!type || typeLimit === undefined) {
    await stream.cancel().catch(() => {});
    throw refusedType(kind, type);
  }
  if (input.declaredSize !== null && input.declaredSize > typeLimit) {
    await stream.cancel().catch(() => {});
    throw tooLarge(kind, typeLimit, type);
  }
  // Reserve what the client declared, or the most this type may be when it declared nothing.
  const reserved = input.declaredSize ?? typeLimit;
  const tenantId = ctx.tenant.id;
  const fileId = newFileId();
  const storageKey = objectKey(tenantId, fileId);
  const name = sanitizeFilename(input.name, type);
  await sweepLapsedReservations(tenantId).catch((error) =>
    logger.warn("files: sweeping lapsed reservations failed", { tenantId, error }),
  );
  try {
    await reserveBytes(ctx, {
      fileId,
      kind,
      name,
      contentType: type,
      bytes: reserved,
      storageKey,
      expiresAt: new Date(Date.now() + DIRECT_RESERVATION_MS),
    });
  } catch (error) {
    await stream.cancel().catch(() => {});
    throw error;
  }

  const store = getObjectStore();
  let stored = false;
  try {
    const limited = stream.pipeThrough(
      limitStream(reserved, () =>
        reserved < typeLimit
          ? new AppError("bad_request", "The file is longer than its declared Content-Length.")
          : tooLarge(kind, typeLimit, type),
      ),
    );
    // Logos are small (≤ 512 KB): read whole and fitted to the header (lib/files/images.ts).
    let body: ReadableStream<Uint8Array> | Uint8Array = limited;
    let received: number | null = null;
    if (kind === "LOGO") {
      const bytes = new Uint8Array(await new Response(limited).arrayBuffer());
      received = bytes.byteLength;
      body = await fitLogo(bytes, type);
    }
    const object = await store.put(storageKey, body, { contentType: type });
    stored = true;
    received ??= object.size;
    if (received === 0) throw new AppError("validation_failed", "The file is empty.", { file: ["The file is empty."] });
    // A body shorter than it said it was is a cut-off upload, never a file to keep.
    if (input.declaredSize !== null && received !== input.declaredSize) {
      throw new AppError("bad_request", "The upload ended before its declared Content-Length.");
    }
    const file = await commitReservation(tenantId, fileId, { size: object.size, name, contentType: type }, (tx) =>
      writeAudit(tx, tenantId, actorOf(ctx), {
        action: kind === "LOGO" ? "branding.logo_uploaded" : "file.uploaded",
        targetType: "file",
        targetId: fileId,
        after: { name, contentType: type, sizeBytes: object.size },
      }),
    );
    if (!file) throw new AppError("conflict", "The upload took too long and was cancelled. Try again.");
    if (kind === "LOGO") await replaceOlderLogos(ctx, fileId);
    return toRecord(file);
  } catch (error) {
    if (stored) await store.delete(storageKey).catch(() => {});
    await releaseReservation(tenantId, fileId).catch((releaseError) =>
      logger.error("files: could not release a failed upload's reservation", { tenantId, fileId, error: releaseError }),
    );
    throw unwrapStreamError(error);
  }
}

/** Errors raised inside a stream reach us wrapped by node:stream or the SDK; find ours. */
function unwrapStreamError(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return error;
}

async function replaceOlderLogos(ctx: TenantContext, keepId: string): Promise<void> {
  const older = await withTenant(ctx.tenant.id, (tx) =>
    tx.storedFile.findMany({ where: { kind: "LOGO", status: "READY", id: { not: keepId } } }),
  );
  for (const file of older) await removeFile(ctx, file, "branding.logo_replaced");
}

export interface PresignInput {
  name: string;
  size: number;
  /** The type the client says the file is; checked against the content once uploaded. */
  contentType: string;
  kind?: FileKindId;
}

export interface PresignedUpload {
  file: FileRecord;
  upload: { url: string; method: "PUT"; headers: Record<string, string>; expiresAt: Date };
}

/** Reserves the bytes and returns a presigned PUT to the bucket (S3 only); finish with completeUpload. */
export async function presignUpload(ctx: TenantContext, input: PresignInput): Promise<PresignedUpload> {
  const kind = input.kind ?? "ATTACHMENT";
  checkWrite(ctx, kind);
  const store = getObjectStore();
  if (store.kind !== "s3") {
    throw new AppError(
      "bad_request",
      "Presigned uploads need S3 storage; this deployment stores files itself. Upload through POST /api/v1/files/upload.",
    );
  }
  const rules = FILE_KINDS[kind];
  const type = input.contentType as SniffedType;
  const typeLimit = rules.types[type];
  if (typeLimit === undefined) throw refusedType(kind, null);
  if (input.size > typeLimit) throw tooLarge(kind, typeLimit, type);
  if (input.size < 1) throw new AppError("validation_failed", "The file is empty.", { size: ["Must be at least 1."] });
  const tenantId = ctx.tenant.id;
  const fileId = newFileId();
  const storageKey = objectKey(tenantId, fileId);
  const name = sanitizeFilename(input.name, type);
  await sweepLapsedReservations(tenantId).catch((error) =>
    logger.warn("files: sweeping lapsed reservations failed", { tenantId, error }),
  );
  const expiresAt = new Date(Date.now() + PRESIGNED_RESERVATION_MS);
  await reserveBytes(ctx, { fileId, kind, name, contentType: type, bytes: input.size, storageKey, expiresAt });
  try {
    const put = await store.presignPut(storageKey, {
      contentType: type,
      size: input.size,
      expiresInSeconds: Math.floor(PRESIGNED_RESERVATION_MS / 1000) - 60,
    });
    if (!put) throw new Error("the S3 store gave no presigned request");
    const file = await withTenant(tenantId, (tx) => tx.storedFile.findFirstOrThrow({ where: { id: fileId } }));
    return {
      file: toRecord(file),
      upload: { url: put.url, method: "PUT", headers: put.headers, expiresAt: put.expiresAt },
    };
  } catch (error) {
    await releaseReservation(tenantId, fileId).catch(() => {});
    throw error;
  }
}

/** Finishes a presigned upload: the object must be there, of the reserved size and the declared type. */
export async function completeUpload(ctx: TenantContext, fileId: string): Promise<FileRecord> {
  const pending = await withTenant(ctx.tenant.id, (tx) => tx.storedFile.findFirst({ where: { id: fileId } }));
  if (!pending) throw AppError.notFound("No such file.");
  checkWrite(ctx, pending.kind);
  if (pending.status === "READY") return toRecord(pending);
  const store = getObjectStore();
  const head = await store.head(pending.storageKey);
  if (!head) throw new AppError("conflict", "The file has not been uploaded yet: PUT it to the presigned URL first.");
  const kind = pending.kind;
  const fail = async (error: AppError): Promise<never> => {
    await store.delete(pending.storageKey).catch(() => {});
    await releaseReservation(ctx.tenant.id, fileId).catch(() => {});
    throw error;
  };
  if (head.size === 0 || head.size > Number(pending.sizeBytes)) {
    return fail(tooLarge(kind, Number(pending.sizeBytes)));
  }
  const sample = (await store.readStart(pending.storageKey, SNIFF_BYTES)) ?? new Uint8Array(0);
  const type = sniffType(sample, head.size <= SNIFF_BYTES);
  if (type !== pending.contentType) return fail(refusedType(kind, type));
  const file = await commitReservation(
    ctx.tenant.id,
    fileId,
    { size: head.size, name: pending.name, contentType: type },
    (tx) =>
      writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action: kind === "LOGO" ? "branding.logo_uploaded" : "file.uploaded",
        targetType: "file",
        targetId: fileId,
        after: { name: pending.name, contentType: type, sizeBytes: head.size },
      }),
  );
  if (!file) return fail(new AppError("conflict", "The upload took too long and was cancelled. Try again."));
  if (kind === "LOGO") await replaceOlderLogos(ctx, fileId);
  return toRecord(file);
}

export interface ListFilesOptions {
  kind?: FileKind;
  limit?: number;
  cursor?: string | null;
}

/** READY files, newest first; the cursor is the last id seen. */
export async function listFiles(
  ctx: TenantContext,
  options: ListFilesOptions = {},
): Promise<{ files: FileRecord[]; nextCursor: string | null }> {
  assertCan(ctx, "files:read");
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const rows = await withTenant(ctx.tenant.id, async (tx) => {
    const after = options.cursor
      ? await tx.storedFile.findFirst({ where: { id: options.cursor }, select: { createdAt: true, id: true } })
      : null;
    return tx.storedFile.findMany({
      where: {
        status: "READY",
        kind: options.kind ?? "ATTACHMENT",
        ...(after
          ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    });
  });
  const page = rows.slice(0, limit).map(toRecord);
  return { files: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

/** One READY file of the tenant, or 404. */
export async function getFile(ctx: TenantContext, fileId: string): Promise<FileRecord> {
  assertCan(ctx, "files:read");
  const file = await withTenant(ctx.tenant.id, (tx) =>
    tx.storedFile.findFirst({ where: { id: fileId, status: "READY" } }),
  );
  if (!file) throw AppError.notFound("No such file.");
  return toRecord(file);
}

/** The file and its bytes, for a download the caller is allowed (files:read). */
export async function openFile(
  ctx: TenantContext,
  fileId: string,
): Promise<{ file: FileRecord; body: ReadableStream<Uint8Array> }> {
  const file = await getFile(ctx, fileId);
  const object = await getObjectStore().get(file.storageKey);
  if (!object) {
    logger.error("files: a stored file has no object", { tenantId: ctx.tenant.id, fileId });
    throw AppError.notFound("The file's content is missing.");
  }
  return { file, body: object.body };
}

async function removeFile(ctx: TenantContext, file: StoredFile, action: string): Promise<void> {
  const removed = await withTenant(ctx.tenant.id, async (tx) => {
    const { count } = await tx.storedFile.deleteMany({ where: { id: file.id } });
    if (count === 1) {
      await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action,
        targetType: "file",
        targetId: file.id,
        before: { name: file.name, contentType: file.contentType, sizeBytes: Number(file.sizeBytes) },
      });
    }
    return count === 1;
  });
  if (!removed) return;
  // The row is gone (its bytes given back); the object follows. Should that fail, the object is
  // unreachable (no row names it) and goes with the tenant's prefix on purge.
  await getObjectStore()
    .delete(file.storageKey)
    .catch((error) =>
      logger.warn("files: object left after delete", { tenantId: ctx.tenant.id, fileId: file.id, error }),
    );
}

/** Deletes a file (its bytes are given back at once). */
export async function deleteFile(ctx: TenantContext, fileId: string): Promise<void> {
  const file = await withTenant(ctx.tenant.id, (tx) =>
    tx.storedFile.findFirst({ where: { id: fileId, status: "READY" } }),
  );
  if (!file) throw AppError.notFound("No such file.");
  checkWrite(ctx, file.kind);
  await removeFile(ctx, file, file.kind === "LOGO" ? "branding.logo_removed" : "file.deleted");
}

/** The workspace's current logo (the newest READY logo), or null. */
export async function getBrandLogo(ctx: TenantContext): Promise<FileRecord | null> {
  const file = await withTenant(ctx.tenant.id, (tx) =>
    tx.storedFile.findFirst({ where: { kind: "LOGO", status: "READY" }, orderBy: { createdAt: "desc" } }),
  );
  return file ? toRecord(file) : null;
}

/** The logo's bytes for the workspace header (any member may see it). */
export async function openBrandLogo(
  ctx: TenantContext,
): Promise<{ file: FileRecord; body: ReadableStream<Uint8Array> } | null> {
  const file = await getBrandLogo(ctx);
  if (!file) return null;
  const object = await getObjectStore().get(file.storageKey);
  return object ? { file, body: object.body } : null;
}

/** Deletes every object of a tenant (the purge; its rows go with the tenant). */
export async function deleteTenantObjects(tenantId: string): Promise<number> {
  return getObjectStore().deletePrefix(tenantPrefix(tenantId));
}

/** The tenant's storage use against its plan (files and the database-row estimate together). */
export async function getStorageUsage(ctx: TenantContext): Promise<UsageDimension> {
  assertCan(ctx, "files:read");
  const bytes = await withTenant(ctx.tenant.id, (tx) => storageBytes(tx));
  return dimension("storage", "Storage", bytes, TIER_DEFINITIONS[ctx.tier].limits.storageBytes, "bytes");
}
