// Serving a stored file's bytes safely: the type read from its content (never guessed by the
// browser: nosniff), a Content-Disposition that downloads it (inline only for raster images and
// PDFs, when asked), a sandboxing Content-Security-Policy (an SVG or a text file opened directly
// can run nothing), and private caching.
import "server-only";

import type { FileRecord } from "../files/files";
import { INLINE_TYPES } from "../files/kinds";
import { contentDisposition } from "../files/names";

export function fileResponse(
  file: Pick<FileRecord, "name" | "contentType" | "sizeBytes">,
  body: ReadableStream<Uint8Array>,
  { inline = false, cache = "private, no-cache" }: { inline?: boolean; cache?: string } = {},
): Response {
  const disposition = inline && INLINE_TYPES.has(file.contentType) ? "inline" : "attachment";
  const type = file.contentType.startsWith("text/") ? `${file.contentType}; charset=utf-8` : file.contentType;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": type,
      "content-length": String(file.sizeBytes),
      "content-disposition": contentDisposition(file.name, disposition),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "cache-control": cache,
    },
  });
}
