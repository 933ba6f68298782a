// OpenTelemetry tracing. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then instrumentation.ts
// calls registerTracing(), which registers @vercel/otel (OTLP over HTTP to that endpoint,
// sampling by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, service name OTEL_SERVICE_NAME),
// Prisma's instrumentation, and outbound HTTP/fetch spans that carry W3C trace context
// (`traceparent`) to every outbound call (Stripe, PayPal, LLM providers, Upstash).
//
// Without a registered provider the OpenTelemetry API hands out non-recording spans: the helpers
// below then cost a function call and no allocation worth measuring (see `npm run bench:tracing`).
//
// Span attributes are bounded, non-personal values: tenant ids, route templates, tiers, provider
// names, event types, job names. Never e-mail addresses, names, keys, secrets, tokens or bodies.
import {
  INVALID_SPAN_CONTEXT,
  INVALID_SPANID,
  INVALID_TRACEID,
  ProxyTracerProvider,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Span,
  type SpanContext,
} from "@opentelemetry/api";

export const TRACER_NAME = "tessera";

const tracer = () => trace.getTracer(TRACER_NAME);

/** What the API's proxy provider delegates to while no SDK is registered. */
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();
const NON_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * No tracer provider is registered (tracing off, the default): a span would be a non-recording
 * one made active in a context nobody reads, so the helpers run their callback directly and spare
 * the API gate's two spans their closures, promises and context switches on every call.
 */
function tracingOff(): boolean {
  const provider = trace.getTracerProvider();
  return provider instanceof ProxyTracerProvider && provider.getDelegate() === NOOP_PROVIDER;
}

export type { Span };

/** `run()`, with a synchronous throw turned into a rejection as an async callback's would be. */
function settle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Runs `run` inside a new active span (a child of the current one). An exception marks the span
 * as an error (type and message only) and is rethrown.
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  run: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (tracingOff()) return settle(() => run(NON_RECORDING));
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
      if (error instanceof Error) span.recordException({ name: error.name, message: error.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * A span around a call that starts no spans of its own (a Redis command): a child of the current
 * span, but not made the active context, which spares a context switch per call.
 */
export async function withLeafSpan<T>(
  name: string,
  attributes: Attributes,
  run: () => Promise<T>,
  kind: SpanKind = SpanKind.CLIENT,
): Promise<T> {
  if (tracingOff()) return settle(run);
  const span = tracer().startSpan(name, { kind, attributes });
  try {
    return await run();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
    if (error instanceof Error) span.recordException({ name: error.name, message: error.message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The span of a request whose server already made one (Next.js's request and route-handler spans):
 * `attributes` go on that active span and `run` gets it, so an API call is not one span more. With
 * no active span (a handler called directly: tests, scripts) `run` runs inside a new span `name`.
 */
export function withRequestSpan<T>(name: string, attributes: Attributes, run: (span: Span) => Promise<T>): Promise<T> {
  const active = trace.getActiveSpan();
  if (!active) return withSpan(name, attributes, run);
  if (active.isRecording()) active.setAttributes(attributes);
  return run(active);
}

/**
 * Spans that take their Redis commands as a count instead of a child span each (the API gate) keep
 * the count on the span object itself, under a symbol: a WeakMap entry per call costs an ephemeron
 * insert on the request's path and more work for every young-generation GC.
 */
const REDIS_FOLDED = Symbol("tessera.redis.folded");
type FoldingSpan = Span & { [REDIS_FOLDED]?: number };

/**
 * Redis commands issued while `span` is the active span make no spans of their own: `span` counts
 * them (`tessera.redis.commands`). For a span that is little more than its Redis round trip.
 */
export function foldRedisInto(span: Span): void {
  if (span.isRecording()) (span as FoldingSpan)[REDIS_FOLDED] = 0;
}

/** For the Redis client: whether the active span takes this command (and counts it) instead of a child span. */
export function redisCommandFolded(): boolean {
  const span = trace.getActiveSpan() as FoldingSpan | undefined;
  const count = span?.[REDIS_FOLDED];
  if (count === undefined || !span) return false;
  span[REDIS_FOLDED] = count + 1;
  span.setAttribute("tessera.redis.commands", count + 1);
  return true;
}

/** Sets attributes on the current span (the request's, a job's), if one is recording. */
export function annotateSpan(attributes: Attributes): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttributes(attributes);
}

/**
 * Whether a span context names a real trace. Every context reaching here was made by a tracer
 * (valid ids) or by a propagator, which parses ids as hex before making one, so what is left to
 * rule out is the API's invalid (all-zero) context: two comparisons instead of two regex tests.
 */
function namesTrace(spanContext: SpanContext | undefined): spanContext is SpanContext {
  return spanContext !== undefined && spanContext.traceId !== INVALID_TRACEID && spanContext.spanId !== INVALID_SPANID;
}

/** The current trace id (32 hex digits) when a sampled trace is active, else null. */
export function currentTraceId(): string | null {
  const spanContext = trace.getSpanContext(context.active());
  return namesTrace(spanContext) ? spanContext.traceId : null;
}

/** A request id: the trace id when the request is traced (its error reference finds the trace), else a UUID. */
export function requestIdFromTrace(): string {
  return currentTraceId() ?? crypto.randomUUID();
}

/** trace_id and span_id of the active span, for log lines (empty when none is active). */
export function traceFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getSpanContext(context.active());
  return namesTrace(spanContext) ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : {};
}

export { SpanKind };
