// The OpenAPI document: valid OpenAPI 3.1, and exactly the routes the app serves (every
// app/api/v1/**/route.ts and the HTTP methods it exports, in both directions).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { ApiReference } from "@/components/api-docs/api-reference";
import type { OpenApiDoc } from "@/components/api-docs/openapi-model";
import { buildOpenApiDocument, getOpenApiDocument, SNAPSHOT_SERVER_URL } from "@/lib/api/openapi";
import { V1_ROUTES } from "@/lib/api/v1";
import { env } from "@/lib/env";
import { prop } from "../helpers/indexed";
import { NOT_SERVED } from "@/lib/http/methods";

type Json = Record<string, unknown>;
type Operation = Json & { responses: Record<string, Json>; parameters?: Json[] };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "…/app/api/v1/members/[user_id]/route.ts" → "/api/v1/members/{user_id}". */
function apiPath(file: string): string {
  const rel = path.relative(ROOT, path.dirname(file)).split(path.sep).filter(Boolean);
  return ["/api/v1", ...rel.map((seg) => seg.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
}

const doc = buildOpenApiDocument() as Json & { paths: Record<string, Record<string, Operation>>; components: Json };

/** The operation for `method` (lower-case) at `apiPath`; fails naming what is missing. */
function operation(apiPath: string, method: string, source = doc): Operation {
  return prop(prop(source.paths, apiPath), method);
}

/** The JSON content of an operation's request body. */
function jsonBody(op: Operation): { schema: Json } {
  return prop((op.requestBody as { content: Record<string, { schema: Json }> }).content, "application/json");
}

function operations(): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([m, op]) => [p, m, op] as [string, string, Operation]),
  );
}

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, out));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") out.push(inner);
      else refs(inner, out);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator does bite: a broken copy is refused.
    const broken = structuredClone(doc);
    operation("/api/v1/ping", "get", broken).responses = "none" as never;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("lists exactly the routes app/api/v1 serves", async () => {
    const served: string[] = [];
    for (const file of routeFiles(ROOT)) {
      const mod = (await import(file)) as Record<string, unknown>;
      // The JSON-405 stubs of lib/http/methods.ts (a static path shadowing {id}) serve nothing.
      const methods = METHODS.filter(
        (method) =>
          typeof mod[method] === "function" && !(mod[method] as unknown as Record<symbol, unknown>)[NOT_SERVED],
      );
      expect(methods.length, file).toBeGreaterThan(0);
      for (const method of methods) served.push(`${method} ${apiPath(file)}`);
    }
    const documented = operations().map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(documented.sort()).toEqual(served.sort());
    expect(served).toContain("GET /api/v1/openapi.json");
    expect(served.length).toBeGreaterThanOrEqual(24);
  });

  it("describes every declared route with its scope, audience and security", () => {
    const ids = operations().map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const def of V1_ROUTES) {
      const op = operation(def.path, def.method.toLowerCase());
      expect(op.operationId).toBe(def.operationId);
      expect(op["x-required-scope"]).toBe(def.scope);
      expect(op["x-audience"]).toBe(def.audience);
      expect(op.security).toEqual([{ apiKey: [] }, { sessionCookie: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["400", "401", "403", "429"]));
      expect(op.responses[String(def.status ?? (def.response ? 200 : 204))]).toBeDefined();
      for (const code of def.errors ?? []) {
        const status = { not_found: "404", conflict: "409", limit_exceeded: "403" }[code as string];
        if (status) expect(op.responses[status], `${def.operationId} ${code}`).toBeDefined();
      }
      const pathParams = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared, def.operationId).toEqual(pathParams);
    }
    const self = operation("/api/v1/openapi.json", "get");
    expect(self.security).toEqual([]);
    expect(self["x-audience"]).toBe("public");
  });

  it("shares the error envelope, rate-limit headers and named schemas as components", () => {
    const components = doc.components as {
      schemas: Record<string, Json>;
      responses: Record<string, Json & { headers: Json; content: Json }>;
      securitySchemes: Record<string, Json>;
    };
    expect(components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(components.schemas.Error).toMatchObject({ required: ["error"] });
    for (const name of ["BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooManyRequests"]) {
      expect(prop(components.responses, name).content).toEqual({
        "application/json": { schema: { $ref: "#/components/schemas/Error" } },
      });
    }
    expect(Object.keys(prop(components.responses, "TooManyRequests").headers)).toEqual(
      expect.arrayContaining([
        "Retry-After",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "X-Quota-Limit",
      ]),
    );
    for (const name of [
      "Tenant",
      "PlatformTenant",
      "Member",
      "Invitation",
      "ApiKey",
      "UsageSummary",
      "UsageEvent",
      "MemberList",
    ]) {
      expect(components.schemas[name], name).toBeDefined();
    }
    const listMembers = prop(operation("/api/v1/members", "get").responses, "200") as { content: Record<string, Json> };
    expect(prop(listMembers.content, "application/json").schema).toEqual({ $ref: "#/components/schemas/MemberList" });
    // Every reference resolves.
    for (const ref of refs(doc)) {
      const [, section, kind, name] = ref.split("/");
      expect(section, ref).toBe("components");
      expect((doc.components as Record<string, Record<string, unknown>>)[kind ?? ""]?.[name ?? ""], ref).toBeDefined();
    }
  });

  it("documents inputs in their input form: defaults optional, enums lower-case", () => {
    const list = operation("/api/v1/members", "get").parameters ?? [];
    expect(list.find((p) => p.name === "limit")).toMatchObject({
      in: "query",
      required: false,
      schema: { default: 25 },
    });
    expect(list.find((p) => p.name === "role")?.schema).toEqual({ $ref: "#/components/schemas/Role" });
    const body = jsonBody(operation("/api/v1/tenants", "post")).schema;
    expect(body.required).toEqual(["name", "slug", "owner_email"]);
    expect(prop(doc.components.schemas as Record<string, Json>, "Tier").enum).toContain("white_label");
    const roll = operation("/api/v1/api-keys/{id}/roll", "post").requestBody as Json;
    expect(roll.required).toBe(false);
  });
});

describe("the document's contract (issue 17)", () => {
  it("types expires_at as a date-time and keeps expiresAt only as a deprecated alias", () => {
    const body = jsonBody(operation("/api/v1/api-keys", "post")).schema;
    expect(body).toEqual({ $ref: "#/components/schemas/CreateApiKey" });
    const schema = prop(
      doc.components.schemas as Record<string, Json & { properties: Record<string, Json> }>,
      "CreateApiKey",
    );
    expect(prop(schema.properties, "expires_at").anyOf).toEqual([
      { type: "string", format: "date-time" },
      { type: "null" },
    ]);
    expect(schema.properties.expiresAt).toMatchObject({ deprecated: true });
    expect(schema.required).toEqual(["name", "scopes"]);
    // No untyped fields anywhere in request bodies.
    expect(JSON.stringify(doc)).not.toContain('"anyOf":[{},{"type":"null"}]');
  });

  it("declares the 4XX responses with the JSON error schema on every operation", () => {
    for (const [p, method, op] of operations()) {
      expect(op.responses["4XX"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/ClientError" });
    }
    for (const def of V1_ROUTES) {
      const op = operation(def.path, def.method.toLowerCase());
      if (def.body)
        expect(op.responses["413"], def.operationId).toEqual({ $ref: "#/components/responses/ContentTooLarge" });
      if (def.params) expect(op.responses["404"], def.operationId).toBeDefined();
    }
    const responses = doc.components.responses as Record<string, { content: Json }>;
    for (const name of ["ClientError", "ContentTooLarge", "Unavailable"]) {
      expect(prop(responses, name).content).toEqual({
        "application/json": { schema: { $ref: "#/components/schemas/Error" } },
      });
    }
    const codes = (
      (doc.components.schemas as Record<string, Json>).Error as {
        properties: { error: { properties: { code: { enum: string[] } } } };
      }
    ).properties.error.properties.code.enum;
    expect(codes).toEqual(expect.arrayContaining(["payload_too_large", "method_not_allowed"]));
  });

  it("names its license and the deployment's origin (APP_URL) as the server", () => {
    expect((doc.info as Json).license).toEqual({ name: "MIT", identifier: "MIT" });
    expect(doc.servers).toEqual([{ url: env.APP_URL.replace(/\/+$/, ""), description: "This deployment" }]);
    expect(buildOpenApiDocument(undefined, { serverUrl: "https://api.example.test/" }).servers).toEqual([
      { url: "https://api.example.test", description: "This deployment" },
    ]);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document publicly and cacheably", async () => {
    const res = await openapiRoute.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("cache-control")).toContain("max-age");
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(getOpenApiDocument())));
    expect(getOpenApiDocument()).toBe(getOpenApiDocument());
  });
});

describe("/api/docs", () => {
  it("is built from a committed copy of the document that is current", () => {
    // pages/api-docs.tsx reads lib/api/openapi-document.json; `npx tsx scripts/openapi-document.ts` rewrites it.
    const copy = readFileSync(path.resolve(import.meta.dirname, "../../lib/api/openapi-document.json"), "utf8");
    const current = buildOpenApiDocument(V1_ROUTES, { serverUrl: SNAPSHOT_SERVER_URL });
    expect(JSON.parse(copy), "stale: run npx tsx scripts/openapi-document.ts").toEqual(
      JSON.parse(JSON.stringify(current)),
    );
  });

  it("renders every operation with an anchor, its scope and a curl example, without external resources", () => {
    const html = renderToStaticMarkup(
      createElement(ApiReference, { doc: doc as unknown as OpenApiDoc, specUrl: "/api/v1/openapi.json" }),
    );
    for (const [p, method, op] of operations()) {
      expect(html, op.operationId as string).toContain(`id="${op.operationId}"`);
      expect(html).toContain(`href="#${op.operationId}"`);
      expect(html).toContain(`${p}</code>`);
      expect(html).toContain(method.toUpperCase());
    }
    expect(html).toContain("members:write");
    expect(html).toContain("curl -X POST");
    expect(html).toContain("Authorization: Bearer $TESSERA_API_KEY");
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});
