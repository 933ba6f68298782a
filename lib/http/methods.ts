// Answers for the methods a route file does not serve, exported next to the ones it does:
//   export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
// Without them Next.js answers an empty 405 — not the JSON error body — and its automatic OPTIONS
// would count these stubs as allowed. Every route file under app/api exports them, /api/v1's included
// (proxy.ts does not run there; tests/integration/api-v1-methods.test.ts). Light imports only (the OpenTelemetry API for the request id), so the bare routes
// (/api/ping) stay light.
import { requestIdFromTrace } from "../observability/tracing";

const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type ServedMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The Allow header for a route serving `served` (Next.js adds HEAD to GET and OPTIONS to all). */
export function allowHeader(served: readonly string[]): string {
  const allowed = new Set<string>([...served, "OPTIONS"]);
  if (allowed.has("GET")) allowed.add("HEAD");
  return ORDER.filter((method) => allowed.has(method)).join(", ");
}

/** 405 with Allow and the JSON error body. */
export function methodNotAllowed(method: string, allow: string, requestId: string = requestIdFromTrace()): Response {
  return Response.json(
    { error: { code: "method_not_allowed", message: `${method} is not allowed here; use ${allow}.` } },
    { status: 405, headers: { allow, "x-request-id": requestId, "cache-control": "no-store" } },
  );
}

/** Marks the stubs, so tools that list what a route file serves (the fuzz suite) can skip them. */
export const NOT_SERVED = Symbol.for("tessera.notServed");

export function otherMethods(served: readonly ServedMethod[]) {
  const allow = allowHeader(served);
  const refuse = Object.assign(
    async (request: Request): Promise<Response> =>
      methodNotAllowed(request.method, allow, request.headers.get("x-request-id") ?? undefined),
    { [NOT_SERVED]: true },
  );
  const options = async (): Promise<Response> => new Response(null, { status: 204, headers: { allow } });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}
