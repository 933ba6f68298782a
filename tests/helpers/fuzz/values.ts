// Values for the fuzz suite, derived from JSON Schema (what zod's toJSONSchema makes of a route's
// declared schemas): plausible values that follow the schema, and hostile ones aimed at its type —
// wrong types, boundary numbers and dates, long strings, NUL, lone surrogates, control and bidi
// characters, odd shapes. fast-check arbitraries, so a seed reproduces a run exactly.
import fc from "fast-check";

export type JsonSchema = Record<string, unknown>;

/** Resolves `$ref`s against the root document's `$defs`. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string" && hops < 20; hops += 1) {
    const name = current.$ref.replace(/^#\/\$defs\//, "");
    current = ((root.$defs as Record<string, JsonSchema> | undefined)?.[name] ?? {}) as JsonSchema;
  }
  return current;
}

const SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const CONTROL = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));
const BIDI = fc.constantFrom("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069");

/** One UTF-16 unit or code point of anything: printable, any code point, lone surrogates, controls, bidi. */
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: SURROGATE },
  { weight: 1, arbitrary: CONTROL },
  { weight: 1, arbitrary: BIDI },
);

/** Random text with every kind of character in it. */
export const anyText = fc.string({ unit: anyUnit, maxLength: 48 });

export const DATE_STRINGS = [
  "42",
  "2042",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "+033658-09-27T01:46:40.000Z",
  "9999-12-31T23:59:59.999Z",
  "0000-01-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-01-01T25:61:00Z",
  "2026-01-01",
  "2026-01-01T00:00:00",
  "2030-01-01T00:00:00+99:00",
  "Tue, 01 Jan 2030 00:00:00 GMT",
  "now",
];

export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "fz\ud800x",
  "\udfff",
  "\u0007bell",
  "\u001b[31mred",
  "tab\tline\nbreak\r",
  "\u007f\u0085",
  "evil\u202etxt.exe",
  "\u2066isolate\u2069",
  "\u200b\ufeff",
  "🍞".repeat(64),
  "é".repeat(300),
  "a".repeat(257),
  "a".repeat(10_000),
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "%00",
  "%ZZ",
  "' OR '1'='1",
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "\\",
  '"',
  `${"a".repeat(250)}@example.test`,
  `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`,
  "not-an-email",
  "tsk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "cmx00000000000000000000000",
  ...DATE_STRINGS,
];

export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  -1.5,
  0.1,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  1e15,
  8.64e15,
  8.64e15 + 1,
  -8.64e15,
  1e308,
  -1e308,
  5e-324,
  99_999_999,
  100_000_000,
  1e9 + 1,
  604_801,
];

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

export const HOSTILE_SHAPES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  [[]],
  [""],
  { $ne: null },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  nested(200),
  Array.from({ length: 2_000 }, (_, i) => i),
  Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, "v"])),
  { "\u0000": 1, "\ud800": 2 },
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: anyText },
);
const hostileNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);
const hostileShape = fc.constantFrom(...HOSTILE_SHAPES);

/** Anything at all, weighted towards what breaks things. */
export const hostileAny: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  hostileShape,
  fc.jsonValue({ maxDepth: 2 }),
);

function types(schema: JsonSchema, root: JsonSchema): string[] {
  const s = resolve(schema, root);
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (options) return options.flatMap((option) => types(option, root));
  if (Array.isArray(s.enum)) return ["enum"];
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === "string") return [s.type === "string" && s.format === "date-time" ? "date-time" : s.type];
  return [];
}

/** Hostile values aimed at a schema node: mostly its own type gone wrong, sometimes any other. */
export function hostileFor(schema: JsonSchema, root: JsonSchema): fc.Arbitrary<unknown> {
  const kinds = new Set(types(schema, root));
  const aimed: fc.Arbitrary<unknown>[] = [];
  if (kinds.has("date-time")) aimed.push(fc.constantFrom<unknown>(...DATE_STRINGS, ...HOSTILE_NUMBERS));
  if (kinds.has("string") || kinds.has("enum")) aimed.push(hostileString);
  if (kinds.has("integer") || kinds.has("number"))
    aimed.push(hostileNumber, fc.constantFrom<unknown>("1", "1e3", "0x10", ""));
  if (kinds.has("array")) aimed.push(fc.array(hostileAny, { maxLength: 4 }), hostileShape);
  if (kinds.has("object")) aimed.push(fc.dictionary(anyText, hostileAny, { maxKeys: 4 }), hostileShape);
  if (aimed.length === 0) return hostileAny;
  return fc.oneof({ weight: 4, arbitrary: fc.oneof(...aimed) }, { weight: 1, arbitrary: hostileAny });
}

/** Plausible values that follow the schema (custom refinements aside: a share are still refused). */
export function validFor(schema: JsonSchema, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (options) return fc.oneof(...options.map((option) => validFor(option, root, depth + 1)));
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if ("const" in s) return fc.constant(s.const);
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  switch (type) {
    case "string": {
      const min = (s.minLength as number | undefined) ?? 0;
      const max = Math.max(min, Math.min((s.maxLength as number | undefined) ?? 24, 24));
      if (s.format === "email") return fc.nat({ max: 1e6 }).map((n) => `fuzz-${n}@example.test`);
      if (s.format === "date-time") {
        return fc.integer({ min: 60_000, max: 300 * 86_400_000 }).map((ms) => new Date(Date.now() + ms).toISOString());
      }
      if (s.format === "date") return fc.constant(new Date().toISOString().slice(0, 10));
      if (typeof s.pattern === "string") {
        return fc
          .stringMatching(new RegExp(s.pattern))
          .filter((value) => value.length >= min && value.length <= ((s.maxLength as number | undefined) ?? 200));
      }
      return fc
        .string({ unit: "grapheme-ascii", minLength: min, maxLength: max })
        .map((v) => (v.trim() ? v : "x".repeat(Math.max(min, 1))));
    }
    case "integer":
    case "number": {
      const min = (s.minimum as number | undefined) ?? ((s.exclusiveMinimum as number | undefined) ?? -1_000) + 1;
      const max = (s.maximum as number | undefined) ?? ((s.exclusiveMaximum as number | undefined) ?? 1_000_000) - 1;
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = (s.items as JsonSchema | undefined) ?? {};
      const minLength = (s.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((s.maxItems as number | undefined) ?? 3, 3));
      if (depth > 4) return fc.constant([]);
      return fc.array(validFor(items, root, depth + 1), { minLength, maxLength });
    }
    case "object": {
      if (depth > 4) return fc.constant({});
      const properties = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      const shape = Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, validFor(value, root, depth + 1)]),
      );
      const additional = s.additionalProperties;
      const base = fc.record(shape, { requiredKeys: [...required].filter((key) => key in shape) });
      if (additional && typeof additional === "object" && Object.keys(properties).length === 0) {
        const keys = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
        return fc.dictionary(keys, validFor(additional as JsonSchema, root, depth + 1), { maxKeys: 3 });
      }
      return base;
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Paths of every node in a JSON value (the root is []), for mutations at any depth. */
export function nodePaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => nodePaths(item, [...prefix, index], out));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) nodePaths(inner, [...prefix, key], out);
  }
  return out;
}

/** The JSON Schema of the node at `path` (following properties, items and additionalProperties). */
export function schemaAt(schema: JsonSchema, root: JsonSchema, path: (string | number)[]): JsonSchema {
  let current = resolve(schema, root);
  for (const part of path) {
    const options = (current.anyOf ?? current.oneOf) as JsonSchema[] | undefined;
    if (options) current = resolve(options.find((o) => resolve(o, root).type !== "null") ?? {}, root);
    if (typeof part === "number") current = resolve((current.items as JsonSchema | undefined) ?? {}, root);
    else {
      const properties = current.properties as Record<string, JsonSchema> | undefined;
      current = resolve(properties?.[part] ?? (current.additionalProperties as JsonSchema | undefined) ?? {}, root);
    }
  }
  return current;
}

/** A deep copy of `value` with the node at `path` replaced (or deleted when `replacement` is DELETE). */
export const DELETE = Symbol("delete");
export function withNode(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement === DELETE ? undefined : replacement;
  const copy: unknown = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const container = copy as Record<string | number, unknown>;
  if (rest.length === 0 && replacement === DELETE) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete container[head];
  } else {
    container[head] = withNode(container[head], rest, replacement);
  }
  return copy;
}
