import { z } from "zod";

import { isoDateTime } from "@/lib/iso";
import type { FileRecord } from "../../files/files";
import { presignBody, uploadQuery } from "../../files/schemas";
import { defineRoute } from "../define";
import { idParams, listOf, paginationQuery } from "./common";

export const fileResource = z
  .object({
    id: z.string(),
    name: z.string().describe("The cleaned display name."),
    content_type: z.string().describe("The type read from the file's content."),
    size_bytes: z.number().int(),
    kind: z.enum(["attachment", "logo"]),
    status: z.enum(["pending", "ready"]).describe("pending: a presigned upload not yet completed."),
    uploaded_by: z.string().nullable(),
    created_at: z.string(),
    download_url: z.string().describe("GET it (with the same credentials) for the file's bytes."),
  })
  .meta({ id: "File" });

export function toFileResource(file: FileRecord): z.input<typeof fileResource> {
  return {
    id: file.id,
    name: file.name,
    content_type: file.contentType,
    size_bytes: file.sizeBytes,
    kind: file.kind === "LOGO" ? "logo" : "attachment",
    status: file.status === "READY" ? "ready" : "pending",
    uploaded_by: file.uploadedBy,
    created_at: isoDateTime(file.createdAt),
    download_url: `/api/v1/files/${file.id}/content`,
  };
}

const presignedUpload = z
  .object({
    file: fileResource,
    upload: z.object({
      url: z.string(),
      method: z.literal("PUT"),
      headers: z.record(z.string(), z.string()).describe("Send exactly these headers with the PUT."),
      expires_at: z.string(),
    }),
  })
  .meta({ id: "PresignedFileUpload" });

export const listFiles = defineRoute({
  operationId: "listFiles",
  method: "GET",
  path: "/api/v1/files",
  tag: "Files",
  summary: "List files",
  description: "The workspace's stored files, newest first.",
  audience: "tenant",
  scope: "files:read",
  query: paginationQuery,
  response: listOf(fileResource, "File"),
});

export const uploadFile = defineRoute({
  operationId: "uploadFile",
  method: "POST",
  path: "/api/v1/files/upload",
  tag: "Files",
  summary: "Upload a file",
  description:
    "Send the file's bytes as the request body (any Content-Type; send Content-Length). The type is read from the " +
    "content (PNG, JPEG, GIF, WebP, PDF, SVG, plain text; logos: raster images only) and each type has a size limit. " +
    "Bytes are reserved against the plan's storage before anything is stored: at the limit the answer is 413 with " +
    "details.reason storage_limit and nothing is kept.",
  audience: "tenant",
  scope: "files:write",
  query: uploadQuery,
  rawBody: { mediaType: "application/octet-stream", description: "The file's bytes." },
  response: fileResource,
  status: 201,
  errors: ["payload_too_large", "validation_failed"],
});

export const presignFileUpload = defineRoute({
  operationId: "presignFileUpload",
  method: "POST",
  path: "/api/v1/files/presign",
  tag: "Files",
  summary: "Start a presigned upload (S3 storage)",
  description:
    "Reserves the bytes and answers a presigned PUT straight to the bucket, valid for 14 minutes; then call " +
    "POST /api/v1/files/{id}/complete. Deployments that store files themselves answer 400: use POST /api/v1/files/upload.",
  audience: "tenant",
  scope: "files:write",
  body: presignBody,
  response: presignedUpload,
  status: 201,
  errors: ["payload_too_large"],
});

export const completeFileUpload = defineRoute({
  operationId: "completeFileUpload",
  method: "POST",
  path: "/api/v1/files/{id}/complete",
  tag: "Files",
  summary: "Complete a presigned upload",
  description:
    "Checks the uploaded object (size, type by content) and stores the file; a mismatch deletes the object and frees the reservation.",
  audience: "tenant",
  scope: "files:write",
  params: idParams,
  response: fileResource,
  errors: ["conflict", "validation_failed"],
});

export const getFile = defineRoute({
  operationId: "getFile",
  method: "GET",
  path: "/api/v1/files/{id}",
  tag: "Files",
  summary: "Get a file's details",
  audience: "tenant",
  scope: "files:read",
  params: idParams,
  response: fileResource,
});

export const downloadFile = defineRoute({
  operationId: "downloadFile",
  method: "GET",
  path: "/api/v1/files/{id}/content",
  tag: "Files",
  summary: "Download a file",
  description:
    "The file's bytes with its type, Content-Disposition (attachment; inline=true shows images and PDFs inline) and " +
    "X-Content-Type-Options: nosniff.",
  audience: "tenant",
  scope: "files:read",
  params: idParams,
  query: z.object({
    inline: z
      .enum(["true", "false"])
      .default("false")
      .describe("true: images and PDFs open in the browser; other types always download."),
  }),
  rawResponse: { mediaType: "application/octet-stream", description: "The file's bytes (Content-Type: its type)." },
  status: 200,
});

export const deleteFile = defineRoute({
  operationId: "deleteFile",
  method: "DELETE",
  path: "/api/v1/files/{id}",
  tag: "Files",
  summary: "Delete a file",
  description: "Deletes the file; its bytes no longer count against the plan's storage.",
  audience: "tenant",
  scope: "files:write",
  params: idParams,
});
