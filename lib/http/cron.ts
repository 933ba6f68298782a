// Machine-to-machine endpoints outside /api/v1: the scheduler's cron routes (POST /api/cron/*,
// Authorization: Bearer <CRON_SECRET>) and the Prometheus scrape (GET /api/metrics, with
// Bearer <METRICS_TOKEN> when one is set; without one, in production, loopback only).
// Secrets are compared in constant time.
import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import { NextResponse } from "next/server";

import { env } from "../env";
import { logger } from "../observability/logger";
import { withSpan } from "../observability/tracing";
import { AppError } from "@/lib/errors";
import { isLoopbackRequest } from "../net/peer";
import { newRequestId } from "./request";
import { errorResponse } from "./route";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether the request carries `Authorization: Bearer <expected>`. Both sides are hashed first,
 * so the comparison takes the same time whatever the length or content of the guess.
 */
export function bearerMatches(request: Request, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  const equal = timingSafeEqual(digest(match?.[1] ?? ""), digest(expected));
  return equal && match !== null;
}

function unauthorized(requestId: string): Response {
  const response = errorResponse(
    AppError.unauthorized("Send the secret as “Authorization: Bearer <secret>”."),
    requestId,
  );
  response.headers.set("www-authenticate", "Bearer");
  return response;
}

/**
 * A POST /api/cron/* handler: 404 while CRON_SECRET is unset (the endpoint is not advertised),
 * 401 on a missing or wrong secret, otherwise the job's result as JSON.
 */
export function cronRoute(job: string, run: () => Promise<Record<string, unknown>>) {
  return async (request: Request): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? newRequestId();
    const secret = env.CRON_SECRET;
    if (!secret) return errorResponse(AppError.notFound(), requestId);
    if (!bearerMatches(request, secret)) return unauthorized(requestId);
    const started = performance.now();
    try {
      const result = await withSpan(`cron ${job}`, { "tessera.job": job }, () => run());
      logger.info("cron job ran", { job, requestId, ms: Math.round(performance.now() - started), ...result });
      return NextResponse.json(result, { headers: { "cache-control": "no-store", "x-request-id": requestId } });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

/**
 * Guards the metrics scrape: null when allowed, else the refusal. With METRICS_TOKEN the bearer
 * token is required (401). Without one, development serves anyone, and production only requests
 * that never left the machine (lib/net/peer.ts: the socket's own address, not X-Forwarded-For),
 * else 403 — a scraper elsewhere needs the token.
 */
export function metricsGuard(request: Request): Response | null {
  const requestId = request.headers.get("x-request-id") ?? newRequestId();
  const token = env.METRICS_TOKEN;
  if (token) return bearerMatches(request, token) ? null : unauthorized(requestId);
  if (env.NODE_ENV !== "production" || isLoopbackRequest(request.headers)) return null;
  return errorResponse(
    AppError.forbidden("Metrics are served on loopback only. Set METRICS_TOKEN to scrape from another host."),
    requestId,
  );
}
