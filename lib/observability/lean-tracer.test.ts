// Tessera's tracer provider (lean-tracer.ts) behaves as the SDK's does where a reader of a trace
// could tell: parents and trace ids, the sampler's three decisions, suppressed tracing, attribute
// rules and limits, status rules, exceptions, times (now and given), and what the OTLP encoder
// writes from its spans (read back with the independent decoder).
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  createContextKey,
  trace,
  type Context,
} from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOnSampler,
  InMemorySpanExporter,
  ParentBasedSampler,
  SamplingDecision,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";

import { decodeTraceRequest } from "@/tests/helpers/otlp-decode";

import { LeanTracerProvider, SPAN_LIMIT } from "./lean-tracer";
import { encodeSpans } from "./otlp-proto";

const resource = resourceFromAttributes({ "service.name": "tessera-test" });

/** A sampler answering `decision` for spans named in `by`, else sampling. */
class ByName implements Sampler {
  constructor(private readonly by: Record<string, SamplingDecision>) {}
  shouldSample(_ctx: Context, _traceId: string, name: string): SamplingResult {
    return { decision: this.by[name] ?? SamplingDecision.RECORD_AND_SAMPLED };
  }
}

function setup(sampler: Sampler = new AlwaysOnSampler()) {
  const exporter = new InMemorySpanExporter();
  const provider = new LeanTracerProvider({ resource, sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer("tessera", "1.0.0") };
}

describe("lean tracer", () => {
  it("gives a child its parent's trace id and the parent's span id, and ids are valid hex", async () => {
    const { exporter, provider, tracer } = setup();
    const parent = tracer.startSpan("request", { kind: SpanKind.SERVER });
    const child = tracer.startSpan("gate", {}, trace.setSpan(ROOT_CONTEXT, parent));
    const root = tracer.startSpan("separate", { root: true }, trace.setSpan(ROOT_CONTEXT, parent));
    child.end();
    root.end();
    parent.end();
    await provider.forceFlush();
    const [gate, separate, request] = exporter.getFinishedSpans();
    expect(request?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(request?.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(request?.parentSpanContext).toBeUndefined();
    expect(request?.kind).toBe(SpanKind.SERVER);
    expect(gate?.spanContext().traceId).toBe(request?.spanContext().traceId);
    expect(gate?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(gate?.spanContext().spanId).not.toBe(request?.spanContext().spanId);
    expect(separate?.parentSpanContext).toBeUndefined();
    expect(separate?.spanContext().traceId).not.toBe(request?.spanContext().traceId);
    expect(request?.instrumentationScope).toEqual({ name: "tessera", version: "1.0.0", schemaUrl: undefined });
    expect(request?.resource.attributes["service.name"]).toBe("tessera-test");
    expect(provider.getTracer("tessera", "1.0.0")).toBe(tracer);
  });

  it("draws distinct ids across refills of its random pool", () => {
    const { tracer } = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const { traceId, spanId } = tracer.startSpan("s", { root: true }).spanContext();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      ids.add(traceId).add(spanId);
    }
    expect(ids.size).toBe(6000);
  });

  it("startActiveSpan makes the span current for its callback and returns what the callback returns", () => {
    const { tracer } = setup();
    const seen = tracer.startActiveSpan("outer", { attributes: { a: 1 } }, (outer) => {
      const inner = tracer.startSpan("inner") as unknown as ReadableSpan;
      const active = trace.getActiveSpan();
      outer.end();
      return { inner, active, outer };
    });
    // With no context manager registered (this test process) the span is not made current; with
    // @vercel/otel's it is (tests/integration/tracing.test.ts): here the callback gets the span.
    expect(seen.outer.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(seen.inner.parentSpanContext).toBeUndefined();
    expect(seen.active).toBeUndefined();
    expect(tracer.startActiveSpan("two", (span) => (span.end(), 2))).toBe(2);
    const parent = tracer.startSpan("p");
    const viaContext = tracer.startActiveSpan("c", {}, trace.setSpan(ROOT_CONTEXT, parent), (span) => {
      span.end();
      return span as unknown as ReadableSpan;
    });
    expect(viaContext.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it("follows the sampler: NOT_RECORD gives a non-recording span whose children a parent-based sampler drops", async () => {
    const { exporter, provider, tracer } = setup(
      new ParentBasedSampler({
        root: new ByName({ bookkeeping: SamplingDecision.NOT_RECORD, quiet: SamplingDecision.RECORD }),
      }),
    );
    const bookkeeping = tracer.startSpan("bookkeeping");
    expect(bookkeeping.isRecording()).toBe(false);
    expect(bookkeeping.spanContext().traceFlags).toBe(TraceFlags.NONE);
    const inside = tracer.startSpan("inside", {}, trace.setSpan(ROOT_CONTEXT, bookkeeping));
    expect(inside.isRecording()).toBe(false);
    expect(inside.spanContext().traceId).toBe(bookkeeping.spanContext().traceId);
    const quiet = tracer.startSpan("quiet");
    expect(quiet.isRecording()).toBe(true);
    expect(quiet.spanContext().traceFlags).toBe(TraceFlags.NONE);
    const kept = tracer.startSpan("kept");
    expect(kept.spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
    for (const span of [bookkeeping, inside, quiet, kept]) span.end();
    await provider.forceFlush();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["kept"]); // RECORD is not exported
  });

  it("starts non-recording spans while tracing is suppressed (an exporter's own calls)", () => {
    const { tracer } = setup();
    const suppressed = ROOT_CONTEXT.setValue(createContextKey("OpenTelemetry SDK Context Key SUPPRESS_TRACING"), true);
    expect(tracer.startSpan("export", {}, suppressed).isRecording()).toBe(false);
  });

  it("keeps valid attributes only, up to the limit, and counts the rest; an ended span ignores changes", async () => {
    const { exporter, provider, tracer } = setup();
    const span = tracer.startSpan("attrs", { attributes: { "http.route": "/api/v1/ping", count: 3 } });
    span.setAttribute("ok", true);
    span.setAttribute("list", ["a", "b"]);
    span.setAttribute("mixed", ["a", 1] as unknown as string[]);
    span.setAttribute("object", { nested: 1 } as unknown as string);
    span.setAttribute("nothing", undefined as unknown as string);
    span.setAttribute("count", 4); // replacing a key is not a new attribute
    for (let i = 0; i < SPAN_LIMIT; i += 1) span.setAttribute(`k${i}`, i);
    span.setStatus({ code: SpanStatusCode.ERROR, message: "TypeError" });
    span.setStatus({ code: SpanStatusCode.UNSET });
    span.recordException(Object.assign(new TypeError("bad input"), { stack: "TypeError: bad input\n  at x" }));
    span.end();
    span.setAttribute("late", 1);
    span.setStatus({ code: SpanStatusCode.OK });
    span.updateName("renamed");
    span.end();
    await provider.forceFlush();
    const [ended] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(ended?.name).toBe("attrs");
    expect(ended?.attributes).toMatchObject({ "http.route": "/api/v1/ping", count: 4, ok: true, list: ["a", "b"] });
    expect(ended?.attributes).not.toHaveProperty("mixed");
    expect(ended?.attributes).not.toHaveProperty("object");
    expect(ended?.attributes).not.toHaveProperty("late");
    expect(Object.keys(ended?.attributes ?? {})).toHaveLength(SPAN_LIMIT);
    expect(ended?.droppedAttributesCount).toBe(4); // 4 kept before k0…k127: k124…k127 dropped (invalid values are not counted)
    expect(ended?.status).toEqual({ code: SpanStatusCode.ERROR, message: "TypeError" });
    expect(ended?.events).toHaveLength(1);
    expect(ended?.events[0]?.name).toBe("exception");
    expect(ended?.events[0]?.attributes).toEqual({
      "exception.type": "TypeError",
      "exception.message": "bad input",
      "exception.stacktrace": "TypeError: bad input\n  at x",
    });
  });

  it("measures times from the performance clock, and takes given start and end times (Date, ms, HrTime)", async () => {
    const { exporter, provider, tracer } = setup();
    const before = Date.now();
    const now = tracer.startSpan("now");
    now.end();
    const after = Date.now();
    const given = tracer.startSpan("given", { startTime: new Date(1_700_000_000_000) });
    given.end([1_700_000_001, 500_000_000]);
    // Numbers as the SDK reads them: from the epoch when past the time origin, else performance.now() time.
    const epoch = Date.now() + 250;
    const millis = tracer.startSpan("millis", { startTime: epoch });
    millis.end(new Date(epoch - 1000)); // an end before the start is clamped to it
    const relative = tracer.startSpan("relative", { startTime: performance.now() });
    relative.end();
    await provider.forceFlush();
    const [a, b, c, d] = exporter.getFinishedSpans();
    const ms = ([s, ns]: [number, number]) => s * 1000 + ns / 1e6;
    expect(ms(a!.startTime)).toBeGreaterThanOrEqual(before - 1);
    expect(ms(a!.endTime)).toBeLessThanOrEqual(after + 1);
    expect(ms(a!.duration)).toBeGreaterThanOrEqual(0);
    expect(a!.startTime[1]).toBeLessThan(1e9);
    expect(ms(b!.startTime)).toBeCloseTo(1_700_000_000_000, 0);
    expect(ms(b!.endTime)).toBeCloseTo(1_700_000_001_500, 0);
    expect(ms(b!.duration)).toBeCloseTo(1500, 3);
    expect(ms(c!.startTime)).toBeCloseTo(epoch, 0);
    expect(ms(c!.duration)).toBe(0);
    expect(ms(d!.startTime)).toBeGreaterThanOrEqual(after - 1);
    expect(ms(d!.startTime)).toBeLessThanOrEqual(Date.now() + 1);
  });

  it("limits events and links, and the OTLP encoder writes its spans as the decoder reads them", async () => {
    const { exporter, provider, tracer } = setup();
    const other = tracer.startSpan("other");
    const span = tracer.startSpan("gate", {
      kind: SpanKind.CLIENT,
      links: [{ context: other.spanContext(), attributes: { why: "batch" } }],
    });
    for (let i = 0; i < SPAN_LIMIT + 2; i += 1) span.addEvent(`e${i}`, { i });
    span.addLinks(Array.from({ length: SPAN_LIMIT }, () => ({ context: other.spanContext() })));
    span.end();
    other.end();
    await provider.forceFlush();
    const [gate] = exporter.getFinishedSpans();
    expect(gate?.events).toHaveLength(SPAN_LIMIT);
    expect(gate?.droppedEventsCount).toBe(2);
    expect(gate?.links).toHaveLength(SPAN_LIMIT);
    expect(gate?.droppedLinksCount).toBe(1);

    const decoded = decodeTraceRequest(encodeSpans(exporter.getFinishedSpans()));
    const spans = decoded.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const encoded = spans.find((s) => s.name === "gate");
    expect(encoded?.kind).toBe(SpanKind.CLIENT + 1);
    expect(encoded?.links[0]).toMatchObject({ spanId: other.spanContext().spanId, attributes: { why: "batch" } });
    const [s, ns] = gate!.startTime;
    expect(encoded?.startTimeUnixNano).toBe(BigInt(s) * 1_000_000_000n + BigInt(ns));
    expect(encoded?.endTimeUnixNano).toBeGreaterThanOrEqual(encoded!.startTimeUnixNano);
    expect(decoded.resourceSpans[0]?.resource["service.name"]).toBe("tessera-test");
  });
});
