// The embedded object store: files under a directory (STORAGE_DISK_DIR, default .data/objects).
// Writes go to a temporary file in the same directory tree and are renamed into place once
// complete and flushed, so a reader never sees half an object and a failed upload leaves nothing.
// Keys are checked (lib/storage/keys.ts) and the resolved path must stay inside the root.
// Single-instance by nature, like the embedded database: use S3 for several app instances.
import "server-only";

import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";

import { assertObjectKey, assertPrefix, InvalidKeyError } from "./keys";
import type { ObjectBody, ObjectStore, StoredObject } from "./types";

const TYPE_SUFFIX = ".type";

export class DiskStore implements ObjectStore {
  readonly kind = "disk" as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertObjectKey(key);
    const full = path.resolve(this.root, "objects", ...key.split("/"));
    if (!full.startsWith(path.join(this.root, "objects") + path.sep)) throw new InvalidKeyError(key);
    return full;
  }

  private async tmpPath(): Promise<string> {
    const dir = path.join(this.root, "tmp");
    await mkdir(dir, { recursive: true });
    return path.join(dir, `${randomUUID()}.part`);
  }

  async put(
    key: string,
    body: ReadableStream<Uint8Array> | Uint8Array,
    options: { contentType: string },
  ): Promise<StoredObject> {
    const target = this.pathOf(key);
    const tmp = await this.tmpPath();
    let size = 0;
    try {
      const source =
        body instanceof Uint8Array
          ? Readable.from([body])
          : Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>);
      source.on("data", (chunk: Uint8Array) => {
        size += chunk.byteLength;
      });
      await pipeline(source, createWriteStream(tmp, { flags: "wx" }));
      const handle = await open(tmp, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeSmall(target + TYPE_SUFFIX, options.contentType);
      await rename(tmp, target);
      return { size, contentType: options.contentType };
    } catch (error) {
      await unlink(tmp).catch(() => {});
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      return { size: info.size, contentType: await readSmall(file + TYPE_SUFFIX) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async get(key: string): Promise<ObjectBody | null> {
    const head = await this.head(key);
    if (!head) return null;
    const stream = createReadStream(this.pathOf(key));
    return { ...head, body: Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array> };
  }

  async readStart(key: string, bytes: number): Promise<Uint8Array | null> {
    let handle;
    try {
      handle = await open(this.pathOf(key), "r");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const buffer = new Uint8Array(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    await rm(file + TYPE_SUFFIX, { force: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertPrefix(prefix);
    const dir = path.resolve(this.root, "objects", ...prefix.slice(0, -1).split("/"));
    let count = 0;
    try {
      count = (await readdir(dir)).filter((name) => !name.endsWith(TYPE_SUFFIX)).length;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    await rm(dir, { recursive: true, force: true });
    return count;
  }

  async presignPut() {
    return null;
  }

  async presignGet() {
    return null;
  }
}

async function writeSmall(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomUUID()}.part`;
  const handle = await open(tmp, "wx");
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

async function readSmall(file: string): Promise<string | null> {
  try {
    const handle = await open(file, "r");
    try {
      return (await handle.readFile("utf8")) || null;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "ENOENT";
}
