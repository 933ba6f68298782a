// Tessera's tracer provider: the OpenTelemetry API's Tracer and Span, written for the cost of a
// span on a request's path, feeding the same span processors as the SDK's would. Registered as the
// global tracer provider by lib/observability/otel.ts after @vercel/otel has set up the context
// manager, propagators and resource; Next.js, Prisma's instrumentation, the outbound fetch/http
// instrumentation and lib/observability/tracing.ts all start their spans here.
//
// Why not the SDK's (the BasicTracerProvider inside @vercel/otel): profiled under bench:tracing,
// starting and ending spans there was about four fifths of tracing's main-thread time — time kept
// as [seconds, nanoseconds] pairs added up on every call, each attribute validated and copied one
// call at a time, a limits object consulted per attribute, ids drawn a character at a time, and a
// composite processor around ours adding Datadog's naming attributes at every end. Here:
//   - times are performance.now() numbers; the HrTime pairs ReadableSpan promises are computed
//     when an exporter reads them (startTime, endTime, duration are getters);
//   - ids are slices of a hex string of random bytes, refilled 8 KiB at a time (crypto.randomFillSync);
//   - attributes are one object, copied once from the options, values checked as the SDK does;
//   - links and events share an empty array until a span gets one.
// What a span does is the SDK's (and the specification's): the sampler decides (NOT_RECORD gives
// a non-recording span whose unsampled context children inherit), tracing suppressed in the
// context (exporters) gives a non-recording span, attribute/event/link counts are limited to 128
// (the SDK's defaults) with the drops counted, status ERROR and OK as specified, ended spans
// ignore changes, processors see onStart and onEnd.
import "server-only";

import { randomFillSync } from "node:crypto";

import {
  INVALID_SPANID,
  INVALID_TRACEID,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context as contextApi,
  createContextKey,
  isSpanContextValid,
  trace,
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type HrTime,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import {
  SamplingDecision,
  type ReadableSpan,
  type Sampler,
  type SpanProcessor,
  type TimedEvent,
} from "@opentelemetry/sdk-trace-base";

import { withActiveSpan } from "./context-manager";

type Resource = ReadableSpan["resource"];
type Scope = ReadableSpan["instrumentationScope"];

/** The SDK's default span limits (OTEL_SPAN_*_COUNT_LIMIT are not read). */
export const SPAN_LIMIT = 128;

/** The SDK's key for "tracing suppressed" (exporters set it): createContextKey uses Symbol.for. */
const SUPPRESS_TRACING = createContextKey("OpenTelemetry SDK Context Key SUPPRESS_TRACING");

const NO_LINKS: Link[] = [];
const NO_EVENTS: TimedEvent[] = [];

// --- ids ---------------------------------------------------------------------------------------

/** Random bytes as hex, 8 KiB at a time: an id is a slice of this string (no per-id conversion). */
const POOL_BYTES = 8192;
const poolBytes = Buffer.allocUnsafe(POOL_BYTES);
let pool = "";
let poolAt = 0;

function randomHex(digits: number, invalid: string): string {
  for (;;) {
    if (poolAt + digits > pool.length) {
      pool = randomFillSync(poolBytes).toString("hex");
      poolAt = 0;
    }
    const hex = pool.slice(poolAt, poolAt + digits);
    poolAt += digits;
    if (hex !== invalid) return hex;
  }
}

// --- time --------------------------------------------------------------------------------------

const ORIGIN = performance.timeOrigin;

/** A TimeInput as milliseconds since the performance time origin (what performance.now() gives). */
function sinceOrigin(input: TimeInput | undefined): number {
  if (input === undefined) return performance.now();
  if (typeof input === "number") return input < ORIGIN ? input : input - ORIGIN; // as the SDK reads numbers
  if (input instanceof Date) return input.getTime() - ORIGIN;
  return input[0] * 1000 + input[1] / 1e6 - ORIGIN;
}

/** Milliseconds since the time origin as an epoch HrTime, without losing the sub-microsecond part. */
function epochHrTime(ms: number): HrTime {
  const seconds = Math.floor((ORIGIN + ms) / 1000);
  const nanos = Math.round((ORIGIN - seconds * 1000 + ms) * 1e6);
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : nanos < 0 ? [seconds - 1, nanos + 1e9] : [seconds, nanos];
}

function durationHrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

// --- attributes --------------------------------------------------------------------------------

/** The SDK's rule: a primitive, or an array of one primitive type (nulls allowed). */
function validValue(value: unknown): value is AttributeValue {
  if (value === null || value === undefined) return false;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return true;
  if (!Array.isArray(value)) return false;
  let seen: string | undefined;
  for (const item of value) {
    if (item === null || item === undefined) continue;
    const itemType = typeof item;
    if (itemType !== "string" && itemType !== "number" && itemType !== "boolean") return false;
    if (seen === undefined) seen = itemType;
    else if (itemType !== seen) return false;
  }
  return true;
}

// --- spans -------------------------------------------------------------------------------------

export interface SpanSink {
  readonly resource: Resource;
  readonly processors: readonly SpanProcessor[];
}

class LeanSpan implements Span, ReadableSpan {
  attributes: Attributes = {};
  links: Link[] = NO_LINKS;
  events: TimedEvent[] = NO_EVENTS;
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  ended = false;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  /** performance.now() milliseconds; the end is NaN until the span ends. */
  private readonly start: number;
  private finish = Number.NaN;
  private attributeCount = 0;

  constructor(
    public name: string,
    public readonly kind: SpanKind,
    private readonly context: SpanContext,
    public readonly parentSpanContext: SpanContext | undefined,
    private readonly sink: SpanSink,
    public readonly instrumentationScope: Scope,
    startTime: TimeInput | undefined,
  ) {
    this.start = sinceOrigin(startTime);
  }

  get resource(): Resource {
    return this.sink.resource;
  }
  get startTime(): HrTime {
    return epochHrTime(this.start);
  }
  get endTime(): HrTime {
    return epochHrTime(this.ended ? this.finish : this.start);
  }
  get duration(): HrTime {
    return durationHrTime(this.ended ? Math.max(0, this.finish - this.start) : 0);
  }

  spanContext(): SpanContext {
    return this.context;
  }

  setAttribute(key: string, value: AttributeValue | undefined): this {
    if (this.ended || !key || !validValue(value)) return this;
    if (!(key in this.attributes)) {
      if (this.attributeCount >= SPAN_LIMIT) {
        this.droppedAttributesCount += 1;
        return this;
      }
      this.attributeCount += 1;
    }
    this.attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.ended) return this;
    if (this.events.length >= SPAN_LIMIT) {
      this.droppedEventsCount += 1;
      return this;
    }
    const isTime =
      typeof attributesOrTime === "number" || Array.isArray(attributesOrTime) || attributesOrTime instanceof Date;
    const attributes = isTime ? undefined : (attributesOrTime as Attributes | undefined);
    const at = sinceOrigin(isTime ? (attributesOrTime as TimeInput) : time);
    if (this.events === NO_EVENTS) this.events = [];
    this.events.push({ name, attributes, time: epochHrTime(at), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    if (this.ended) return this;
    if (this.links.length >= SPAN_LIMIT) {
      this.droppedLinksCount += 1;
      return this;
    }
    if (this.links === NO_LINKS) this.links = [];
    this.links.push(link);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    // OK is final; UNSET never replaces a status (the specification's rules, as the SDK keeps them).
    if (this.ended || this.status.code === SpanStatusCode.OK || status.code === SpanStatusCode.UNSET) return this;
    this.status =
      status.code === SpanStatusCode.ERROR ? { code: status.code, message: status.message } : { code: status.code };
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    if (this.ended) return;
    this.finish = Math.max(this.start, sinceOrigin(endTime));
    this.ended = true;
    for (const processor of this.sink.processors) processor.onEnd(this);
  }

  isRecording(): boolean {
    return !this.ended;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === "string") attributes["exception.message"] = exception;
    else if (exception) {
      const type = exception.name ?? (exception.code === undefined ? undefined : String(exception.code));
      if (type) attributes["exception.type"] = type;
      if (exception.message) attributes["exception.message"] = exception.message;
      if (exception.stack) attributes["exception.stacktrace"] = exception.stack;
    }
    this.addEvent("exception", attributes, time);
  }
}

// --- tracer and provider -----------------------------------------------------------------------

class LeanTracer implements Tracer {
  constructor(
    private readonly scope: Scope,
    private readonly sampler: Sampler,
    private readonly sink: SpanSink,
  ) {}

  startSpan(name: string, options: SpanOptions = {}, ctx: Context = contextApi.active()): Span {
    if (options.root) ctx = trace.deleteSpan(ctx);
    const parent = trace.getSpanContext(ctx);
    const validParent = parent && isSpanContextValid(parent) ? parent : undefined;
    const traceId = validParent ? validParent.traceId : randomHex(32, INVALID_TRACEID);
    const spanId = randomHex(16, INVALID_SPANID);
    if (ctx.getValue(SUPPRESS_TRACING) === true) {
      return trace.wrapSpanContext({ traceId, spanId, traceFlags: TraceFlags.NONE });
    }
    const kind = options.kind ?? SpanKind.INTERNAL;
    const links = options.links ?? NO_LINKS;
    const attributes = options.attributes ?? {};
    const sampling = this.sampler.shouldSample(ctx, traceId, name, kind, attributes, links);
    const traceState = sampling.traceState ?? validParent?.traceState;
    const traceFlags = sampling.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE;
    const spanContext: SpanContext = traceState
      ? { traceId, spanId, traceFlags, traceState }
      : { traceId, spanId, traceFlags };
    if (sampling.decision === SamplingDecision.NOT_RECORD) return trace.wrapSpanContext(spanContext);

    const span = new LeanSpan(name, kind, spanContext, validParent, this.sink, this.scope, options.startTime);
    span.setAttributes(attributes);
    if (sampling.attributes) span.setAttributes(sampling.attributes);
    if (links !== NO_LINKS) span.addLinks(links);
    for (const processor of this.sink.processors) processor.onStart(span, ctx);
    return span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    context: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    a: SpanOptions | F,
    b?: Context | F,
    c?: F,
  ): ReturnType<F> {
    let options: SpanOptions | undefined;
    let parent: Context;
    let fn: F;
    if (typeof a === "function") {
      fn = a;
      parent = contextApi.active();
    } else if (typeof b === "function") {
      options = a;
      fn = b;
      parent = contextApi.active();
    } else {
      options = a;
      parent = b ?? contextApi.active();
      fn = c as F;
    }
    const span = this.startSpan(name, options, parent);
    return contextApi.with(withActiveSpan(parent, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}

export interface LeanTracerProviderOptions {
  resource: Resource;
  sampler: Sampler;
  spanProcessors: SpanProcessor[];
}

export class LeanTracerProvider implements TracerProvider, SpanSink {
  readonly resource: Resource;
  readonly processors: readonly SpanProcessor[];
  private readonly sampler: Sampler;
  private readonly tracers = new Map<string, Map<string, LeanTracer>>();

  constructor(options: LeanTracerProviderOptions) {
    this.resource = options.resource;
    this.sampler = options.sampler;
    this.processors = [...options.spanProcessors];
  }

  /** Next.js asks for its tracer on every span: by name, then version and schema URL, no string built. */
  getTracer(name: string, version = "", options?: { schemaUrl?: string }): Tracer {
    let versions = this.tracers.get(name);
    if (!versions) this.tracers.set(name, (versions = new Map()));
    const schemaUrl = options?.schemaUrl;
    const key = schemaUrl ? `${version}\n${schemaUrl}` : version;
    let tracer = versions.get(key);
    if (!tracer) {
      const scope: Scope = { name, version: version || undefined, schemaUrl };
      versions.set(key, (tracer = new LeanTracer(scope, this.sampler, this)));
    }
    return tracer;
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.shutdown()));
  }
}
