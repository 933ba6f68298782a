// Bounded request bodies. A body is refused with 413 before it is read when its Content-Length
// says it is too large, and while it is read (chunk by chunk, never more than the limit plus one
// chunk in memory) when it is sent without one (chunked) or with a false one.
import { AppError } from "@/lib/errors";

/** The largest body each kind of endpoint reads, in bytes. */
export const BODY_LIMITS = {
  /** JSON bodies of /api/v1 (the largest legitimate one, 100 usage events, is well under). */
  apiJson: 1024 * 1024,
  /** Stripe and PayPal webhook deliveries (an event carries one object; they are far smaller). */
  webhook: 2 * 1024 * 1024,
  /** Auth.js's forms (sign-in, sign-out, session update): a few short fields. */
  auth: 64 * 1024,
} as const;

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`, { limit_bytes: limit });
}

/**
 * Reads a request body as text, refusing it with a 413 AppError past `limit` bytes. `fatal`
 * refuses bytes that are not UTF-8 (400); otherwise they read as U+FFFD, as `Request#text()` does.
 */
export async function readBodyText(request: Request, limit: number, { fatal = false } = {}): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
}
