// Registers the OpenTelemetry SDK (@vercel/otel) for this process: called by instrumentation.ts
// only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so the default start has no tracing cost.
// Tests pass their own exporter (an in-memory one) through the same function.
import "server-only";

import http from "node:http";
import https from "node:https";

import type { SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { FetchInstrumentation, registerOTel } from "@vercel/otel";

import { env } from "../env";

/** Span attribute ← response header carrying a provider's request id, kept on outbound spans. */
export const PROVIDER_REQUEST_ID_HEADERS: Record<string, string> = {
  "provider.request_id": "request-id", // Stripe, Anthropic
  "provider.debug_id": "paypal-debug-id", // PayPal
  "provider.x_request_id": "x-request-id", // OpenAI and most others
};

export interface TracingOptions {
  /** Replaces the OTLP exporter (tests: an in-memory exporter). */
  exporter?: SpanExporter;
  /** Replaces the span processors (tests: a SimpleSpanProcessor, exported at once). */
  spanProcessors?: SpanProcessor[];
}

const globalForOtel = globalThis as unknown as { __tesseraOtel?: boolean };

export function tracingEnabled(): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** Registers tracing once per process. */
export function registerTracing(options: TracingOptions = {}): void {
  if (globalForOtel.__tesseraOtel) return;
  globalForOtel.__tesseraOtel = true;
  // Outbound spans and W3C trace context for fetch (LLM SDKs, Upstash, PayPal's token calls) and
  // node's http/https (Stripe's and PayPal's SDKs).
  const outbound = new FetchInstrumentation({
    // W3C trace context on every outbound call: providers ignore it, a traced service joins.
    propagateContextUrls: ["*"],
    // The OTLP exporter's own requests are not traced.
    ignoreUrls: env.OTEL_EXPORTER_OTLP_ENDPOINT ? [env.OTEL_EXPORTER_OTLP_ENDPOINT] : [],
    attributesFromResponseHeaders: PROVIDER_REQUEST_ID_HEADERS,
  });
  const originalRequests = [http.request, https.request];
  registerOTel({
    serviceName: env.OTEL_SERVICE_NAME,
    // "auto": the standard OTEL_TRACES_SAMPLER(_ARG) variables (default parentbased_always_on).
    traceSampler: "auto",
    traceExporter: options.exporter ?? "auto",
    spanProcessors: options.spanProcessors ?? ["auto"],
    propagators: ["tracecontext", "baggage"],
    instrumentations: [outbound, new PrismaInstrumentation()],
  });
  // @vercel/otel patches node:http through require(), which an ES-module host (vitest, tsx
  // scripts) lacks; patch the modules here when it could not (never twice).
  if (http.request === originalRequests[0]) outbound.instrumentHttp(http, "http:");
  if (https.request === originalRequests[1]) outbound.instrumentHttp(https, "https:");
}
