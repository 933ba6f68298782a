// The OpenAPI 3.1 document of /api/v1, generated from the route declarations (lib/api/v1) with
// zod's JSON Schema output: inputs (params, query, body) in their "input" form, responses in
// their "output" form. Schemas named with `.meta({ id })` become components.schemas; when a
// named schema's input form differs from its output form (defaults, transforms), the input form
// is stored as "<id>Input".
import { z } from "zod";

import { PLATFORM_SCOPES, TENANT_SCOPES } from "../api-keys/scopes";
import { env } from "../env";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { appLicense, appVersion } from "../version";
import { defineRoute, type ApiRouteDef } from "./define";
import { V1_ROUTES } from "./v1";

type Json = Record<string, unknown>;

const REF_PREFIX = "#/components/schemas/";

/** The document's own route: public, and not behind the API gate (app/api/v1/openapi.json). */
export const getOpenApiDocumentRoute = defineRoute({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "System",
  summary: "OpenAPI document",
  description: "This document (OpenAPI 3.1). Public: no key needed, not rate limited, not counted.",
  audience: "any",
  scope: null,
  response: z
    .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) })
    .meta({ id: "OpenApiDocument" }),
});

const PUBLIC_ROUTES: ApiRouteDef[] = [getOpenApiDocumentRoute as ApiRouteDef];

export const TAG_DESCRIPTIONS: Record<string, string> = {
  System: "Checking a key, and this document.",
  Workspace: "The workspace (tenant) a key belongs to.",
  Members: "The people in the workspace and their roles.",
  Invitations: "Inviting people by email.",
  "API keys": "The workspace's API keys. Secrets are shown once, at creation or roll.",
  Usage: "Usage against the plan's limits, and metered usage events.",
  Billing: "Payment analytics of the workspace's own billing customer, computed from Tessera's ledger.",
  "PayPal orders":
    "One-time orders: create (the buyer approves at PayPal, or at once with the local provider), capture, and track them.",
  "Platform: tenants": "For platform operators: every tenant. Needs a platform key (or an operator's session).",
  Files:
    "The workspace's files: upload (through the API, or presigned straight to S3 storage), list, download, delete. " +
    "Stored bytes count against the plan's storage.",
  "Platform: cache":
    "For platform operators: the read-through cache and its Redis (stats, key patterns, health, suggestions, warming, invalidation). Needs a platform key with cache:admin (or an operator's session).",
  Analytics:
    "The workspace's metrics (catalog, realtime, trends, KPIs, CSV export) and dashboards. Definitions: docs/metrics.md.",
  Knowledge:
    "The knowledge base: articles (Markdown, versioned, in collections, tagged), uploaded documents whose text is " +
    "extracted in the background, and full-text search over both (ranked, highlighted).",
  Assistants:
    "The seven domain assistants: agents, chat (JSON or streamed), conversations. Answers come from the workspace's own data.",
};

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().describe("Safe to show to a person."),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .describe("validation_failed: { field: [messages] }; otherwise context such as required_scope or limit."),
    }),
  })
  .meta({ id: "Error", description: "Every error answers with this envelope." });

const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "The request is malformed, or fields are not valid (details lists them)." },
  401: { name: "Unauthorized", description: "No credentials, or the key is unknown, revoked or expired." },
  403: {
    name: "Forbidden",
    description:
      "The key lacks the scope (details.required_scope), is the wrong kind, the workspace is suspended, or a plan limit is reached.",
  },
  404: { name: "NotFound", description: "No such object in this workspace." },
  409: {
    name: "Conflict",
    description: "The change conflicts with the current state (a taken slug, an existing member…).",
  },
  413: {
    name: "ContentTooLarge",
    description:
      "The body is over 1 MiB, or a part of it is over its own limit (details names it, e.g. an event's properties).",
  },
  429: {
    name: "TooManyRequests",
    description: "The key's burst limit or the workspace's monthly quota is used up; retry after Retry-After seconds.",
  },
  503: { name: "Unavailable", description: "The API is momentarily busy; retry." },
};

const HEADERS: Record<string, { description: string; schema: Json }> = {
  "X-Request-Id": { description: "The request's id: quote it when reporting a problem.", schema: { type: "string" } },
  "X-RateLimit-Limit": {
    description: "Requests allowed per 10-second window for this key.",
    schema: { type: "integer" },
  },
  "X-RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer" } },
  "X-RateLimit-Reset": { description: "When the window resets (Unix seconds).", schema: { type: "integer" } },
  "X-Quota-Limit": {
    description: "API calls per month of the tier (absent when unlimited).",
    schema: { type: "integer" },
  },
  "X-Quota-Remaining": { description: "API calls left this month.", schema: { type: "integer" } },
  "X-Quota-Reset": { description: "When the monthly quota resets (Unix seconds).", schema: { type: "integer" } },
  "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
};

const LIMIT_HEADERS = [
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
  "X-Quota-Limit",
  "X-Quota-Remaining",
  "X-Quota-Reset",
];

function headerRefs(names: string[]): Json {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/** Drops noise from zod's output: regexes that only restate a format, and JS safe-integer bounds. */
function tidy({ jsonSchema }: { jsonSchema: Json }): void {
  if (typeof jsonSchema.format === "string" && typeof jsonSchema.pattern === "string") delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

function mapRefs(value: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, rename));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/")
        ? [key, REF_PREFIX + rename(inner.slice("#/$defs/".length))]
        : [key, mapRefs(inner, rename)],
    ),
  );
}

function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, out));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/")) out.add(inner.slice(8));
      else refsIn(inner, out);
    }
  }
  return out;
}

/** Converts zod schemas and collects their named parts as components. */
class SchemaCollector {
  readonly schemas: Record<string, Json> = {};
  /** The raw JSON (refs still "#/$defs/…") stored under each plain id. */
  private readonly raw = new Map<string, string>();
  private readonly memo = new Map<string, Map<z.ZodType, Json>>([
    ["input", new Map()],
    ["output", new Map()],
  ]);

  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const cached = this.memo.get(io)!.get(schema);
    if (cached) return cached;
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any", override: tidy }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    const names = new Map<string, string>();
    const sameAsStored = (id: string, seen: Set<string>): boolean => {
      if (seen.has(id)) return true;
      seen.add(id);
      const stored = this.raw.get(id);
      if (stored !== undefined && stored !== JSON.stringify(defs[id])) return false;
      return [...refsIn(defs[id])].every((ref) => sameAsStored(ref, seen));
    };
    for (const id of Object.keys(defs)) {
      names.set(id, io === "output" || sameAsStored(id, new Set()) ? id : `${id}Input`);
    }
    const rename = (id: string) => names.get(id) ?? id;
    for (const [id, def] of Object.entries(defs)) {
      const name = rename(id);
      if (!this.schemas[name]) {
        this.schemas[name] = mapRefs(def, rename) as Json;
        if (name === id) this.raw.set(id, JSON.stringify(def));
      }
    }
    const result = mapRefs(json, rename) as Json;
    this.memo.get(io)!.set(schema, result);
    return result;
  }

  /** The schema itself when `json` is a bare $ref to a component. */
  resolve(json: Json): Json {
    const ref = json.$ref;
    return typeof ref === "string" && ref.startsWith(REF_PREFIX)
      ? (this.schemas[ref.slice(REF_PREFIX.length)] ?? json)
      : json;
  }
}

function parameters(collector: SchemaCollector, schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const json = collector.resolve(collector.convert(schema, "input"));
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function errorStatuses(def: ApiRouteDef): number[] {
  const statuses = new Set([400, 401, 403, 429, 503]);
  if (def.params) statuses.add(404);
  if (def.body || def.rawBody) statuses.add(413);
  for (const code of def.errors ?? []) statuses.add(ERROR_STATUS[code]);
  return [...statuses].filter((status) => ERROR_RESPONSES[status]).sort((a, b) => a - b);
}

function scopeNote(def: ApiRouteDef): string {
  const who =
    def.audience === "platform"
      ? "a platform key (or an operator's session)"
      : def.audience === "tenant"
        ? "a workspace key (or a member's session)"
        : "any valid key";
  return def.scope ? `Needs ${who} with the \`${def.scope}\` scope.` : `Needs ${who}.`;
}

function operation(collector: SchemaCollector, def: ApiRouteDef, isPublic: boolean): Json {
  const status = String(def.status ?? (def.response || def.rawResponse ? 200 : 204));
  const success: Json = {
    description: def.rawResponse?.description ?? (def.response ? "Success." : "Success, no content."),
    ...(isPublic ? {} : { headers: headerRefs(["X-Request-Id", ...LIMIT_HEADERS]) }),
    ...(def.response ? { content: { "application/json": { schema: collector.convert(def.response, "output") } } } : {}),
    ...(def.rawResponse ? { content: { [def.rawResponse.mediaType]: { schema: {} } } } : {}),
    ...(def.response
      ? {
          content: {
            [def.path.endsWith(".csv") ? "text/csv" : "application/json"]: {
              schema: collector.convert(def.response, "output"),
            },
          },
        }
      : {}),
  };
  const responses: Json = { [status]: success };
  if (!isPublic) {
    for (const code of errorStatuses(def)) {
      const error = ERROR_RESPONSES[code];
      if (error) responses[String(code)] = { $ref: `#/components/responses/${error.name}` };
    }
  }
  // Any other client error (a malformed URL, an undeclared method: 405 with Allow) has the same body.
  responses["4XX"] = { $ref: "#/components/responses/ClientError" };
  const description = [def.description, isPublic ? null : scopeNote(def)].filter(Boolean).join("\n\n");
  return {
    operationId: def.operationId,
    summary: def.summary,
    ...(description ? { description } : {}),
    tags: [def.tag],
    "x-required-scope": def.scope,
    "x-audience": isPublic ? "public" : def.audience,
    security: isPublic ? [] : [{ apiKey: [] }, { sessionCookie: [] }],
    ...(def.params || def.query
      ? { parameters: [...parameters(collector, def.params, "path"), ...parameters(collector, def.query, "query")] }
      : {}),
    ...(def.body
      ? {
          requestBody: {
            required: !def.body.safeParse(undefined).success,
            content: { "application/json": { schema: collector.convert(def.body, "input") } },
          },
        }
      : {}),
    ...(def.rawBody
      ? {
          requestBody: {
            required: true,
            description: def.rawBody.description,
            content: { [def.rawBody.mediaType]: { schema: {} } },
          },
        }
      : {}),
    responses,
  };
}

const INFO_DESCRIPTION = `The Tessera REST API.

**Authentication.** Send an API key as \`Authorization: Bearer <key>\`. Workspace keys (\`tsk_…\`) act on their
workspace with the scopes they were given; platform keys act on the tenants API. The app's own pages call the
same endpoints with the session cookie and name the workspace in the \`Tessera-Tenant\` header.

**Errors.** Every error is \`{ "error": { "code", "message", "details"? } }\`; invalid input answers 400
\`validation_failed\` with \`details\` mapping each field to its messages.

**Input.** Text must be valid Unicode: NUL, unpaired surrogates and control characters other than tab and line
breaks are refused in every field (names and other one-line labels refuse every control character and
bidirectional overrides). Dates are ISO 8601 date-times with a time zone. Request bodies are at most 1 MiB
(413 beyond).

**Lists.** List endpoints answer \`{ "data": [...], "next_cursor" }\`; pass \`next_cursor\` as \`cursor\` for the
next page (\`limit\` 1–100, default 25) until it is null.

**Limits.** Each key has a burst limit per 10 seconds and each workspace a monthly call quota, by tier. Every
response carries \`X-RateLimit-*\` (and \`X-Quota-*\`) headers; over a limit the API answers 429 with
\`Retry-After\`.`;

/**
 * The server URL of the committed copy (lib/api/openapi-document.json, written by
 * scripts/openapi-document.ts); the API reference page puts the deployment's APP_URL in its place.
 */
export const SNAPSHOT_SERVER_URL = "https://tessera.example";

export function buildOpenApiDocument(
  routes: readonly ApiRouteDef[] = V1_ROUTES,
  { serverUrl = env.APP_URL }: { serverUrl?: string } = {},
): Json {
  const collector = new SchemaCollector();
  const all = [
    ...routes.map((def) => ({ def, isPublic: false })),
    ...PUBLIC_ROUTES.map((def) => ({ def, isPublic: true })),
  ];
  // Outputs first, so a named schema keeps its plain id for its response form.
  for (const { def } of all) if (def.response) collector.convert(def.response, "output");
  collector.convert(errorSchema, "output");

  const paths: Record<string, Json> = {};
  for (const { def, isPublic } of all) {
    (paths[def.path] ??= {})[def.method.toLowerCase()] = operation(collector, def, isPublic);
  }
  const tags = [...new Set(all.map(({ def }) => def.tag))].map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}),
  }));
  const scopes = { ...TENANT_SCOPES, ...PLATFORM_SCOPES };
  const errorRef = { $ref: `${REF_PREFIX}Error` };
  const codesFor = (status: number) =>
    (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).filter(([, s]) => s === status).map(([code]) => code);

  return {
    openapi: "3.1.0",
    info: {
      title: "Tessera API",
      version: appVersion,
      description: INFO_DESCRIPTION,
      license: { name: appLicense, identifier: appLicense },
    },
    // The deployment's public origin (APP_URL); paths carry the /api/v1 prefix.
    servers: [{ url: serverUrl.replace(/\/+$/, ""), description: "This deployment" }],
    tags,
    paths,
    components: {
      schemas: collector.schemas,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "Tessera API key",
          description: `An API key: \`Authorization: Bearer <key>\`. Scopes: ${Object.entries(scopes)
            .map(([scope, { description }]) => `\`${scope}\` (${description})`)
            .join("; ")}.`,
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description:
            "The app's session cookie (__Secure-authjs.session-token over HTTPS), for the app's own pages: the " +
            "workspace is named in the Tessera-Tenant header, the member's role decides the scopes, and requests " +
            "other than GET must come from the app's origin.",
        },
      },
      headers: Object.fromEntries(Object.entries(HEADERS).map(([name, header]) => [name, header])),
      responses: {
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES).map(([status, { name, description }]) => [
            name,
            {
              description,
              "x-error-codes": codesFor(Number(status)),
              headers: headerRefs(
                Number(status) === 429 ? ["X-Request-Id", "Retry-After", ...LIMIT_HEADERS] : ["X-Request-Id"],
              ),
              content: { "application/json": { schema: errorRef } },
            },
          ]),
        ),
        ClientError: {
          description:
            "Any other client error, e.g. 405 for a method the path does not serve (the Allow header lists those it does).",
          headers: headerRefs(["X-Request-Id"]),
          content: { "application/json": { schema: errorRef } },
        },
      },
    },
  };
}

let cached: Json | undefined;

/** The document, built once per process. */
export function getOpenApiDocument(): Json {
  return (cached ??= buildOpenApiDocument());
}
