// /api/v1/knowledge through the real route handlers with real keys: articles CRUD with versions,
// search with highlighted snippets, a PDF uploaded as a raw body and extracted by the job, the
// knowledge scopes, and another workspace's key seeing none of it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as item from "@/app/api/v1/knowledge/articles/[id]/route";
import * as restore from "@/app/api/v1/knowledge/articles/[id]/restore/route";
import * as versions from "@/app/api/v1/knowledge/articles/[id]/versions/route";
import * as articles from "@/app/api/v1/knowledge/articles/route";
import * as document from "@/app/api/v1/knowledge/documents/[id]/route";
import * as documents from "@/app/api/v1/knowledge/documents/route";
import * as upload from "@/app/api/v1/knowledge/documents/upload/route";
import * as search from "@/app/api/v1/knowledge/search/route";
import { createApiKey } from "@/lib/api-keys/keys";
import type { TenantScope } from "@/lib/api-keys/scopes";
import { runExtractionJobs } from "@/lib/knowledge/documents";
import { setObjectStore } from "@/lib/storage";
import { DiskStore } from "@/lib/storage/disk";
import type { TenantContext } from "@/lib/tenancy/context";

import { makePdf } from "../fixtures/documents";
import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let root: string;
let writer: string;
let reader: string;
let other: string;

async function key(c: TenantContext, scopes: TenantScope[]) {
  return (await createApiKey(c, { name: uniq("k"), scopes })).secret;
}

beforeAll(async () => {
  t = await openTestDb();
  root = await mkdtemp(path.join(tmpdir(), "tessera-knowledge-api-"));
  setObjectStore(new DiskStore(root));
  const ctx = await tenantWithOwner(t.db, "PROFESSIONAL");
  writer = await key(ctx, ["knowledge:read", "knowledge:write"]);
  reader = await key(ctx, ["knowledge:read"]);
  other = await key(await tenantWithOwner(t.db, "PROFESSIONAL"), ["knowledge:read", "knowledge:write"]);
}, 60_000);
afterAll(async () => {
  setObjectStore(undefined);
  await rm(root, { recursive: true, force: true });
  await t?.close();
});

describe("/api/v1/knowledge", () => {
  it("writes, versions, searches, restores and deletes an article", async () => {
    const created = await call(articles.POST, "POST", "/api/v1/knowledge/articles", {
      key: writer,
      body: { title: "Refund policy", body: "# Refunds\n\nRefunds are issued within 14 days.", tags: ["Billing"] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: "Refund policy", version: 1, tags: ["billing"], published: false });
    const id = created.json.id as string;

    const bad = await call(articles.POST, "POST", "/api/v1/knowledge/articles", { key: writer, body: { title: "" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toHaveProperty("body");

    const patched = await call(item.PATCH, "PATCH", `/api/v1/knowledge/articles/${id}`, {
      key: writer,
      params: { id },
      body: { body: "# Refunds\n\nRefunds are issued within 30 days.", expected_version: 1 },
    });
    expect(patched.json.version).toBe(2);
    const stale = await call(item.PATCH, "PATCH", `/api/v1/knowledge/articles/${id}`, {
      key: writer,
      params: { id },
      body: { title: "Too late", expected_version: 1 },
    });
    expect(stale.status).toBe(409);

    const found = await call(search.GET, "GET", "/api/v1/knowledge/search?q=refunds%20issued", { key: reader });
    expect(found.status).toBe(200);
    expect(found.json.data[0]).toMatchObject({ kind: "article", id, title: "Refund policy" });
    expect(found.json.data[0].snippet_html).toContain("<mark>Refunds</mark>");
    expect(found.json.data[0].snippet).not.toContain("\uE000");

    const list = await call(versions.GET, "GET", `/api/v1/knowledge/articles/${id}/versions`, {
      key: reader,
      params: { id },
    });
    expect(list.json.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const restored = await call(restore.POST, "POST", `/api/v1/knowledge/articles/${id}/restore`, {
      key: writer,
      params: { id },
      body: { version: 1 },
    });
    expect(restored.json).toMatchObject({ version: 3, body: "# Refunds\n\nRefunds are issued within 14 days." });

    // Read-only keys cannot write; other workspaces cannot see it.
    const denied = await call(item.DELETE, "DELETE", `/api/v1/knowledge/articles/${id}`, {
      key: reader,
      params: { id },
    });
    expect(denied.status).toBe(403);
    expect(denied.json.error.details).toEqual({ required_scope: "knowledge:write" });
    const foreign = await call(item.GET, "GET", `/api/v1/knowledge/articles/${id}`, { key: other, params: { id } });
    expect(foreign.status).toBe(404);
    const foreignSearch = await call(search.GET, "GET", "/api/v1/knowledge/search?q=refunds", { key: other });
    expect(foreignSearch.json.data).toEqual([]);

    const removed = await call(item.DELETE, "DELETE", `/api/v1/knowledge/articles/${id}`, {
      key: writer,
      params: { id },
    });
    expect(removed.status).toBe(204);
  });

  it("uploads a PDF, reports extraction, and finds its text", async () => {
    const pdf = makePdf([["Returns desk", "Parcels are collected every Thursday afternoon."]]);
    const response = await upload.POST(
      new Request("http://localhost/api/v1/knowledge/documents/upload?filename=Returns.pdf", {
        method: "POST",
        headers: { authorization: `Bearer ${writer}`, "content-length": String(pdf.byteLength) },
        body: pdf,
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(202);
    const queued = await response.json();
    expect(queued).toMatchObject({ format: "pdf", title: "Returns", size_bytes: pdf.byteLength });
    // The in-process job may already run; the job run here finishes whatever is left.
    await runExtractionJobs();
    const deadline = Date.now() + 30_000;
    let doc = await call(document.GET, "GET", `/api/v1/knowledge/documents/${queued.id}`, {
      key: reader,
      params: { id: queued.id },
    });
    while (doc.json.status !== "ready" && doc.json.status !== "failed" && Date.now() < deadline) {
      await runExtractionJobs();
      doc = await call(document.GET, "GET", `/api/v1/knowledge/documents/${queued.id}`, {
        key: reader,
        params: { id: queued.id },
      });
    }
    expect(doc.json).toMatchObject({ status: "ready", progress: 100, pages: 1 });
    expect(doc.json.text).toContain("Parcels are collected every Thursday");
    const listed = await call(documents.GET, "GET", "/api/v1/knowledge/documents", { key: reader });
    expect(listed.json.data.map((d: { id: string }) => d.id)).toContain(queued.id);
    const found = await call(search.GET, "GET", "/api/v1/knowledge/search?q=parcels%20thursday", { key: reader });
    expect(found.json.data[0]).toMatchObject({ kind: "document", id: queued.id });
    expect((await call(documents.GET, "GET", "/api/v1/knowledge/documents", { key: other })).json.data).toEqual([]);
    const gone = await call(document.DELETE, "DELETE", `/api/v1/knowledge/documents/${queued.id}`, {
      key: writer,
      params: { id: queued.id },
    });
    expect(gone.status).toBe(204);
  }, 60_000);
});
