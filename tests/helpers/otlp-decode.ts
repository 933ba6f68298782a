// A small OTLP/protobuf trace decoder for tests: enough of opentelemetry-proto's trace/v1 and
// common/v1 messages to read back what lib/observability/otlp-proto.ts writes, field by field,
// independently of that encoder (wire format read by hand, schema spelled out here).

/** One field as read off the wire: varints and fixed64 as bigint, length-delimited as bytes. */
interface WireField {
  field: number;
  value: bigint | Buffer;
}

function readVarint(buf: Buffer, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[at.pos++];
    if (byte === undefined) throw new Error("truncated varint");
    result |= BigInt(byte & 127) << shift;
    if (byte < 128) return result;
    shift += 7n;
  }
}

function fields(buf: Buffer): WireField[] {
  const out: WireField[] = [];
  const at = { pos: 0 };
  while (at.pos < buf.length) {
    const key = Number(readVarint(buf, at));
    const field = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ field, value: readVarint(buf, at) });
    else if (wire === 1) {
      out.push({ field, value: buf.readBigUInt64LE(at.pos) });
      at.pos += 8;
    } else if (wire === 2) {
      const length = Number(readVarint(buf, at));
      out.push({ field, value: buf.subarray(at.pos, at.pos + length) });
      at.pos += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  if (at.pos !== buf.length) throw new Error("a field ran past its message");
  return out;
}

const all = (message: WireField[], field: number) => message.filter((f) => f.field === field).map((f) => f.value);
const one = (message: WireField[], field: number) => all(message, field).at(-1);
const bytes = (value: unknown) => value as Buffer;
const text = (value: unknown) => (value === undefined ? undefined : bytes(value).toString("utf8"));
const hex = (value: unknown) => (value === undefined ? undefined : bytes(value).toString("hex"));
const num = (value: unknown) => (value === undefined ? 0 : Number(value as bigint));

export type DecodedValue = string | number | boolean | DecodedValue[];

function anyValue(buf: Buffer): DecodedValue {
  const [f] = fields(buf);
  if (!f) return "";
  switch (f.field) {
    case 1:
      return text(f.value)!;
    case 2:
      return f.value === 1n;
    case 3:
      return Number(BigInt.asIntN(64, f.value as bigint));
    case 4: {
      const eight = Buffer.alloc(8);
      eight.writeBigUInt64LE(f.value as bigint);
      return eight.readDoubleLE();
    }
    case 5:
      return all(fields(bytes(f.value)), 1).map((item) => anyValue(bytes(item)));
    default:
      throw new Error(`AnyValue field ${f.field}`);
  }
}

function keyValues(message: WireField[], field: number): Record<string, DecodedValue> {
  const out: Record<string, DecodedValue> = {};
  for (const kv of all(message, field)) {
    const m = fields(bytes(kv));
    out[text(one(m, 1))!] = anyValue(bytes(one(m, 2)));
  }
  return out;
}

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, DecodedValue>;
  events: { timeUnixNano: bigint; name: string; attributes: Record<string, DecodedValue> }[];
  links: { traceId: string; spanId: string; attributes: Record<string, DecodedValue> }[];
  status: { code: number; message?: string };
}

function span(buf: Buffer): DecodedSpan {
  const m = fields(buf);
  const status = fields(bytes(one(m, 15) ?? Buffer.alloc(0)));
  return {
    traceId: hex(one(m, 1))!,
    spanId: hex(one(m, 2))!,
    traceState: text(one(m, 3)),
    parentSpanId: hex(one(m, 4)),
    name: text(one(m, 5))!,
    kind: num(one(m, 6)),
    startTimeUnixNano: one(m, 7) as bigint,
    endTimeUnixNano: one(m, 8) as bigint,
    attributes: keyValues(m, 9),
    events: all(m, 11).map((e) => {
      const em = fields(bytes(e));
      return { timeUnixNano: one(em, 1) as bigint, name: text(one(em, 2))!, attributes: keyValues(em, 3) };
    }),
    links: all(m, 13).map((l) => {
      const lm = fields(bytes(l));
      return { traceId: hex(one(lm, 1))!, spanId: hex(one(lm, 2))!, attributes: keyValues(lm, 4) };
    }),
    status: { code: num(one(status, 3)), message: text(one(status, 2)) },
  };
}

export interface DecodedRequest {
  resourceSpans: {
    resource: Record<string, DecodedValue>;
    scopeSpans: { scope: { name: string; version?: string }; spans: DecodedSpan[] }[];
  }[];
}

/** An ExportTraceServiceRequest's bytes, decoded. */
export function decodeTraceRequest(buf: Buffer): DecodedRequest {
  return {
    resourceSpans: all(fields(buf), 1).map((rs) => {
      const m = fields(bytes(rs));
      return {
        resource: keyValues(fields(bytes(one(m, 1) ?? Buffer.alloc(0))), 1),
        scopeSpans: all(m, 2).map((ss) => {
          const sm = fields(bytes(ss));
          const scope = fields(bytes(one(sm, 1) ?? Buffer.alloc(0)));
          return {
            scope: { name: text(one(scope, 1)) ?? "", version: text(one(scope, 2)) },
            spans: all(sm, 2).map((s) => span(bytes(s))),
          };
        }),
      };
    }),
  };
}
