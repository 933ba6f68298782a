// One storage API, two stores: the embedded default keeps objects on disk under .data/
// (lib/storage/disk.ts); with S3_BUCKET set, any S3-compatible service (AWS S3, Cloudflare R2,
// MinIO) through the AWS SDK (lib/storage/s3.ts). Keys are made by Tessera (lib/storage/keys.ts),
// never from user input. Quota, types and names are the files domain's business (lib/files).

export interface StoredObject {
  /** Bytes stored. */
  size: number;
  contentType: string | null;
}

export interface ObjectBody extends StoredObject {
  body: ReadableStream<Uint8Array>;
}

export interface PresignedRequest {
  url: string;
  method: "PUT" | "GET";
  /** Headers the request must carry exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: Date;
}

export type StoreKind = "disk" | "s3";

export interface ObjectStore {
  readonly kind: StoreKind;
  /**
   * Stores `body` under `key`, all or nothing: a reader sees the old object (or none) until the
   * new one is complete; when the body errors (a limit hit, the client gone) nothing is left.
   */
  put(
    key: string,
    body: ReadableStream<Uint8Array> | Uint8Array,
    options: { contentType: string },
  ): Promise<StoredObject>;
  /** The object's bytes as a stream, or null when there is none. */
  get(key: string): Promise<ObjectBody | null>;
  head(key: string): Promise<StoredObject | null>;
  /** Up to `bytes` leading bytes of the object (null when there is none): for type checks. */
  readStart(key: string, bytes: number): Promise<Uint8Array | null>;
  /** Deletes the object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (a tenant's, on purge); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** A presigned PUT of exactly `size` bytes of `contentType`, or null when the store has none (disk). */
  presignPut(
    key: string,
    options: { contentType: string; size: number; expiresInSeconds: number },
  ): Promise<PresignedRequest | null>;
  /** A presigned GET answered with the given disposition and type, or null when the store has none (disk). */
  presignGet(
    key: string,
    options: { contentDisposition: string; contentType: string; expiresInSeconds: number },
  ): Promise<PresignedRequest | null>;
}
