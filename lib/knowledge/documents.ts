// Uploaded documents of the knowledge base. The file itself is a DOCUMENT file of lib/files
// (quota, type by content, safe names, storage on disk or S3); a knowledge_documents row tracks
// the extraction: QUEUED → EXTRACTING (progress 0-100) → READY (text searchable) or FAILED (with
// the reason, shown by the file; "Retry" queues it again). The extraction runs in a background
// job: started in-process right after an upload, and by POST /api/cron/knowledge-extract (which a
// scheduler calls), each document claimed under a lease so two workers never extract the same one
// and a crashed worker's document is taken again when its lease lapses.
import "server-only";

import type { KnowledgeDocument } from "../db/generated/client";
import { getDb } from "../db/client";
import { withTenant } from "../db/tenant";
import { AppError } from "@/lib/errors";
import { deleteFile, uploadFile, type UploadInput } from "../files/files";
import { logger } from "../observability/logger";
import { getObjectStore } from "../storage";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { ExtractionError, extractText, formatOf, type DocumentFormat } from "./extract";
import { indexEmbeddings } from "./vectors";

export type DocumentRecord = Omit<KnowledgeDocument, "text"> & { textLength: number; sizeBytes: number };

/** How long one extraction may hold a document before another worker may take it. */
export const LEASE_MS = 5 * 60_000;
/** Extractions that kept stopping (the worker died) give up after this many attempts. */
export const MAX_ATTEMPTS = 3;

function titleFromName(name: string): string {
  return (
    name
      .replace(/\.[a-z0-9]{1,8}$/i, "")
      .replace(/[_]+/g, " ")
      .trim() || name
  );
}

export interface UploadDocumentInput extends Omit<UploadInput, "kind"> {
  collectionId?: string | null;
}

/** Stores the file (counted in the plan's storage) and queues its extraction. */
export async function uploadDocument(
  ctx: TenantContext,
  input: UploadDocumentInput,
  options: { startJob?: boolean } = {},
): Promise<DocumentRecord> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  if (input.collectionId) {
    const found = await withTenant(ctx.tenant.id, (tx) =>
      tx.knowledgeCollection.findFirst({ where: { id: input.collectionId! }, select: { id: true } }),
    );
    if (!found)
      throw new AppError("validation_failed", "No such collection.", { collection_id: ["No such collection."] });
  }
  const file = await uploadFile(ctx, { ...input, kind: "DOCUMENT" });
  let head = "";
  if (file.contentType === "text/plain") {
    const start = await getObjectStore().readStart(file.storageKey, 512);
    head = start ? new TextDecoder().decode(start) : "";
  }
  const format = formatOf(file.contentType, file.name, head);
  try {
    const doc = await withTenant(ctx.tenant.id, async (tx) => {
      const created = await tx.knowledgeDocument.create({
        data: {
          tenantId: ctx.tenant.id,
          fileId: file.id,
          title: titleFromName(file.name),
          format,
          collectionId: input.collectionId ?? null,
          createdById: ctx.user.id,
        },
      });
      await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action: "knowledge_document.uploaded",
        targetType: "knowledge_document",
        targetId: created.id,
        after: { name: file.name, format, sizeBytes: file.sizeBytes },
      });
      return created;
    });
    if (options.startJob ?? true) void kickExtraction();
    return { ...withoutText(doc), sizeBytes: file.sizeBytes };
  } catch (error) {
    // No document row: the file must not stay behind, counted but unlisted.
    await deleteFile(ctx, file.id).catch(() => {});
    throw error;
  }
}

function withoutText(doc: KnowledgeDocument): Omit<DocumentRecord, "sizeBytes"> {
  const { text, ...rest } = doc;
  return { ...rest, textLength: text.length };
}

/** Documents newest first, without their text. */
export async function listDocuments(ctx: TenantContext): Promise<DocumentRecord[]> {
  assertCan(ctx, "knowledge:read");
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeDocument.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      include: { file: { select: { sizeBytes: true } } },
    }),
  );
  return rows.map(({ file, ...doc }) => ({ ...withoutText(doc), sizeBytes: Number(file.sizeBytes) }));
}

/** One document with its extracted text. */
export async function getDocument(ctx: TenantContext, id: string): Promise<KnowledgeDocument & { sizeBytes: number }> {
  assertCan(ctx, "knowledge:read");
  const doc = await withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeDocument.findFirst({ where: { id }, include: { file: { select: { sizeBytes: true } } } }),
  );
  if (!doc) throw AppError.notFound("No such document.");
  const { file, ...rest } = doc;
  return { ...rest, sizeBytes: Number(file.sizeBytes) };
}

/** Deletes the document and its file (its bytes no longer count against the plan). */
export async function deleteDocument(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, "knowledge:write");
  const doc = await withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeDocument.findFirst({ where: { id }, select: { fileId: true } }),
  );
  if (!doc) throw AppError.notFound("No such document.");
  // The document row goes with its file (ON DELETE CASCADE).
  await deleteFile(ctx, doc.fileId);
}

/** Queues a failed document's extraction again. */
export async function retryDocument(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  const { count } = await withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeDocument.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "QUEUED", progress: 0, error: null, attempts: 0, lockedUntil: null },
    }),
  );
  if (count === 0) throw new AppError("conflict", "Only a document whose extraction failed can be retried.");
  void kickExtraction();
}

// ─── The extraction job ──────────────────────────────────────────────────────

interface Claimed {
  tenantId: string;
  id: string;
  fileId: string;
  format: string;
  attempts: number;
}

/**
 * Takes the oldest queued document (or one whose worker's lease lapsed) for this worker. Platform
 * work across tenants: it runs on the owner connection like the other scheduled jobs; everything
 * after the claim runs tenant-scoped.
 */
async function claimNext(): Promise<Claimed | null> {
  const db = await getDb();
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE knowledge_documents d
    SET status = 'EXTRACTING', progress = 0, attempts = d.attempts + 1,
        "lockedUntil" = now() + make_interval(secs => ${LEASE_MS / 1000}), "updatedAt" = now()
    FROM (
      SELECT "tenantId", id FROM knowledge_documents
      WHERE status = 'QUEUED' OR (status = 'EXTRACTING' AND "lockedUntil" < now())
      ORDER BY "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) next
    WHERE d."tenantId" = next."tenantId" AND d.id = next.id
    RETURNING d."tenantId", d.id, d."fileId", d.format, d.attempts`;
  return rows[0] ?? null;
}

async function setProgress(doc: Claimed, progress: number): Promise<void> {
  await withTenant(doc.tenantId, (tx) =>
    tx.knowledgeDocument.updateMany({
      where: { id: doc.id, status: "EXTRACTING" },
      data: { progress: Math.max(0, Math.min(99, Math.round(progress))) },
    }),
  );
}

async function fail(doc: Claimed, message: string): Promise<void> {
  await withTenant(doc.tenantId, (tx) =>
    tx.knowledgeDocument.updateMany({
      where: { id: doc.id },
      data: { status: "FAILED", error: message.slice(0, 500), lockedUntil: null },
    }),
  );
}

async function extractOne(doc: Claimed): Promise<void> {
  if (doc.attempts > MAX_ATTEMPTS) {
    await fail(doc, `Extraction stopped ${MAX_ATTEMPTS} times without finishing; retry it, or upload a smaller file.`);
    return;
  }
  const file = await withTenant(doc.tenantId, (tx) =>
    tx.storedFile.findFirst({ where: { id: doc.fileId, status: "READY" } }),
  );
  if (!file) return; // deleted meanwhile (the row went with it)
  const object = await getObjectStore().get(file.storageKey);
  if (!object) {
    await fail(doc, "The uploaded file is missing from storage; upload it again.");
    return;
  }
  const bytes = new Uint8Array(await new Response(object.body).arrayBuffer());
  await setProgress(doc, 10);
  let lastShown = 10;
  try {
    const extracted = await extractText(bytes, doc.format as DocumentFormat, async (share) => {
      const progress = 10 + share * 80;
      if (progress - lastShown >= 5) {
        lastShown = progress;
        await setProgress(doc, progress);
      }
    });
    if (!extracted.text.trim()) {
      const why =
        doc.format === "pdf"
          ? "No text found: the PDF seems to hold only images (scanned pages). Tessera does not run OCR."
          : "No text found in the file.";
      await fail(doc, why);
      return;
    }
    await withTenant(doc.tenantId, (tx) =>
      tx.knowledgeDocument.updateMany({
        where: { id: doc.id, status: "EXTRACTING" },
        data: {
          status: "READY",
          progress: 100,
          text: extracted.text,
          pages: extracted.pages,
          error: null,
          lockedUntil: null,
          ...(extracted.title ? { title: extracted.title } : {}),
        },
      }),
    );
    await indexEmbeddings(doc.tenantId, "document", doc.id);
  } catch (error) {
    if (error instanceof ExtractionError) {
      await fail(doc, error.message);
      return;
    }
    logger.error("knowledge: extraction failed", { tenantId: doc.tenantId, documentId: doc.id, error });
    await fail(
      doc,
      "The text could not be extracted (an unexpected error). Retry, or upload the file in another format.",
    );
  }
}

/** Extracts queued documents until none is left (or `max` were done); answers how many. */
export async function runExtractionJobs(max = 50): Promise<number> {
  let done = 0;
  while (done < max) {
    const doc = await claimNext();
    if (!doc) break;
    await extractOne(doc).catch((error) =>
      logger.error("knowledge: extraction job failed", { tenantId: doc.tenantId, documentId: doc.id, error }),
    );
    done += 1;
  }
  return done;
}

let running: Promise<number> | null = null;
let again = false;

/** Starts the job in this process unless it runs already (then it runs once more after). */
export function kickExtraction(): Promise<number> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let total = 0;
    do {
      again = false;
      total += await runExtractionJobs();
    } while (again);
    return total;
  })()
    .catch((error) => {
      logger.error("knowledge: extraction runner failed", { error });
      return 0;
    })
    .finally(() => {
      running = null;
    });
  return running;
}
