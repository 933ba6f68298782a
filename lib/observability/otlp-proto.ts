// OTLP/protobuf encoding of ended spans, written straight from the SDK's span objects into
// growing buffers: an ExportTraceServiceRequest (opentelemetry-proto, trace/v1 and common/v1).
// SpanBatch encodes spans as they end and wraps them into a request when a batch is sent
// (lib/observability/span-export.ts); encodeSpans does both at once.
//
// Why not @vercel/otel's encoder: it first builds the OTLP object tree (otlp-transformer: an
// object per span, per attribute and per value, ids and times converted on the way), then
// protobufjs walks that tree into a list of write operations and finally into bytes. Profiled
// under bench:tracing that was about a third of tracing's CPU and much of its garbage. Here each
// field is written once, in place: a nested message reserves one byte for its length and is
// moved right only when it turns out longer than 127 bytes (only the batch's outer messages).
//
// Left out on purpose: the `operation.name` / `resource.name` attributes @vercel/otel's composite
// processor adds to every span (Datadog's naming, derived from the span name, kind and route that
// are exported anyway).
import type { Attributes, HrTime, Link } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";

/** Attributes not exported (see the header). */
export const UNEXPORTED_ATTRIBUTES: ReadonlySet<string> = new Set(["operation.name", "resource.name"]);

const TWO_32 = 4294967296;

/** Each character code's value as a hex digit (ids are lower-case hex; anything else reads as 0). */
const NIBBLES = new Uint8Array(128);
for (let digit = 0; digit < 16; digit += 1) {
  const lower = digit.toString(16);
  NIBBLES[lower.charCodeAt(0)] = digit;
  NIBBLES[lower.toUpperCase().charCodeAt(0)] = digit;
}

function uint32le(buf: Buffer, at: number, value: number): void {
  buf[at] = value & 255;
  buf[at + 1] = (value >>> 8) & 255;
  buf[at + 2] = (value >>> 16) & 255;
  buf[at + 3] = (value >>> 24) & 255;
}

/** A protobuf writer over one buffer that grows by doubling; reused between exports. */
class ProtoWriter {
  buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  varint(value: number): void {
    this.ensure(10);
    const buf = this.buf;
    while (value >= 128) {
      buf[this.pos++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    buf[this.pos++] = value;
  }

  /** An int64 field's value: negative numbers as 64-bit two's complement (ten bytes). */
  int64(value: number): void {
    if (value >= 0) return this.varint(value);
    let rest = BigInt.asUintN(64, BigInt(value));
    this.ensure(10);
    while (rest >= 128n) {
      this.buf[this.pos++] = Number(rest & 127n) | 128;
      rest >>= 7n;
    }
    this.buf[this.pos++] = Number(rest);
  }

  tag(field: number, wireType: number): void {
    this.ensure(1);
    this.buf[this.pos++] = (field << 3) | wireType; // every field number here is below 16
  }

  /** Starts a length-delimited field: returns where its one reserved length byte is. */
  begin(field: number): number {
    this.tag(field, 2);
    this.ensure(1);
    return this.pos++;
  }

  /** Ends the field begun at `at`: writes its length, moving the content right when it needs more than one byte. */
  end(at: number): void {
    const length = this.pos - at - 1;
    if (length < 128) {
      this.buf[at] = length;
      return;
    }
    let extra = 0;
    for (let rest = length; rest >= 128; rest = Math.floor(rest / 128)) extra += 1;
    this.ensure(extra);
    this.buf.copyWithin(at + 1 + extra, at + 1, this.pos);
    this.pos += extra;
    let value = length;
    let index = at;
    while (value >= 128) {
      this.buf[index++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.buf[index] = value;
  }

  string(field: number, value: string): void {
    const at = this.begin(field);
    const length = value.length;
    this.ensure(length * 3);
    // ASCII byte by byte (names, keys, routes, ids: nearly every string), which for short strings
    // is cheaper than a call into Buffer.write; the first other character hands the rest to it.
    const buf = this.buf;
    let pos = this.pos;
    let i = 0;
    for (; i < length; i += 1) {
      const code = value.charCodeAt(i);
      if (code >= 128) break;
      buf[pos++] = code;
    }
    if (i < length) pos += buf.write(value.slice(i), pos, "utf8");
    this.pos = pos;
    this.end(at);
  }

  /** Hex ids (trace and span ids) as their bytes. */
  hexBytes(field: number, hex: string): void {
    this.tag(field, 2);
    const length = hex.length >> 1;
    this.ensure(1 + length);
    const buf = this.buf;
    buf[this.pos++] = length;
    for (let i = 0; i < length; i += 1) {
      buf[this.pos++] = (NIBBLES[hex.charCodeAt(2 * i) & 127]! << 4) | NIBBLES[hex.charCodeAt(2 * i + 1) & 127]!;
    }
  }

  /** A fixed64 field holding an HrTime as nanoseconds since the epoch, exactly (no float rounding). */
  time(field: number, [seconds, nanos]: HrTime): void {
    this.tag(field, 1);
    this.ensure(8);
    // seconds·10⁹ = (seconds·5⁹)·2⁹, and seconds·5⁹ stays below 2⁵³: split it into 2³² parts.
    const scaled = seconds * 1953125;
    const high = Math.floor(scaled / 8388608); // 2²³: (scaled mod 2²³)·2⁹ fits below 2³²
    let low = (scaled - high * 8388608) * 512 + Math.trunc(nanos);
    let carry = 0;
    while (low >= TWO_32) {
      low -= TWO_32;
      carry += 1;
    }
    uint32le(this.buf, this.pos, low);
    uint32le(this.buf, this.pos + 4, high + carry);
    this.pos += 8;
  }

  double(field: number, value: number): void {
    this.tag(field, 1);
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  uint(field: number, value: number): void {
    this.tag(field, 0);
    this.varint(value);
  }
}

/** common.v1.AnyValue: string 1, bool 2, int 3, double 4, array 5 (an attribute value has no other kinds). */
function anyValue(w: ProtoWriter, field: number, value: unknown): void {
  const at = w.begin(field);
  switch (typeof value) {
    case "string":
      w.string(1, value);
      break;
    case "boolean":
      w.uint(2, value ? 1 : 0);
      break;
    case "number":
      if (Number.isInteger(value)) {
        w.tag(3, 0);
        w.int64(value);
      } else w.double(4, value);
      break;
    default:
      if (Array.isArray(value)) {
        const array = w.begin(5);
        for (const item of value) anyValue(w, 1, item ?? "");
        w.end(array);
      }
  }
  w.end(at);
}

/** repeated common.v1.KeyValue at `field` (key 1, value 2). */
function attributes(w: ProtoWriter, field: number, attrs: Attributes): void {
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined || value === null || UNEXPORTED_ATTRIBUTES.has(key)) continue;
    const at = w.begin(field);
    w.string(1, key);
    anyValue(w, 2, value);
    w.end(at);
  }
}

/** trace.v1.Span.Event: time 1, name 2, attributes 3, dropped 4. */
function event(w: ProtoWriter, e: TimedEvent): void {
  const at = w.begin(11);
  w.time(1, e.time);
  w.string(2, e.name);
  if (e.attributes) attributes(w, 3, e.attributes);
  if (e.droppedAttributesCount) w.uint(4, e.droppedAttributesCount);
  w.end(at);
}

/** trace.v1.Span.Link: trace id 1, span id 2, trace state 3, attributes 4, dropped 5. */
function link(w: ProtoWriter, l: Link): void {
  const at = w.begin(13);
  w.hexBytes(1, l.context.traceId);
  w.hexBytes(2, l.context.spanId);
  const state = l.context.traceState?.serialize();
  if (state) w.string(3, state);
  if (l.attributes) attributes(w, 4, l.attributes);
  if (l.droppedAttributesCount) w.uint(5, l.droppedAttributesCount);
  w.end(at);
}

/** trace.v1.Span, as field 2 of ScopeSpans. */
function span(w: ProtoWriter, s: ReadableSpan): void {
  const at = w.begin(2);
  const context = s.spanContext();
  w.hexBytes(1, context.traceId);
  w.hexBytes(2, context.spanId);
  const state = context.traceState?.serialize();
  if (state) w.string(3, state);
  const parent = s.parentSpanContext?.spanId;
  if (parent) w.hexBytes(4, parent);
  w.string(5, s.name);
  w.uint(6, s.kind + 1); // the API's kinds start at INTERNAL = 0; OTLP's at UNSPECIFIED = 0
  w.time(7, s.startTime);
  w.time(8, s.endTime);
  attributes(w, 9, s.attributes);
  if (s.droppedAttributesCount) w.uint(10, s.droppedAttributesCount);
  for (const e of s.events) event(w, e);
  if (s.droppedEventsCount) w.uint(12, s.droppedEventsCount);
  for (const l of s.links) link(w, l);
  if (s.droppedLinksCount) w.uint(14, s.droppedLinksCount);
  const status = w.begin(15);
  if (s.status.message) w.string(2, s.status.message);
  if (s.status.code) w.uint(3, s.status.code); // API and OTLP status codes are the same numbers
  w.end(status);
  w.end(at);
}

/** The spans of one instrumentation scope, encoded as they arrive (ScopeSpans' field 2 entries). */
interface ScopeBuffer {
  scope: ReadableSpan["instrumentationScope"];
  writer: ProtoWriter;
}

/** A resource's scope buffers: by scope name, version and schema URL, and by scope object. */
interface ResourceBuffers {
  scopes: Map<string, ScopeBuffer>;
  byScope: WeakMap<ReadableSpan["instrumentationScope"], ScopeBuffer>;
}

/**
 * Spans encoded as they end, into one buffer per resource and instrumentation scope, until
 * take() wraps them into an ExportTraceServiceRequest. Encoding at once (rather than keeping the
 * span objects until the batch is sent) lets a span die young: kept for seconds, every span and
 * its attributes would be copied by each young-generation GC and then promoted to the old one.
 */
export class SpanBatch {
  private readonly resources = new Map<ReadableSpan["resource"], ResourceBuffers>();
  /** Spans encoded since the last take(). */
  count = 0;

  add(s: ReadableSpan): void {
    let buffers = this.resources.get(s.resource);
    if (!buffers) this.resources.set(s.resource, (buffers = { scopes: new Map(), byScope: new WeakMap() }));
    const scope = s.instrumentationScope;
    // A tracer's spans share its scope object: looked up by identity first, by value when new.
    let buffer = buffers.byScope.get(scope);
    if (!buffer) {
      const key = `${scope.name}@${scope.version ?? ""}:${scope.schemaUrl ?? ""}`;
      buffer = buffers.scopes.get(key);
      if (!buffer) buffers.scopes.set(key, (buffer = { scope, writer: new ProtoWriter(4096) }));
      buffers.byScope.set(scope, buffer);
    }
    span(buffer.writer, s);
    this.count += 1;
  }

  /** The request with every span added since the last call (null when none); the buffers are reused. */
  take(): Buffer | null {
    if (this.count === 0) return null;
    const w = outer;
    w.pos = 0;
    for (const [resource, { scopes }] of this.resources) {
      const resourceSpans = w.begin(1);
      const res = w.begin(1);
      attributes(w, 1, resource.attributes);
      w.end(res);
      for (const { scope, writer } of scopes.values()) {
        if (writer.pos === 0) continue;
        const scopeSpans = w.begin(2);
        const header = w.begin(1);
        w.string(1, scope.name);
        if (scope.version) w.string(2, scope.version);
        w.end(header);
        w.ensure(writer.pos);
        writer.buf.copy(w.buf, w.pos, 0, writer.pos);
        w.pos += writer.pos;
        writer.pos = 0;
        if (scope.schemaUrl) w.string(3, scope.schemaUrl);
        w.end(scopeSpans);
      }
      if (resource.schemaUrl) w.string(3, resource.schemaUrl);
      w.end(resourceSpans);
    }
    this.count = 0;
    return Buffer.from(w.buf.subarray(0, w.pos));
  }
}

/** The writer take() assembles requests in, shared (requests are assembled one at a time). */
const outer = new ProtoWriter(64 * 1024);

/** An ExportTraceServiceRequest holding `spans`, grouped by resource and instrumentation scope. */
export function encodeSpans(spans: readonly ReadableSpan[]): Buffer {
  const batch = new SpanBatch();
  for (const s of spans) batch.add(s);
  return batch.take() ?? Buffer.alloc(0);
}
