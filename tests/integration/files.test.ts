// Files and exact storage accounting (issue 12, items 2-3): uploads reserve their bytes before
// anything is stored and commit the exact size after; concurrent uploads near the limit cannot
// overshoot it; a refused or failed upload leaves neither an object nor counted bytes; types are
// read from the content; tenants never see each other's files; a purge deletes the objects.
// The upload tests run against the disk store and the S3 store (a local S3-compatible server).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { purgeTenant } from "@/lib/billing/tenant-closure";
import { withTenant } from "@/lib/db/tenant";
import {
  completeUpload,
  deleteFile,
  getBrandLogo,
  getFile,
  listFiles,
  openFile,
  presignUpload,
  uploadFile,
} from "@/lib/files/files";
import { setObjectStore } from "@/lib/storage";
import { DiskStore } from "@/lib/storage/disk";
import type { ObjectStore } from "@/lib/storage/types";
import type { TenantContext } from "@/lib/tenancy/context";
import { recountStorageBytes, storageBytes } from "@/lib/usage/storage";
import { getUsageSummary } from "@/lib/usage/summary";

import { startLocalS3, type LocalS3 } from "../fixtures/s3-server";
import { tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

const GB = 1024 ** 3;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(size: number, fill = 7): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(PNG_SIGNATURE);
  return bytes;
}

function streamOf(bytes: Uint8Array, chunk = 64 * 1024, failAt?: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (failAt !== undefined && offset >= failAt) {
        controller.error(new Error("connection reset"));
        return;
      }
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

function upload(ctx: TenantContext, bytes: Uint8Array, name = "photo.png", extra: { declared?: number | null } = {}) {
  return uploadFile(ctx, {
    body: streamOf(bytes),
    declaredSize: extra.declared === undefined ? bytes.length : extra.declared,
    name,
  });
}

let t: TestDb;
let s3: LocalS3;
let diskRoot: string;
const stores: Record<"disk" | "s3", ObjectStore> = {} as never;

beforeAll(async () => {
  t = await openTestDb();
  diskRoot = await mkdtemp(path.join(tmpdir(), "tessera-files-"));
  s3 = await startLocalS3();
  stores.disk = new DiskStore(diskRoot);
  stores.s3 = s3.store();
});
afterAll(async () => {
  setObjectStore(undefined);
  await s3?.close();
  await rm(diskRoot, { recursive: true, force: true });
  await t?.close();
});

async function totals(ctx: TenantContext) {
  return withTenant(ctx.tenant.id, async (tx) => ({
    running: await storageBytes(tx),
    recount: await recountStorageBytes(tx),
    files: await tx.storedFile.findMany(),
  }));
}

async function setRunningTotal(ctx: TenantContext, bytes: number) {
  await t.db.tenantStorage.update({ where: { tenantId: ctx.tenant.id }, data: { bytes: BigInt(bytes) } });
}

describe.each(["disk", "s3"] as const)("uploads through the app (%s store)", (kind) => {
  beforeAll(() => {
    setObjectStore(stores[kind]);
  });

  it("stores the file, counts its exact size, lists, downloads and deletes it", async () => {
    const ctx = await tenantWithOwner(t.db);
    const bytes = png(150_000);
    const file = await upload(ctx, bytes, "../../etc/Holiday\u202e photo.png");
    expect(file).toMatchObject({ status: "READY", contentType: "image/png", sizeBytes: 150_000 });
    // The name is a label, cleaned: no path parts, no bidirectional override.
    expect(file.name).toBe("Holiday_ photo.png");
    expect(file.storageKey).toBe(`t/${ctx.tenant.id}/${file.id}`);

    const after = await totals(ctx);
    expect(after.running).toBe(after.recount);
    expect((await listFiles(ctx)).files.map((f) => f.id)).toEqual([file.id]);
    const summary = await getUsageSummary(ctx);
    expect(summary.dimensions.find((d) => d.id === "storage")?.used).toBe(after.running);

    const { body } = await openFile(ctx, file.id);
    const downloaded = new Uint8Array(await new Response(body).arrayBuffer());
    expect(Buffer.from(downloaded).equals(Buffer.from(bytes))).toBe(true);

    await deleteFile(ctx, file.id);
    const gone = await totals(ctx);
    expect(gone.running).toBe(gone.recount);
    expect(gone.running).toBeLessThan(after.running - 150_000 + 2_000); // the bytes came back (an audit row stays)
    expect(await stores[kind].head(file.storageKey)).toBeNull();
    await expect(getFile(ctx, file.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses at the storage limit with 413 and keeps nothing; a failed upload gives its bytes back", async () => {
    const ctx = await tenantWithOwner(t.db); // FREE: 1 GB
    await setRunningTotal(ctx, GB - 1000);
    const refused = await upload(ctx, png(2000)).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "payload_too_large",
      status: 413,
      details: { reason: "storage_limit", limit_bytes: GB, used_bytes: GB - 1000, requested_bytes: 2000 },
    });
    expect((await totals(ctx)).files).toEqual([]);

    // A body longer than its declared length: cut off while streaming, nothing stored or counted.
    await setRunningTotal(ctx, 0);
    await expect(upload(ctx, png(300_000), "long.png", { declared: 100_000 })).rejects.toMatchObject({
      code: "bad_request",
    });
    // A body shorter than its declared length (a cut-off upload).
    await expect(upload(ctx, png(100_000), "short.png", { declared: 200_000 })).rejects.toMatchObject({
      code: "bad_request",
    });
    // A client that goes away half-way.
    await expect(
      uploadFile(ctx, { body: streamOf(png(300_000), 64 * 1024, 128 * 1024), declaredSize: 300_000, name: "x.png" }),
    ).rejects.toThrow();
    const after = await totals(ctx);
    expect(after.files).toEqual([]);
    expect(after.running).toBe(0);
    if (kind === "disk") {
      // No object (nor a half-written one) is left in the tenant's folder.
      expect(await readdir(path.join(diskRoot, "objects", "t", ctx.tenant.id)).catch(() => [])).toEqual([]);
      expect(await readdir(path.join(diskRoot, "tmp")).catch(() => [])).toEqual([]);
    }
  });
});

describe("reservations under concurrency", () => {
  beforeAll(() => {
    setObjectStore(stores.disk);
  });

  it("20 concurrent uploads near the limit: exactly those that fit are stored, the limit holds", async () => {
    const ctx = await tenantWithOwner(t.db); // FREE: 1 GB
    const size = 100_000;
    // Room for five files (plus slack for the audit rows each upload writes, less than a sixth file).
    const room = 5 * size + 50_000;
    await setRunningTotal(ctx, GB - room);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => upload(ctx, png(size, i), `file-${i}.png`)),
    );
    const stored = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(stored).toHaveLength(5);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "payload_too_large" });
    const { files, running } = await totals(ctx);
    expect(files.map((f) => f.status)).toEqual(Array(5).fill("READY"));
    expect(files.reduce((sum, f) => sum + Number(f.sizeBytes), 0)).toBe(5 * size);
    expect(running).toBeLessThanOrEqual(GB);
    expect(
      (await readdir(path.join(diskRoot, "objects", "t", ctx.tenant.id))).filter((n) => !n.includes(".")),
    ).toHaveLength(5);
  });
});

describe("types by content, limits per kind", () => {
  beforeAll(() => {
    setObjectStore(stores.disk);
  });

  it("refuses a spoofed type: a program named .png, a PDF as a logo, an SVG logo", async () => {
    const ctx = await tenantWithOwner(t.db, "WHITE_LABEL");
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    await expect(upload(ctx, exe, "photo.png")).rejects.toMatchObject({ code: "validation_failed" });
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    const svg = new TextEncoder().encode(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    for (const bytes of [pdf, svg]) {
      await expect(
        uploadFile(ctx, { body: streamOf(bytes), declaredSize: bytes.length, name: "logo.png", kind: "LOGO" }),
      ).rejects.toMatchObject({ code: "validation_failed" });
    }
    // As attachments they are fine, typed by content whatever the name says.
    expect((await upload(ctx, pdf, "notes.txt")).contentType).toBe("application/pdf");
    expect((await upload(ctx, svg, "drawing.png")).contentType).toBe("image/svg+xml");
    expect((await totals(ctx)).files).toHaveLength(2);
  });

  it("refuses files over the kind's size before reading them, and logos below White label", async () => {
    const ctx = await tenantWithOwner(t.db, "WHITE_LABEL");
    await expect(
      uploadFile(ctx, { body: streamOf(png(10)), declaredSize: 600 * 1024, name: "big.png", kind: "LOGO" }),
    ).rejects.toMatchObject({ code: "payload_too_large", details: { reason: "file_too_large" } });
    // Without a declared length the limit is enforced while streaming.
    await expect(
      uploadFile(ctx, { body: streamOf(png(600 * 1024)), declaredSize: null, name: "big.png", kind: "LOGO" }),
    ).rejects.toMatchObject({ code: "payload_too_large" });
    expect((await totals(ctx)).files).toEqual([]);

    const free = await tenantWithOwner(t.db);
    await expect(
      uploadFile(free, { body: streamOf(png(100)), declaredSize: 100, name: "logo.png", kind: "LOGO" }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a large raster logo is scaled down to fit the header (sharp), smaller than uploaded", async () => {
    const ctx = await tenantWithOwner(t.db, "WHITE_LABEL");
    const sharp = (await import("sharp")).default;
    const big = new Uint8Array(
      await sharp({ create: { width: 400, height: 300, channels: 3, background: "#0f766e" } })
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
    const logo = await uploadFile(ctx, {
      body: streamOf(big),
      declaredSize: big.length,
      name: "wide.png",
      kind: "LOGO",
    });
    expect(logo.contentType).toBe("image/png");
    expect(logo.sizeBytes).toBeLessThan(big.length);
    const { body } = await openFile(ctx, logo.id);
    const stored = await sharp(Buffer.from(await new Response(body).arrayBuffer())).metadata();
    expect([stored.width, stored.height]).toEqual([256, 192]);
    // The running total counts the stored (scaled) size.
    const { running, recount } = await totals(ctx);
    expect(running).toBe(recount);
  });

  it("a new logo replaces the old one", async () => {
    const ctx = await tenantWithOwner(t.db, "WHITE_LABEL");
    const first = await uploadFile(ctx, { body: streamOf(png(1000)), declaredSize: 1000, name: "a.png", kind: "LOGO" });
    const second = await uploadFile(ctx, {
      body: streamOf(png(2000)),
      declaredSize: 2000,
      name: "b.png",
      kind: "LOGO",
    });
    expect((await getBrandLogo(ctx))?.id).toBe(second.id);
    const { files } = await totals(ctx);
    expect(files.map((f) => f.id)).toEqual([second.id]);
    expect(await stores.disk.head(first.storageKey)).toBeNull();
    // Logos are not listed among the workspace's files.
    expect((await listFiles(ctx)).files).toEqual([]);
  });
});

describe("presigned uploads (S3)", () => {
  beforeAll(() => {
    setObjectStore(stores.s3);
  });

  it("reserve → PUT to the bucket → complete; a spoofed type is refused and released", async () => {
    const ctx = await tenantWithOwner(t.db);
    const bytes = png(5000);
    const { file, upload: put } = await presignUpload(ctx, {
      name: "scan.png",
      size: bytes.length,
      contentType: "image/png",
    });
    expect(file.status).toBe("PENDING");
    expect((await totals(ctx)).running).toBe((await totals(ctx)).recount);
    const res = await fetch(put.url, { method: "PUT", body: new Blob([bytes]), headers: put.headers });
    expect(res.status).toBe(200);
    const done = await completeUpload(ctx, file.id);
    expect(done).toMatchObject({ status: "READY", sizeBytes: 5000, contentType: "image/png" });

    const fake = new TextEncoder().encode("just some text, not an image at all");
    const spoof = await presignUpload(ctx, { name: "evil.png", size: fake.length, contentType: "image/png" });
    await fetch(spoof.upload.url, { method: "PUT", body: new Blob([fake]), headers: spoof.upload.headers });
    await expect(completeUpload(ctx, spoof.file.id)).rejects.toMatchObject({ code: "validation_failed" });
    const { files, running, recount } = await totals(ctx);
    expect(files.map((f) => f.id)).toEqual([file.id]);
    expect(running).toBe(recount);
    expect(await stores.s3.head(spoof.file.storageKey)).toBeNull();
  });

  it("is refused on the disk store (uploads go through the app)", async () => {
    setObjectStore(stores.disk);
    const ctx = await tenantWithOwner(t.db);
    await expect(presignUpload(ctx, { name: "a.png", size: 10, contentType: "image/png" })).rejects.toMatchObject({
      code: "bad_request",
    });
    setObjectStore(stores.s3);
  });
});

describe("isolation and purge", () => {
  beforeAll(() => {
    setObjectStore(stores.disk);
  });

  it("another tenant cannot read, download or delete a file, even by id", async () => {
    const a = await tenantWithOwner(t.db);
    const b = await tenantWithOwner(t.db);
    const file = await upload(a, png(1000));
    await expect(getFile(b, file.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(openFile(b, file.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteFile(b, file.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listFiles(b)).files).toEqual([]);
    // RLS, too: a raw query in b's transaction sees none of a's rows.
    const seen = await withTenant(b.tenant.id, (tx) => tx.$queryRaw<unknown[]>`SELECT id FROM files`);
    expect(seen).toEqual([]);
  });

  it("viewers can read but not upload or delete", async () => {
    const owner = await tenantWithOwner(t.db);
    const file = await upload(owner, png(1000));
    const viewer: TenantContext = { ...owner, role: "VIEWER" };
    expect((await getFile(viewer, file.id)).id).toBe(file.id);
    await expect(upload(viewer, png(1000))).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteFile(viewer, file.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("purging a tenant deletes its objects", async () => {
    const ctx = await tenantWithOwner(t.db);
    const other = await tenantWithOwner(t.db);
    const mine = [await upload(ctx, png(1000)), await upload(ctx, png(2000))];
    const theirs = await upload(other, png(1000));
    await purgeTenant(ctx.tenant.id);
    for (const file of mine) expect(await stores.disk.head(file.storageKey)).toBeNull();
    expect(await stores.disk.head(theirs.storageKey)).not.toBeNull();
    expect(await t.db.storedFile.count({ where: { tenantId: ctx.tenant.id } })).toBe(0);
  });
});
