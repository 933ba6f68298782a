// One contract, two stores (issue 12, item 1): the disk store and the S3 store (against a local
// S3-compatible server, s3rver) pass the same suite: round trips, all-or-nothing writes, deletes,
// purging a tenant's prefix, and keys that could walk out of the store refused.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DiskStore } from "@/lib/storage/disk";
import { InvalidKeyError, objectKey, tenantPrefix } from "@/lib/storage/keys";
import type { ObjectStore } from "@/lib/storage/types";

import { startLocalS3, type LocalS3 } from "../fixtures/s3-server";

function streamOf(chunks: Uint8Array[], failAfter?: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (failAfter !== undefined && i === failAfter) {
        controller.error(new Error("client went away"));
        return;
      }
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const bytes = (text: string) => new TextEncoder().encode(text);

let diskRoot: string;
let s3: LocalS3;
const stores: Record<string, () => ObjectStore> = {};

beforeAll(async () => {
  diskRoot = await mkdtemp(path.join(tmpdir(), "tessera-disk-"));
  s3 = await startLocalS3();
  stores.disk = () => new DiskStore(diskRoot);
  stores.s3 = () => s3.store();
});
afterAll(async () => {
  await s3?.close();
  await rm(diskRoot, { recursive: true, force: true });
});

let n = 0;
const key = (tenant = "tenantA") => objectKey(tenant, `file${++n}`);

describe.each(["disk", "s3"])("the %s store", (kind) => {
  const store = () => stores[kind]!();

  it("stores and returns bytes and the content type, from a buffer or a stream", async () => {
    const a = key();
    expect(await store().put(a, bytes("hello"), { contentType: "text/plain" })).toEqual({
      size: 5,
      contentType: "text/plain",
    });
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x61);
    const b = key();
    const chunks = [big.subarray(0, 1024 * 1024), big.subarray(1024 * 1024)];
    expect((await store().put(b, streamOf(chunks), { contentType: "application/pdf" })).size).toBe(big.length);

    expect(await store().head(a)).toEqual({ size: 5, contentType: "text/plain" });
    const got = await store().get(b);
    expect(got?.size).toBe(big.length);
    expect(got?.contentType).toBe("application/pdf");
    expect((await readAll(got!.body)).equals(big)).toBe(true);
    expect(Buffer.from((await store().readStart(b, 4))!).toString()).toBe("aaaa");
    expect(Buffer.from((await store().readStart(a, 4096))!).toString()).toBe("hello");
  });

  it("answers null for missing objects and deletes idempotently", async () => {
    const a = key();
    expect(await store().get(a)).toBeNull();
    expect(await store().head(a)).toBeNull();
    expect(await store().readStart(a, 10)).toBeNull();
    await store().put(a, bytes("x"), { contentType: "text/plain" });
    await store().delete(a);
    await store().delete(a);
    expect(await store().head(a)).toBeNull();
  });

  it("writes all or nothing: a body that fails half-way leaves no object and keeps the old one", async () => {
    const a = key();
    await expect(
      store().put(a, streamOf([bytes("part one"), bytes("part two")], 1), { contentType: "text/plain" }),
    ).rejects.toThrow();
    expect(await store().head(a)).toBeNull();

    await store().put(a, bytes("old"), { contentType: "text/plain" });
    await expect(store().put(a, streamOf([bytes("new new new")], 1), { contentType: "text/plain" })).rejects.toThrow();
    const kept = await store().get(a);
    expect((await readAll(kept!.body)).toString()).toBe("old");
    if (kind === "disk") {
      // No temporary file is left behind either.
      expect(await readdir(path.join(diskRoot, "tmp"))).toEqual([]);
    }
  });

  it("deletes a tenant's objects by prefix and leaves other tenants' alone", async () => {
    const mine = [key("purgeMe"), key("purgeMe"), key("purgeMe")];
    const theirs = key("keepMe");
    for (const k of [...mine, theirs]) await store().put(k, bytes(k), { contentType: "text/plain" });
    expect(await store().deletePrefix(tenantPrefix("purgeMe"))).toBe(3);
    for (const k of mine) expect(await store().head(k)).toBeNull();
    expect(await store().head(theirs)).not.toBeNull();
    expect(await store().deletePrefix(tenantPrefix("purgeMe"))).toBe(0);
  });

  it("refuses keys it did not make: traversal, absolute paths, odd separators", async () => {
    for (const bad of [
      "../../etc/passwd",
      "t/../../x/y",
      "t/tenantA/../tenantB",
      "/etc/passwd",
      "t/tenantA/a/b",
      "t\\tenantA\\x",
      "t/tenantA/x%2F..",
      "t/tenantA/",
      "",
    ]) {
      await expect(store().put(bad, bytes("x"), { contentType: "text/plain" }), bad).rejects.toBeInstanceOf(
        InvalidKeyError,
      );
      await expect(store().get(bad), bad).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store().delete(bad), bad).rejects.toBeInstanceOf(InvalidKeyError);
    }
    await expect(store().deletePrefix("t/")).rejects.toBeInstanceOf(InvalidKeyError);
    expect(() => objectKey("..", "x")).toThrow(InvalidKeyError);
    expect(() => objectKey("a", "../b")).toThrow(InvalidKeyError);
  });
});

describe("presigned requests", () => {
  it("the disk store has none (uploads go through the app)", async () => {
    const disk = stores.disk!();
    expect(await disk.presignPut(key(), { contentType: "image/png", size: 3, expiresInSeconds: 60 })).toBeNull();
  });

  it("S3: a presigned PUT stores exactly the signed length and type; anything else is refused", async () => {
    const store = stores.s3!();
    const k = key();
    const put = await store.presignPut(k, { contentType: "image/png", size: 4, expiresInSeconds: 60 });
    expect(put?.url).toContain("X-Amz-Signature=");
    // A different type than signed: refused.
    const wrongType = await fetch(put!.url, { method: "PUT", body: "abcd", headers: { "content-type": "text/html" } });
    expect(wrongType.status).toBe(403);
    // A different length than signed: refused.
    const wrongLength = await fetch(put!.url, { method: "PUT", body: "abcdefgh", headers: put!.headers });
    expect(wrongLength.status).toBe(403);
    expect(await store.head(k)).toBeNull();
    const ok = await fetch(put!.url, { method: "PUT", body: "abcd", headers: put!.headers });
    expect(ok.status).toBe(200);
    expect(await store.head(k)).toEqual({ size: 4, contentType: "image/png" });

    const get = await store.presignGet(k, {
      contentDisposition: 'attachment; filename="a.png"',
      contentType: "image/png",
      expiresInSeconds: 60,
    });
    const res = await fetch(get!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="a.png"');
    expect(await res.text()).toBe("abcd");
  });

  it("S3: requests are signed (SigV4): a wrong secret is refused by the server", async () => {
    const bad = s3.store({ secretAccessKey: "not-the-secret" });
    await expect(bad.put(key(), bytes("x"), { contentType: "text/plain" })).rejects.toThrow();
  });
});
