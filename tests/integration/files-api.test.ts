// /api/v1/files through the real route handlers with real keys: a raw-body upload streamed to the
// store, the 413 JSON body at the storage limit, downloads with safe headers, scopes and tenants.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as content from "@/app/api/v1/files/[id]/content/route";
import * as item from "@/app/api/v1/files/[id]/route";
import * as presign from "@/app/api/v1/files/presign/route";
import * as files from "@/app/api/v1/files/route";
import * as upload from "@/app/api/v1/files/upload/route";
import * as usage from "@/app/api/v1/usage/route";
import { createApiKey } from "@/lib/api-keys/keys";
import type { TenantScope } from "@/lib/api-keys/scopes";
import { setObjectStore } from "@/lib/storage";
import { DiskStore } from "@/lib/storage/disk";
import type { TenantContext } from "@/lib/tenancy/context";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let root: string;
let ctx: TenantContext;
let writer: string;
let reader: string;
let otherKey: string;

async function key(c: TenantContext, scopes: TenantScope[]) {
  return (await createApiKey(c, { name: uniq("k"), scopes })).secret;
}

beforeAll(async () => {
  t = await openTestDb();
  root = await mkdtemp(path.join(tmpdir(), "tessera-files-api-"));
  setObjectStore(new DiskStore(root));
  ctx = await tenantWithOwner(t.db);
  writer = await key(ctx, ["files:read", "files:write", "usage:read"]);
  reader = await key(ctx, ["files:read"]);
  otherKey = await key(await tenantWithOwner(t.db), ["files:read", "files:write"]);
});
afterAll(async () => {
  setObjectStore(undefined);
  await rm(root, { recursive: true, force: true });
  await t?.close();
});

async function send(secret: string, name: string, body: Uint8Array<ArrayBuffer> | string) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const response = await upload.POST(
    new Request(`http://localhost/api/v1/files/upload?filename=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-length": String(bytes.length) },
      body: bytes,
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, json: await response.json() };
}

describe("/api/v1/files", () => {
  it("uploads a raw body, lists it, serves it with safe headers, and deletes it", async () => {
    const created = await send(writer, "Quarterly report.txt", "revenue went up\n");
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "Quarterly report.txt",
      content_type: "text/plain",
      size_bytes: 16,
      kind: "attachment",
      status: "ready",
    });
    const id = created.json.id as string;
    expect(created.json.download_url).toBe(`/api/v1/files/${id}/content`);

    const list = await call(files.GET, "GET", "/api/v1/files", { key: reader });
    expect(list.json.data.map((f: { id: string }) => f.id)).toContain(id);

    const download = await content.GET(
      new Request(`http://localhost/api/v1/files/${id}/content`, { headers: { authorization: `Bearer ${reader}` } }),
      { params: Promise.resolve({ id }) },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Quarterly report.txt"; filename*=UTF-8''Quarterly%20report.txt`,
    );
    expect(download.headers.get("content-security-policy")).toContain("sandbox");
    expect(await download.text()).toBe("revenue went up\n");

    // Another tenant's key: 404 everywhere, as if the file did not exist.
    expect((await call(item.GET, "GET", `/api/v1/files/${id}`, { key: otherKey, params: { id } })).status).toBe(404);
    expect((await call(item.DELETE, "DELETE", `/api/v1/files/${id}`, { key: otherKey, params: { id } })).status).toBe(
      404,
    );
    // A read-only key cannot upload or delete.
    expect((await send(reader, "x.txt", "x")).status).toBe(403);
    expect((await call(item.DELETE, "DELETE", `/api/v1/files/${id}`, { key: reader, params: { id } })).status).toBe(
      403,
    );

    expect((await call(item.DELETE, "DELETE", `/api/v1/files/${id}`, { key: writer, params: { id } })).status).toBe(
      204,
    );
    expect((await call(item.GET, "GET", `/api/v1/files/${id}`, { key: writer, params: { id } })).status).toBe(404);
  });

  it("answers 413 with the JSON error body at the storage limit, and usage shows the total", async () => {
    const before = await call(usage.GET, "GET", "/api/v1/usage", { key: writer });
    const used = before.json.dimensions.find((d: { id: string }) => d.id === "storage").used as number;
    await t.db.tenantStorage.update({ where: { tenantId: ctx.tenant.id }, data: { bytes: BigInt(1024 ** 3 - 10) } });
    const refused = await send(writer, "big.txt", "more than ten bytes of text");
    expect(refused.status).toBe(413);
    expect(refused.json.error).toMatchObject({ code: "payload_too_large", details: { reason: "storage_limit" } });
    const after = await call(usage.GET, "GET", "/api/v1/usage", { key: writer });
    expect(after.json.dimensions.find((d: { id: string }) => d.id === "storage")).toMatchObject({
      used: 1024 ** 3 - 10,
      level: "warning",
    });
    expect(used).toBeGreaterThan(0);
    await t.db.tenantStorage.update({ where: { tenantId: ctx.tenant.id }, data: { bytes: BigInt(used) } });
  });

  it("refuses a spoofed type with field errors, and presign on disk storage with 400", async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const spoofed = await send(writer, "cat.png", exe);
    expect(spoofed.status).toBe(400);
    expect(spoofed.json.error.details.file).toBeDefined();
    const res = await call(presign.POST, "POST", "/api/v1/files/presign", {
      key: writer,
      body: { name: "a.png", size: 10, content_type: "image/png" },
    });
    expect(res.status).toBe(400);
  });
});
