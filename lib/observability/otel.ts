// Registers the OpenTelemetry SDK (@vercel/otel) for this process: called by instrumentation.ts
// only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so the default start has no tracing cost.
// Tests pass their own exporter (an in-memory one) through the same function.
import "server-only";

import http from "node:http";
import https from "node:https";
import { Module } from "node:module";

import { ProxyTracerProvider, trace } from "@opentelemetry/api";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { FetchInstrumentation, OTLPHttpJsonTraceExporter, registerOTel } from "@vercel/otel";

import { env } from "../env";
import { LeanContextManager } from "./context-manager";
import { LeanTracerProvider } from "./lean-tracer";
import { skipNextBookkeeping, standardSampler, WithoutNextBookkeeping } from "./sampler";
import { OtlpProtoSpanProcessor } from "./span-export";
import { TRACER_NAME } from "./tracing";

/** Span attribute ← response header carrying a provider's request id, kept on outbound spans. */
export const PROVIDER_REQUEST_ID_HEADERS: Record<string, string> = {
  "provider.request_id": "request-id", // Stripe, Anthropic
  "provider.debug_id": "paypal-debug-id", // PayPal
  "provider.x_request_id": "x-request-id", // OpenAI and most others
};

export interface TracingOptions {
  /** Replaces the OTLP exporter behind the batch processor (tests: an in-memory exporter). */
  exporter?: SpanExporter;
  /** Replaces the span processors (tests: a SimpleSpanProcessor, exported at once). */
  spanProcessors?: SpanProcessor[];
}

const globalForOtel = globalThis as unknown as { __tesseraOtel?: boolean };

/** What the API's proxy provider delegates to while no SDK is registered. */
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();

export function tracingEnabled(): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Prisma's span types left out, so each Prisma call is one span (`prisma:client:operation`: the
 * model and method, and the time the call took, database round trips included):
 * - `prisma:client:serialize` measures turning the query into the engine's JSON (microseconds,
 *   nothing to act on);
 * - `prisma:client:compile` measures the query compiler planning a query shape it has not cached
 *   (microseconds, a quarter of the calls right after a start);
 * - `prisma:client:db_query` repeats the operation's time for its SQL statement (one more span per
 *   call, plus the statement's text in every export). Slow SQL is PostgreSQL's to report
 *   (`log_min_duration_statement`, pg_stat_statements).
 */
export const IGNORED_PRISMA_SPANS = ["prisma:client:serialize", "prisma:client:compile", "prisma:client:db_query"];

/** `k1=v1,k2=v2` (OTEL_EXPORTER_OTLP_HEADERS), values URL-encoded. */
function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/** Where spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT's /v1/traces. */
function otlpConfig(): { url: string; headers: Record<string, string> } {
  const base = (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "http://localhost:4318").replace(/\/+$/, "");
  return {
    url: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${base}/v1/traces`,
    headers: {
      ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
  };
}

/**
 * The span processor: OTLP/HTTP with protobuf (the default) is Tessera's own batching processor
 * and encoder (lib/observability/span-export.ts); `http/json` keeps @vercel/otel's JSON exporter
 * behind the SDK's batch processor. @vercel/otel's "auto" processors are not used: a second batch
 * processor for Vercel's runtime exporter (off Vercel it receives every span and drops it with a
 * warning) and the OTLP one behind a "trace drains" check run for every span start and end. The
 * queue is larger than the SDK's default (2048) so a burst is not dropped while an export is in
 * flight; batches of 1024 halve the exports. OTEL_BSP_* variables override these.
 */
function otlpProcessor(request: typeof http.request, exporter?: SpanExporter): SpanProcessor {
  const sizes = {
    maxQueueSize: env.OTEL_BSP_MAX_QUEUE_SIZE ?? 8192,
    maxExportBatchSize: env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ?? 1024,
    scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY ?? 5000,
    exportTimeoutMillis: env.OTEL_BSP_EXPORT_TIMEOUT ?? 30_000,
  };
  if (exporter) return new BatchSpanProcessor(exporter, sizes);
  const config = otlpConfig();
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (protocol === "http/json") return new BatchSpanProcessor(new OTLPHttpJsonTraceExporter(config), sizes);
  return new OtlpProtoSpanProcessor({ ...config, ...sizes, request });
}

/** node's unpatched request function for the endpoint's protocol: exports make no spans of their own. */
function exportRequest([httpRequest, httpsRequest]: (typeof http.request)[]): typeof http.request {
  return (otlpConfig().url.startsWith("https:") ? httpsRequest : httpRequest) as typeof http.request;
}

/**
 * Runs `make` (an instrumentation's constructor) and puts back `require` and
 * `process.getBuiltinModule` as they were. OpenTelemetry's InstrumentationBase installs
 * require-in-the-middle's catch-all hook when the first instrumentation is constructed, whether or
 * not it patches modules; that hook resolves the path of every `require()` call again (stat calls
 * up the directory tree) to decide whether to patch it. Next.js calls `require` on every request
 * (manifests, page modules), so under `next start` the hook cost about 100 µs of CPU per request,
 * a quarter of tracing's cost. Prisma's instrumentation patches no module (its enable() hands
 * @prisma/client a global tracing helper) and the outbound one patches fetch and http directly, so
 * nothing here needs the hook.
 */
export function withoutRequireHook<T>(make: () => T): T {
  const proto = Module.prototype as unknown as { require: unknown };
  const { require } = proto;
  const { getBuiltinModule } = process;
  try {
    return make();
  } finally {
    proto.require = require;
    if (getBuiltinModule) process.getBuiltinModule = getBuiltinModule;
  }
}

/**
 * Registers tracing once per process:
 * 1. @vercel/otel (registerOTel) sets up what it does well with Tessera's context manager
 *    (lib/observability/context-manager.ts, one AsyncLocalStorage as the SDK's): the W3C propagators, the resource (service name, runtime, OTEL_RESOURCE_ATTRIBUTES),
 *    OTEL_SDK_DISABLED and OTEL_LOG_LEVEL.
 * 2. Its tracer provider (the SDK's) is replaced by Tessera's (lib/observability/lean-tracer.ts),
 *    which makes the same spans for a fraction of the cost, with the same sampler, processors and
 *    resource. Next.js asks the global provider for its tracer on every span, so it uses this one.
 *    Next's bookkeeping spans, which the sampler does not record, are taken out of Next's span
 *    allowlist, so Next does not make them at all (skipNextBookkeeping).
 * 3. The outbound fetch/http instrumentation and Prisma's are registered with that provider (they
 *    take their tracer when enabled, so they are not handed to registerOTel), without the require
 *    hook neither needs (withoutRequireHook).
 */
export function registerTracing(options: TracingOptions = {}): void {
  if (globalForOtel.__tesseraOtel) return;
  globalForOtel.__tesseraOtel = true;
  // The standard OTEL_TRACES_SAMPLER(_ARG) choice (default parentbased_always_on), without
  // Next.js's bookkeeping spans (lib/observability/sampler.ts).
  const sampler = new WithoutNextBookkeeping(standardSampler(env.OTEL_TRACES_SAMPLER, env.OTEL_TRACES_SAMPLER_ARG));
  const originalRequests = [http.request, https.request];
  const spanProcessors = options.spanProcessors ?? [otlpProcessor(exportRequest(originalRequests), options.exporter)];
  registerOTel({
    serviceName: env.OTEL_SERVICE_NAME,
    traceSampler: sampler,
    spanProcessors,
    propagators: ["tracecontext", "baggage"],
    contextManager: new LeanContextManager(),
    instrumentations: [],
  });
  const sdkProvider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
  if (sdkProvider === NOOP_PROVIDER) return; // OTEL_SDK_DISABLED: registerOTel registered nothing
  // The resource registerOTel computed, read off a span of its provider (started, never ended, so
  // never exported): the SDK keeps it private.
  const { resource } = sdkProvider.getTracer(TRACER_NAME).startSpan("resource") as unknown as ReadableSpan;
  const provider = new LeanTracerProvider({ resource, sampler, spanProcessors });
  trace.disable();
  trace.setGlobalTracerProvider(provider);
  // The spans the sampler would not record are not made at all (lib/observability/sampler.ts).
  skipNextBookkeeping();

  // Outbound spans and W3C trace context for fetch (LLM SDKs, Upstash, PayPal's token calls) and
  // node's http/https (Stripe's and PayPal's SDKs).
  const outbound = new FetchInstrumentation({
    // W3C trace context on every outbound call: providers ignore it, a traced service joins.
    propagateContextUrls: ["*"],
    // The OTLP exporter's own requests are not traced.
    ignoreUrls: [env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT].filter((url): url is string =>
      Boolean(url),
    ),
    attributesFromResponseHeaders: PROVIDER_REQUEST_ID_HEADERS,
  });
  const prisma = withoutRequireHook(() => new PrismaInstrumentation({ ignoreSpanTypes: IGNORED_PRISMA_SPANS }));
  registerInstrumentations({ tracerProvider: provider, instrumentations: [outbound, prisma] });
  // The fetch instrumentation patches node:http through require(), which an ES-module host
  // (vitest, tsx scripts) lacks; patch the modules here when it could not (never twice).
  if (http.request === originalRequests[0]) outbound.instrumentHttp(http, "http:");
  if (https.request === originalRequests[1]) outbound.instrumentHttp(https, "https:");
}
