// The hand-written OTLP/protobuf encoder and the span processor that sends its batches, read back
// with an independent decoder (tests/helpers/otlp-decode.ts): every field a span carries survives,
// lengths past one byte and a buffer that grows, and the processor's batching, sampling and queue.
import http from "node:http";
import type { AddressInfo } from "node:net";

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decodeTraceRequest, type DecodedSpan } from "@/tests/helpers/otlp-decode";

import { encodeSpans, SpanBatch } from "./otlp-proto";
import { OtlpProtoSpanProcessor } from "./span-export";

const resource = resourceFromAttributes({ "service.name": "tessera-test", "service.instance.id": "i-1" });

function provider(processor: SpanProcessor, sampled = true) {
  return new BasicTracerProvider({
    resource,
    sampler: sampled ? new AlwaysOnSampler() : new AlwaysOffSampler(),
    spanProcessors: [processor],
  });
}

/** Ended spans from the SDK itself: a server span with every attribute type, a child with an event and a link, another scope. */
function makeSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const tp = provider(new SimpleSpanProcessor(exporter));
  const tracer = tp.getTracer("tessera", "1.2.3");
  const request = tracer.startSpan("GET /api/v1/ping", {
    kind: SpanKind.SERVER,
    startTime: [1_764_000_000, 999_999_999],
    attributes: {
      "http.route": "/api/v1/ping",
      "http.response.status_code": 200,
      "tessera.negative": -42,
      "tessera.big": 2 ** 40 + 7,
      "tessera.ratio": 0.25,
      "tessera.flag": true,
      "tessera.list": ["a", "b"],
      "tessera.long": "x".repeat(300),
      "tessera.unicode": "é✓ — 日本",
      "operation.name": "web.request",
    },
  });
  const child = tracer.startSpan(
    "api.gate",
    { links: [{ context: request.spanContext(), attributes: { "link.kind": "follows" } }] },
    trace.setSpan(ROOT_CONTEXT, request),
  );
  child.addEvent("exception", { "exception.type": "TypeError" }, [1_764_000_001, 5]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: "TypeError" });
  child.end([1_764_000_001, 10]);
  request.end([1_764_000_002, 0]);
  tp.getTracer("@prisma/instrumentation").startSpan("prisma:client:operation").end();
  return exporter.getFinishedSpans();
}

const nanos = ([seconds, ns]: [number, number]) => BigInt(seconds) * 1_000_000_000n + BigInt(ns);

function byName(spans: DecodedSpan[], name: string): DecodedSpan {
  const found = spans.find((s) => s.name === name);
  if (!found) throw new Error(`no span ${name}`);
  return found;
}

describe("OTLP/protobuf encoding", () => {
  it("writes every field of a span, its resource and its scope, as an independent decoder reads them", () => {
    const spans = makeSpans();
    const decoded = decodeTraceRequest(encodeSpans(spans));
    expect(decoded.resourceSpans).toHaveLength(1);
    const [rs] = decoded.resourceSpans;
    expect(rs?.resource).toMatchObject({ "service.name": "tessera-test", "service.instance.id": "i-1" });
    expect(rs?.scopeSpans.map((s) => s.scope)).toEqual([
      { name: "tessera", version: "1.2.3" },
      { name: "@prisma/instrumentation", version: undefined },
    ]);
    const tessera = rs?.scopeSpans[0]?.spans ?? [];
    const source = (name: string) => spans.find((s) => s.name === name)!;

    const request = byName(tessera, "GET /api/v1/ping");
    const original = source("GET /api/v1/ping");
    expect(request.traceId).toBe(original.spanContext().traceId);
    expect(request.spanId).toBe(original.spanContext().spanId);
    expect(request.parentSpanId).toBeUndefined();
    expect(request.kind).toBe(2); // OTLP SPAN_KIND_SERVER
    expect(request.startTimeUnixNano).toBe(1_764_000_000_999_999_999n);
    expect(request.endTimeUnixNano).toBe(1_764_000_002_000_000_000n);
    expect(request.attributes).toEqual({
      "http.route": "/api/v1/ping",
      "http.response.status_code": 200,
      "tessera.negative": -42,
      "tessera.big": 2 ** 40 + 7,
      "tessera.ratio": 0.25,
      "tessera.flag": true,
      "tessera.list": ["a", "b"],
      "tessera.long": "x".repeat(300),
      "tessera.unicode": "é✓ — 日本",
      // operation.name (@vercel/otel's Datadog naming) is not exported
    });
    expect(request.status).toEqual({ code: 0, message: undefined });

    const gate = byName(tessera, "api.gate");
    const gateSource = source("api.gate");
    expect(gate.kind).toBe(1); // INTERNAL
    expect(gate.parentSpanId).toBe(original.spanContext().spanId);
    expect(gate.endTimeUnixNano).toBe(nanos(gateSource.endTime));
    expect(gate.status).toEqual({ code: 2, message: "TypeError" });
    expect(gate.events).toEqual([
      { timeUnixNano: 1_764_000_001_000_000_005n, name: "exception", attributes: { "exception.type": "TypeError" } },
    ]);
    expect(gate.links).toEqual([
      {
        traceId: original.spanContext().traceId,
        spanId: original.spanContext().spanId,
        attributes: { "link.kind": "follows" },
      },
    ]);
    expect(rs?.scopeSpans[1]?.spans.map((s) => s.name)).toEqual(["prisma:client:operation"]);
  });

  it("encodes spans as they are added and wraps them once: large batches, a reused buffer", () => {
    const batch = new SpanBatch();
    expect(batch.take()).toBeNull();
    const spans = makeSpans();
    for (let round = 0; round < 2; round += 1) {
      // 600 spans: a few hundred kilobytes, past the buffers' first sizes and three-byte lengths.
      for (let i = 0; i < 200; i += 1) for (const s of spans) batch.add(s);
      expect(batch.count).toBe(600);
      const body = batch.take();
      expect(body!.length).toBeGreaterThan(128 * 1024);
      const decoded = decodeTraceRequest(body!);
      const scopes = decoded.resourceSpans[0]?.scopeSpans ?? [];
      expect(scopes.map((s) => s.spans.length)).toEqual([400, 200]);
      expect(scopes[0]?.spans[399]?.attributes["tessera.long"]).toBe("x".repeat(300));
      expect(batch.take()).toBeNull();
    }
  });
});

describe("the OTLP span processor", () => {
  const received: { type: string | undefined; header: unknown; body: Buffer }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        type: request.headers["content-type"],
        header: request.headers["x-tenant"],
        body: Buffer.concat(chunks),
      });
      response.writeHead(200).end();
    });
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const processor = (overrides: Partial<ConstructorParameters<typeof OtlpProtoSpanProcessor>[0]> = {}) =>
    new OtlpProtoSpanProcessor({
      url,
      headers: { "x-tenant": "ops" },
      request: http.request,
      maxQueueSize: 100,
      maxExportBatchSize: 50,
      scheduledDelayMillis: 60_000,
      exportTimeoutMillis: 10_000,
      ...overrides,
    });
  const end = (tp: BasicTracerProvider, count: number): Span[] =>
    Array.from({ length: count }, (_, i) => {
      const span = tp.getTracer("tessera").startSpan(`span ${i}`);
      span.end();
      return span;
    });
  const exportedNames = () =>
    received.flatMap((r) =>
      decodeTraceRequest(r.body).resourceSpans.flatMap((rs) =>
        rs.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)),
      ),
    );

  it("sends what ended as protobuf on forceFlush, and nothing unsampled", async () => {
    received.length = 0;
    const p = processor();
    end(provider(p), 3);
    end(provider(p, false), 2);
    await p.forceFlush();
    expect(received.map((r) => [r.type, r.header])).toEqual([["application/x-protobuf", "ops"]]);
    expect(exportedNames()).toEqual(["span 0", "span 1", "span 2"]);
    expect(p.exported).toBe(1);
    await p.shutdown();
  });

  it("sends a full batch without being asked, once the turn's spans are encoded", async () => {
    received.length = 0;
    const p = processor({ maxExportBatchSize: 4 });
    end(provider(p), 5);
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const check = () => {
        if (received.length > 0) resolve();
        else if (Date.now() > deadline) reject(new Error("no export"));
        else setImmediate(check);
      };
      check();
    });
    expect(exportedNames()).toEqual(["span 0", "span 1", "span 2", "span 3", "span 4"]);
    await p.shutdown();
  });

  it("drops spans beyond the queue and counts them", async () => {
    received.length = 0;
    const p = processor({ maxQueueSize: 3, maxExportBatchSize: 10 });
    end(provider(p), 5);
    expect(p.dropped).toBe(2);
    await p.forceFlush();
    expect(exportedNames()).toEqual(["span 0", "span 1", "span 2"]);
    await p.shutdown();
  });
});
