// The boundary of the public REST API (/api/v1). One wrapper resolves the caller — an API key
// (Authorization: Bearer tsk_…) or, for the app's own pages, the session cookie plus the
// workspace named in the Tessera-Tenant header — checks the route's declared audience and
// scope, runs the gate (revocation epoch, burst limit, monthly quota, usage count: one Redis
// round trip) and validates params, query and body with the route's zod schemas.
import "server-only";

import { NextResponse } from "next/server";
import type { z } from "zod";

import { routeLabel, type ApiRouteDef } from "../api/define";
import { env } from "../env";
import { metrics } from "../observability/metrics";
import { BODY_LIMITS, readBodyText } from "./body";
import { AppError, parseInput } from "@/lib/errors";
import { newRequestId } from "./request";
import { errorResponse } from "./route";
import { authenticateApiCall, LimitError, type ApiContext } from "./api-auth";

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
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: ApiRouteDef<P, Q, B, R>,
  /** A handler may return a Response itself (a stream, e.g. the assistants' SSE answer). */
  handler: (input: ApiHandlerInput<P, Q, B>) => Promise<z.input<R> | void | Response>,
) {
  const label = routeLabel(def);
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const started = performance.now();
    const requestId = request.headers.get("x-request-id") ?? newRequestId();
    let headers: Record<string, string> = {};
    let response: Response;
    try {
      const auth = await authenticateApiCall(request, def, label, requestId);
      headers = auth.headers;
      const params = def.params ? parseInput(def.params, await context.params) : undefined;
      const query = def.query ? parseInput(def.query, queryObject(new URL(request.url))) : undefined;
      const body = def.body ? parseInput(def.body, await readBody(request)) : undefined;
      const result = await handler({ ctx: auth.ctx, params, query, body, request } as ApiHandlerInput<P, Q, B>);
      if (result instanceof Response) {
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
    const m = metrics();
    m.apiRequests.inc({ route: label, status: String(response.status) });
    m.apiDuration.observe({ route: label }, (performance.now() - started) / 1000);
    return response;
  };
}
