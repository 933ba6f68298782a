// Objects in any S3-compatible store (AWS S3, Cloudflare R2, MinIO) through the AWS SDK v3.
// Uploads through the app are spooled to a temporary file first, so the SDK sends a request of
// known length (no aws-chunked encoding, which not every S3-compatible service speaks) and a
// body that fails half-way (a limit, a lost client) never reaches the bucket. Browsers can also
// upload straight to the bucket with a presigned PUT whose length and type are signed.
// Checksums are sent only where S3 requires them, for the same compatibility.
import "server-only";

import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

import { assertObjectKey, assertPrefix } from "./keys";
import type { ObjectBody, ObjectStore, PresignedRequest, StoredObject } from "./types";

export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** For S3-compatible services (R2, MinIO, a local fake); unset: AWS. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Where uploads are spooled before they are sent (default: the OS temp directory). */
  spoolDir?: string;
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey";
  }
  return false;
}

export class S3Store implements ObjectStore {
  readonly kind = "s3" as const;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly spoolDir: string;

  constructor(config: S3StoreConfig) {
    this.bucket = config.bucket;
    this.spoolDir = config.spoolDir ?? path.join(tmpdir(), "tessera-s3-spool");
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(
    key: string,
    body: ReadableStream<Uint8Array> | Uint8Array,
    options: { contentType: string },
  ): Promise<StoredObject> {
    assertObjectKey(key);
    if (body instanceof Uint8Array) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: options.contentType,
        }),
      );
      return { size: body.byteLength, contentType: options.contentType };
    }
    await mkdir(this.spoolDir, { recursive: true });
    const spool = path.join(this.spoolDir, `${randomUUID()}.part`);
    try {
      await pipeline(
        Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>),
        createWriteStream(spool, { flags: "wx" }),
      );
      const { size } = await stat(spool);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: size,
          ContentType: options.contentType,
        }),
      );
      return { size, contentType: options.contentType };
    } finally {
      await rm(spool, { force: true });
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    assertObjectKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? null };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async get(key: string): Promise<ObjectBody | null> {
    assertObjectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) return null;
      return {
        size: out.ContentLength ?? 0,
        contentType: out.ContentType ?? null,
        body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<Uint8Array | null> {
    assertObjectKey(key);
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${Math.max(0, bytes - 1)}` }),
      );
      if (!out.Body) return null;
      const all = await out.Body.transformToByteArray();
      return all.subarray(0, bytes);
    } catch (error) {
      if (isNotFound(error)) return null;
      // An empty object has no byte 0: S3 answers 416 to the range.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) return new Uint8Array(0);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertPrefix(prefix);
    let count = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).map((object) => object.Key).filter((k): k is string => Boolean(k));
      // One DELETE per object: DeleteObjects needs checksums some S3-compatible services reject.
      for (let i = 0; i < keys.length; i += 8) {
        await Promise.all(
          keys.slice(i, i + 8).map((k) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: k }))),
        );
      }
      count += keys.length;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return count;
  }

  async presignPut(
    key: string,
    options: { contentType: string; size: number; expiresInSeconds: number },
  ): Promise<PresignedRequest> {
    assertObjectKey(key);
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: options.contentType,
        ContentLength: options.size,
      }),
      { expiresIn: options.expiresInSeconds, signableHeaders: new Set(["content-type", "content-length"]) },
    );
    return {
      url,
      method: "PUT",
      headers: { "content-type": options.contentType },
      expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000),
    };
  }

  async presignGet(
    key: string,
    options: { contentDisposition: string; contentType: string; expiresInSeconds: number },
  ): Promise<PresignedRequest> {
    assertObjectKey(key);
    const url = await getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: options.contentDisposition,
        ResponseContentType: options.contentType,
      }),
      { expiresIn: options.expiresInSeconds },
    );
    return { url, method: "GET", headers: {}, expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000) };
  }
}
