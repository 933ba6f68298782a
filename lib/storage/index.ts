// The process's object store, chosen once from the settings: S3 when S3_BUCKET is set, the disk
// store under STORAGE_DISK_DIR otherwise. Tests build their own stores (or swap this one).
import "server-only";

import { env } from "../env";
import { DiskStore } from "./disk";
import { S3Store } from "./s3";
import type { ObjectStore } from "./types";

export type { ObjectStore, ObjectBody, PresignedRequest, StoredObject, StoreKind } from "./types";
export { objectKey, tenantPrefix } from "./keys";

const globalForStore = globalThis as unknown as { __tesseraObjectStore?: ObjectStore };

export function createObjectStore(): ObjectStore {
  if (env.S3_BUCKET) {
    return new S3Store({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  }
  return new DiskStore(env.STORAGE_DISK_DIR);
}

export function getObjectStore(): ObjectStore {
  return (globalForStore.__tesseraObjectStore ??= createObjectStore());
}

/** Replaces the process's store (tests, benchmarks); returns the previous one. */
export function setObjectStore(store: ObjectStore | undefined): ObjectStore | undefined {
  const previous = globalForStore.__tesseraObjectStore;
  globalForStore.__tesseraObjectStore = store;
  return previous;
}
