import "server-only";

import { headers } from "next/headers";

import { env } from "../env";
import { requestIdFromTrace } from "../observability/tracing";

/** The origin the browser used (for links in emails), falling back to APP_URL. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return env.APP_URL;
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

/**
 * A request id for logs and error responses: the trace id when the request is traced (so a
 * "reference …" in an error message finds its trace in Jaeger), else a random UUID.
 */
export function newRequestId(): string {
  return requestIdFromTrace();
}
