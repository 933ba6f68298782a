// The boundary of the public REST API (/api/v1). One wrapper resolves the caller — an API key
// (Authorization: Bearer tsk_…) or, for the app's own pages, the session cookie plus the
// workspace named in the Tessera-Tenant header — checks the route's declared audience and
// scope, runs the gate (revocation epoch, burst limit, monthly quota, usage count: one Redis
// round trip) and validates params, query and body with the route's zod schemas.
import "server-only";

import { NextResponse } from "next/server";
import type { z } from "zod";

import { routeLabel, type ApiRouteDef } from "../api/define";
import { queueApiCall } from "../analytics/record";
import { env } from "../env";
import { metrics } from "../observability/metrics";
import { SpanStatusCode } from "@opentelemetry/api";
import { foldRedisInto, withRequestSpan, withSpan } from "../observability/tracing";
import { BODY_LIMITS, readBodyText } from "./body";
import { AppError, parseInput } from "@/lib/errors";
import { newRequestId } from "./request";
import { errorResponse } from "./route";
import { authenticateApiCall, type ApiContext } from "./api-auth";
import { LimitError } from "./api-limits";
import { first } from "@/lib/indexed";

export type { ApiContext } from "./api-auth";

export interface ApiHandlerInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  ctx: ApiContext;
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  request: Request;
}

const checkOutput = env.NODE_ENV !== "production";

async function readBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request, BODY_LIMITS.apiJson, { fatal: true });
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length > 1 ? values : first(values, `value of "${key}"`);
  }
  return out;
}

const GATE_SPAN = "api.gate";
const NO_ATTRIBUTES = Object.freeze({});

export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: ApiRouteDef<P, Q, B, R>,
  handler: (input: ApiHandlerInput<P, Q, B>) => Promise<z.input<R> | void | Response>,
) {
  const label = routeLabel(def);
  const [method, template] = label.split(" ", 2);
  return (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> =>
    // Next's request span takes the API's attributes (no span of its own: lib/observability/tracing.ts).
    withRequestSpan(
      `api ${label}`,
      { "http.route": template ?? label, "http.request.method": method ?? "" },
      async (span) => {
        const started = performance.now();
        const requestId = request.headers.get("x-request-id") ?? newRequestId();
        let headers: Record<string, string> = {};
        let response: Response;
        let caller: { tenantId: string | null; userId: string | null } | null = null;
        try {
          // The gate: caller, audience, scope, revocation, burst limit, quota (one Redis round trip,
          // counted on the gate's span rather than a span of its own). The caller's attributes go on
          // the request span only: the gate is its child, and copies would be encoded twice per call.
          const auth = await withSpan(GATE_SPAN, NO_ATTRIBUTES, (gate) => {
            foldRedisInto(gate);
            return authenticateApiCall(request, def, label, requestId);
          });
          if (span.isRecording()) span.setAttributes(callerAttributes(auth.ctx));
          caller = { tenantId: auth.ctx.tenant?.id ?? null, userId: auth.ctx.user?.id ?? null };
          headers = auth.headers;
          const params = def.params ? parseInput(def.params, await context.params) : undefined;
          const query = def.query ? parseInput(def.query, queryObject(new URL(request.url))) : undefined;
          const body = def.body ? parseInput(def.body, await readBody(request)) : undefined;
          const result = await handler({ ctx: auth.ctx, params, query, body, request } as ApiHandlerInput<P, Q, B>);
          if (result instanceof Response) {
            // A file's bytes, a streamed CSV or a chat stream: the handler built the response itself.
            response = result;
          } else if (def.response) {
            const payload = checkOutput ? def.response.parse(result) : result;
            response = NextResponse.json(payload, { status: def.status ?? 200 });
          } else {
            response = new Response(null, { status: 204 });
          }
        } catch (error) {
          if (error instanceof LimitError) headers = { ...headers, ...error.headers };
          response = errorResponse(error, requestId);
        }
        response.headers.set("x-request-id", requestId);
        for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
        span.setAttribute("http.response.status_code", response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        const m = metrics();
        m.apiRequests.inc({ route: label, status: String(response.status) });
        const seconds = (performance.now() - started) / 1000;
        m.apiDuration.observe({ route: label }, seconds);
        // Analytics counts the calls of identified callers (status, latency), never on the response's path:
        // gathered in this process and written every 100 ms (lib/analytics/record.ts).
        if (caller) queueApiCall({ ...caller, route: label, status: response.status, latencyMs: seconds * 1000 });
        return response;
      },
    );
}

/** Span attributes of an authenticated caller: ids and kinds only, never the key or the user's e-mail. */
function callerAttributes(ctx: ApiContext): Record<string, string> {
  return {
    "tessera.auth": ctx.via,
    ...(ctx.tenant ? { "tessera.tenant_id": ctx.tenant.id } : {}),
    ...(ctx.tier ? { "tessera.tier": ctx.tier } : {}),
    ...(ctx.apiKey ? { "tessera.api_key_id": ctx.apiKey.id } : {}),
  };
}
