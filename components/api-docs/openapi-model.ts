// Reading the OpenAPI document for the docs page: operations grouped by tag, $ref resolution,
// JSON Schema flattened into table rows, and example values generated from schemas.
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface ResponseObject {
  $ref?: string;
  description?: string;
  "x-error-codes"?: string[];
  content?: Record<string, { schema: JsonSchema }>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-required-scope"?: string | null;
  "x-audience"?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
  };
}

export interface DocOperation {
  method: string;
  path: string;
  op: Operation;
}

export interface TagGroup {
  name: string;
  slug: string;
  description?: string;
  operations: DocOperation[];
}

export const slugify = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function groupByTag(doc: OpenApiDoc): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const tag of doc.tags ?? []) {
    groups.set(tag.name, { name: tag.name, slug: slugify(tag.name), description: tag.description, operations: [] });
  }
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const name = op.tags[0] ?? "Other";
      if (!groups.has(name)) groups.set(name, { name, slug: slugify(name), operations: [] });
      groups.get(name)!.operations.push({ method: method.toUpperCase(), path, op });
    }
  }
  return [...groups.values()].filter((group) => group.operations.length > 0);
}

export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

export function resolveSchema(doc: OpenApiDoc, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let i = 0; i < 10 && current.$ref; i++) {
    const { $ref, ...siblings } = current;
    current = { ...(doc.components.schemas[refName($ref)] ?? {}), ...siblings };
  }
  return current;
}

export function resolveResponse(doc: OpenApiDoc, response: ResponseObject): ResponseObject {
  return response.$ref ? (doc.components.responses[refName(response.$ref)] ?? response) : response;
}

/** Splits `T | null` unions: the non-null branch and whether null is allowed. */
function unwrapNullable(schema: JsonSchema): { inner: JsonSchema; nullable: boolean } {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const rest = branches.filter((branch) => branch.type !== "null");
    if (rest.length === 1 && rest.length < branches.length) {
      const { anyOf: _a, oneOf: _o, ...outer } = schema;
      return { inner: { ...rest[0], ...outer }, nullable: true };
    }
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const types = schema.type.filter((type) => type !== "null");
    return { inner: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { inner: schema, nullable: false };
}

export function typeLabel(doc: OpenApiDoc, schema: JsonSchema): string {
  const { inner, nullable } = unwrapNullable(schema);
  const suffix = nullable ? " | null" : "";
  if (inner.$ref) {
    const resolved = resolveSchema(doc, inner);
    const name = refName(inner.$ref);
    return (resolved.enum ? `${name} (string)` : name) + suffix;
  }
  if (inner.anyOf ?? inner.oneOf)
    return (inner.anyOf ?? inner.oneOf)!.map((b) => typeLabel(doc, b)).join(" | ") + suffix;
  if (inner.type === "array") return `${inner.items ? typeLabel(doc, inner.items) : "any"}[]${suffix}`;
  if (inner.type === "object" && !inner.properties && inner.additionalProperties) {
    const values = inner.additionalProperties === true ? "any" : typeLabel(doc, inner.additionalProperties);
    return `map of ${values}${suffix}`;
  }
  const type = Array.isArray(inner.type)
    ? inner.type.join(" | ")
    : (inner.type ?? (inner.const !== undefined ? typeof inner.const : "any"));
  return `${type}${inner.format ? ` (${inner.format})` : ""}${suffix}`;
}

/** Human-readable constraints: allowed values, default, bounds, pattern. */
export function constraints(doc: OpenApiDoc, schema: JsonSchema): string[] {
  const { inner } = unwrapNullable(schema);
  const s = resolveSchema(doc, inner);
  const out: string[] = [];
  if (s.enum) out.push(`One of: ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (s.const !== undefined) out.push(`Always ${JSON.stringify(s.const)}`);
  const def = schema.default ?? s.default;
  if (def !== undefined) out.push(`Default: ${JSON.stringify(def)}`);
  if (s.minimum !== undefined && s.maximum !== undefined) out.push(`${s.minimum}–${s.maximum}`);
  else if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  else if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) {
    out.push(`${s.minLength ?? 0}–${s.maxLength ?? "∞"} characters`);
  }
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${s.minItems ?? 0}–${s.maxItems ?? "∞"} items`);
  if (s.pattern) out.push(`Pattern: ${s.pattern}`);
  return out;
}

export interface SchemaRow {
  key: string;
  name: string;
  depth: number;
  type: string;
  required: boolean;
  description?: string;
  constraints: string[];
}

/** The properties of an object schema as rows, nested objects and arrays of objects indented. */
export function schemaRows(
  doc: OpenApiDoc,
  schema: JsonSchema,
  depth = 0,
  prefix = "",
  seen = new Set<string>(),
): SchemaRow[] {
  const { inner } = unwrapNullable(schema);
  if (inner.$ref && seen.has(inner.$ref)) return [];
  const nextSeen = inner.$ref ? new Set([...seen, inner.$ref]) : seen;
  const resolved = resolveSchema(doc, inner);
  if (resolved.type === "array" && resolved.items)
    return schemaRows(doc, resolved.items, depth, `${prefix}[]`, nextSeen);
  if (!resolved.properties || depth > 4) return [];
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties).flatMap(([name, property]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    const row: SchemaRow = {
      key,
      name,
      depth,
      type: typeLabel(doc, property),
      required: required.has(name),
      description: property.description ?? resolveSchema(doc, unwrapNullable(property).inner).description,
      constraints: constraints(doc, property),
    };
    return [row, ...schemaRows(doc, property, depth + 1, key, nextSeen)];
  });
}

const SAMPLE_STRINGS: Record<string, string> = {
  id: "cm3x7k2p90000abcd1234efgh",
  user_id: "cm3x7k2p90001abcd1234efgh",
  api_key_id: "cm3x7k2p90002abcd1234efgh",
  email: "ada@example.com",
  owner_email: "ada@example.com",
  name: "Acme",
  owner_name: "Ada Lovelace",
  slug: "acme",
  event_name: "api_requests",
  route: "GET /api/v1/members",
  start: "tsk_live_3fQa",
  secret: "tsk_live_3fQa…",
  message: "Some fields are not valid.",
  link: "https://app.example.com/invite/…",
};

const SAMPLE_FORMATS: Record<string, string> = {
  "date-time": "2026-01-15T09:30:00.000Z",
  date: "2026-01-15",
  email: "ada@example.com",
  uri: "https://example.com",
};

/** An example value for a schema: its examples, default or enum first, otherwise made up by type. */
export function exampleOf(doc: OpenApiDoc, schema: JsonSchema, name = "", depth = 0): unknown {
  if (depth > 6) return null;
  const s = resolveSchema(doc, unwrapNullable(schema).inner);
  if (s.examples?.length) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (schema.default !== undefined || s.default !== undefined) return schema.default ?? s.default;
  if (s.enum?.length) return s.enum[0];
  const variant = (s.anyOf ?? s.oneOf)?.[0];
  if (variant) return exampleOf(doc, variant, name, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "string":
      return (
        (s.format && SAMPLE_FORMATS[s.format]) ?? SAMPLE_STRINGS[name] ?? (name.endsWith("cursor") ? null : "string")
      );
    case "integer":
    case "number":
      return s.minimum !== undefined && s.minimum > 0 ? s.minimum : name === "ratio" ? 0.42 : 1;
    case "boolean":
      return name !== "revoked";
    case "null":
      return null;
    case "array":
      return s.items ? [exampleOf(doc, s.items, name, depth + 1)] : [];
    case "object":
      if (!s.properties) return {};
      return Object.fromEntries(
        Object.entries(s.properties).map(([key, property]) => [key, exampleOf(doc, property, key, depth + 1)]),
      );
    default:
      return s.properties ? exampleOf(doc, { ...s, type: "object" }, name, depth) : null;
  }
}

/** A ready-to-paste curl command for an operation. */
export function curlExample(doc: OpenApiDoc, { method, path, op }: DocOperation): string {
  const server = doc.servers?.[0]?.url.replace(/\/$/, "") ?? "";
  const url = server + path.replace(/\{(\w+)\}/g, (_, param: string) => param.toUpperCase());
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} "${url}"`];
  if (op["x-audience"] !== "public") lines.push(`  -H "Authorization: Bearer $TESSERA_API_KEY"`);
  const body = op.requestBody?.content["application/json"]?.schema;
  if (body) {
    lines.push(`  -H "Content-Type: application/json"`);
    const json = JSON.stringify(exampleOf(doc, body), null, 2).replace(/'/g, "'\\''");
    lines.push(`  -d '${json}'`);
  }
  return lines.join(" \\\n");
}
