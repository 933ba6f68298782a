// The fuzz engine: hostile requests generated from what a route declares (its path, methods and
// zod schemas as JSON Schema), sent in-process the way `next start` would handle them — proxy.ts
// first where its matcher says it runs, then Next's router decoding the path parameters, then the route handler — and checked:
//   - never a 5xx (nor a handler that throws, nor one that hangs);
//   - every 4xx is the JSON error body { error: { code, message, details? } } whose code maps to
//     the status (405 with Allow);
//   - a refused request (4xx) writes no row (the write log of ./writes.ts).
// Seeded with fast-check: the same seed sends the same requests.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { z } from "zod";

import type { ApiRouteDef } from "@/lib/api/define";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { settleTracked } from "@/lib/analytics/record";

import {
  DELETE,
  HOSTILE_STRINGS,
  hostileAny,
  hostileFor,
  nodePaths,
  schemaAt,
  validFor,
  withNode,
  type JsonSchema,
} from "./values";
import { group } from "../indexed";
import { proxyMatches } from "../next-matcher";

export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

export type RouteModule = Record<string, unknown>;

export interface FuzzTarget {
  /** "POST /api/v1/api-keys". */
  name: string;
  method: string;
  /** The URL template: "{name}" is one segment, "{...name}" the rest of the path, "{...name?}" maybe none. */
  template: string;
  /** The route file's exports: the handler of every method it serves. */
  module: RouteModule;
  /** Headers a legitimate caller sends. */
  caller?: () => Record<string, string>;
  /** Other callers to try: no credentials, another tenant's key, a key without the scope… */
  otherCallers?: Record<string, string>[];
  /** Values for path parameters: ids of the caller's objects and of other tenants'. */
  ids?: string[];
  /** Catch-all paths worth reaching (e.g. Auth.js actions). */
  catchAll?: string[][];
  /** JSON Schemas (self-contained, with $defs) of the query and the body. */
  query?: JsonSchema;
  body?: JsonSchema;
  bodyEncoding?: "json" | "form";
  /** Headers that make a raw body genuine (webhook signatures); applied to some cases. */
  sign?: (raw: string) => Record<string, string>;
  /** Also try paths beyond the template (v1: unknown paths answer the JSON 404 of app/api/[[...path]]). */
  declaredFamily?: boolean;
}

export interface FuzzCase {
  kind: string;
  method: string;
  /** Raw path, percent-encoded as sent on the wire. */
  path: string;
  /** Raw query string without "?". */
  query: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  via: "proxy" | "router" | "handler";
}

export interface Finding {
  target: string;
  kind: string;
  request: string;
  problem: string;
}

export interface FuzzReport {
  requests: number;
  statuses: Record<number, number>;
  byTarget: Record<string, Record<number, number>>;
  findings: Finding[];
}

export interface RouteFile {
  template: string;
  module: RouteModule;
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  proxy: (request: NextRequest) => Promise<Response>;
  /** proxy.ts's `config`: the proxy runs only on the paths its matcher selects, as under `next start`. */
  proxyConfig: { matcher: string[] };
  /** Every route file, for routing a path the way Next.js would (a mutated path may reach another). */
  routes: RouteFile[];
  takeWrites: () => Promise<string[]>;
  timeoutMs?: number;
}

const errorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().min(1),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** A route's zod schema as the JSON Schema its requests are generated from (the input form). */
export function jsonSchemaOf(schema: z.ZodType | undefined): JsonSchema | undefined {
  return schema ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema) : undefined;
}

/** The target for a declared route (lib/api/define.ts): its path, method and schemas. */
export function declaredTarget(
  def: ApiRouteDef,
  module: RouteModule,
  who: Pick<FuzzTarget, "caller" | "otherCallers" | "ids">,
): FuzzTarget {
  return {
    name: `${def.method} ${def.path}`,
    method: def.method,
    template: def.path,
    module,
    ...who,
    query: jsonSchemaOf(def.query),
    body: jsonSchemaOf(def.body),
    declaredFamily: def.path.startsWith("/api/v1/"),
  };
}

// ─── Building requests ────────────────────────────────────────────────────────

function segmentOf(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80"; // a lone surrogate cannot be percent-encoded as UTF-8: send its CESU bytes
  }
}

const MALFORMED_SEGMENTS = ["%ZZ", "%", "%C0%AF", "%ED%A0%80", "%FF", "%E0%A4", "a%2", "%%"];

function fillTemplate(template: string, values: Record<string, string>): string {
  return template
    .split("/")
    .map((part) => {
      const match = /^\{(\.\.\.)?(\w+)\??\}$/.exec(part);
      return match ? (values[group(match, 2)] ?? "") : part;
    })
    .join("/");
}

function paramNames(template: string): { name: string; rest: boolean }[] {
  return [...template.matchAll(/\{(\.\.\.)?(\w+)\??\}/g)].map((m) => ({ name: group(m, 2), rest: Boolean(m[1]) }));
}

function encodeQuery(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  const parts: string[] = [];
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (inner === undefined) continue;
    const text = typeof inner === "string" ? inner : JSON.stringify(inner);
    parts.push(`${segmentOf(key)}=${segmentOf(text)}`);
  }
  return parts.join("&");
}

function encodeBody(value: unknown, encoding: "json" | "form"): string {
  if (encoding === "form") return encodeQuery(value);
  return JSON.stringify(value) ?? "";
}

const RAW_BODIES: (string | Uint8Array)[] = [
  "",
  " ",
  "null",
  "[]",
  "123",
  '"text"',
  "{",
  '{"a":',
  "{'single':'quotes'}",
  '{"a":1}garbage',
  "\ufeff{}",
  `{"deep":${"[".repeat(5_000)}${"]".repeat(5_000)}}`,
  "[{}]",
  "a=b&c=d",
  '--boundary\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--boundary--',
  new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x7d]),
  new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
  JSON.stringify({ x: "y".repeat(1024 * 1024) }),
];

const CONTENT_TYPES = [
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=boundary",
  "application/json; charset=latin1",
  "application/xml",
];

const RAW_QUERIES = [
  "%ZZ",
  "limit=%ZZ",
  "cursor=%00",
  "limit=1&limit=2",
  "limit[]=1",
  "limit=",
  "limit=-1",
  "limit=1e3",
  "limit=9999999999999999999999",
  "cursor=%ED%A0%80",
  "q=%C0%AF",
  `q=${"a".repeat(10_000)}`,
  "__proto__[x]=1",
  "&&&==&",
];

function caseArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzCase> {
  const params = paramNames(target.template);
  const ids = target.ids?.length ? target.ids : ["does-not-exist"];
  const goodSegment = fc.constantFrom(...ids).map(segmentOf);
  const hostileSegment = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS).map(segmentOf),
    fc.constantFrom(...MALFORMED_SEGMENTS),
  );
  const catchAlls = target.catchAll?.length ? target.catchAll : [["x"]];
  const catchAllValue = (hostile: boolean) =>
    fc
      .tuple(fc.constantFrom(...catchAlls), hostile ? hostileSegment : fc.constant(null), fc.nat())
      .map(([segments, bad, at]) => {
        const encoded = segments.map(segmentOf);
        if (bad !== null) encoded[at % encoded.length] = bad;
        return encoded.join("/");
      });
  const paramValues = (hostile: boolean) =>
    fc.record(
      Object.fromEntries(
        params.map(({ name, rest }) => [
          name,
          rest ? catchAllValue(hostile) : hostile ? fc.oneof(goodSegment, hostileSegment) : goodSegment,
        ]),
      ),
    ) as fc.Arbitrary<Record<string, string>>;

  const query = target.query;
  const body = target.body;
  const encoding = target.bodyEncoding ?? "json";
  const validQuery: fc.Arbitrary<unknown> = query ? validFor(query, query) : fc.constant(undefined);
  const validBody: fc.Arbitrary<unknown> = body ? validFor(body, body) : fc.constant(undefined);
  const caller = () => ({ ...(target.caller?.() ?? {}) });
  const bodyHeaders = (): Record<string, string> =>
    body ? { "content-type": encoding === "form" ? "application/x-www-form-urlencoded" : "application/json" } : {};

  const make = (
    kind: string,
    path: string,
    queryString: string,
    bodyText: string | Uint8Array | undefined,
    headers: Record<string, string> = {},
    method = target.method,
    signIt = false,
  ): FuzzCase => {
    const all = { ...caller(), ...bodyHeaders(), ...headers };
    if (signIt && target.sign && typeof bodyText === "string") Object.assign(all, target.sign(bodyText));
    return { kind, method, path, query: queryString, headers: all, body: bodyText };
  };

  const sign = target.sign ? fc.boolean() : fc.constant(false);
  const kinds: fc.WeightedArbitrary<FuzzCase>[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<FuzzCase>) => kinds.push({ weight, arbitrary });

  // A plausible request: some succeed, so successes and their writes are exercised too.
  add(
    2,
    fc
      .tuple(paramValues(false), validQuery, validBody, sign)
      .map(([p, q, b, s]) =>
        make(
          "valid",
          fillTemplate(target.template, p),
          encodeQuery(q),
          body ? encodeBody(b, encoding) : undefined,
          {},
          target.method,
          s,
        ),
      ),
  );
  // Hostile path parameters: other tenants' ids, NUL, controls, malformed encodings.
  if (params.length > 0) {
    add(
      3,
      fc
        .tuple(paramValues(true), validQuery, validBody)
        .map(([p, q, b]) =>
          make("param", fillTemplate(target.template, p), encodeQuery(q), body ? encodeBody(b, encoding) : undefined),
        ),
    );
  }
  // One query value replaced (declared parameters at their type, unknown ones), or a raw query.
  const queryKeys = query ? Object.keys((query.properties as object | undefined) ?? {}) : [];
  add(
    2,
    fc
      .tuple(
        paramValues(false),
        validQuery,
        fc.constantFrom(...queryKeys, "unknown", "__proto__"),
        fc.oneof(hostileAny, fc.constantFrom(...HOSTILE_STRINGS)),
        fc.constantFrom(...RAW_QUERIES),
        fc.boolean(),
      )
      .map(([p, q, key, value, raw, useRaw]) => {
        const queryString = useRaw ? raw : encodeQuery({ ...((q as object | undefined) ?? {}), [key]: value });
        return make("query", fillTemplate(target.template, p), queryString, body ? "{}" : undefined);
      }),
  );
  // One node of the body (at any depth) replaced by a hostile value aimed at its type, deleted,
  // or joined by an unknown field.
  if (body) {
    type Mutation = { value: unknown; op: string; path: (string | number)[] };
    const mutated: fc.Arbitrary<Mutation> = validBody.chain((sample) => {
      const nodes = nodePaths(sample);
      return fc
        .tuple(fc.constantFrom(...nodes), fc.constantFrom("replace", "replace", "replace", "delete", "extra"))
        .chain(([path, op]): fc.Arbitrary<Mutation> => {
          if (op === "delete") return fc.constant({ value: withNode(sample, path, DELETE), op, path });
          if (op === "extra") {
            return fc
              .tuple(fc.constantFrom("extra", "__proto__", "constructor", "\u0000", "id"), hostileAny)
              .map(([key, value]) => ({ value: withNode(sample, [...path, key], value), op, path }));
          }
          return hostileFor(schemaAt(body, body, path), body).map((value) => ({
            value: withNode(sample, path, value),
            op,
            path,
          }));
        });
    });
    add(
      6,
      fc
        .tuple(paramValues(false), validQuery, mutated, sign)
        .map(([p, q, m, s]) =>
          make(
            `body ${m.op} ${m.path.join(".") || "(root)"}`,
            fillTemplate(target.template, p),
            encodeQuery(q),
            encodeBody(m.value, encoding),
            {},
            target.method,
            s,
          ),
        ),
    );
  }
  // Raw bodies (not JSON, truncated, deeply nested, over the size limit, not UTF-8) and content types.
  add(
    2,
    fc
      .tuple(paramValues(false), fc.constantFrom(...RAW_BODIES), fc.option(fc.constantFrom(...CONTENT_TYPES)), sign)
      .map(([p, raw, contentType, s]) =>
        make(
          "raw body",
          fillTemplate(target.template, p),
          "",
          raw,
          contentType ? { "content-type": contentType } : {},
          target.method,
          s,
        ),
      ),
  );
  // Another caller: none, a malformed or unknown key, another tenant's key, a key without the scope.
  const callers: Record<string, string>[] = [
    {},
    { authorization: "Bearer" },
    { authorization: "Bearer tsk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    { authorization: "Basic dXNlcjpwYXNz" },
    { authorization: `Bearer ${"x".repeat(4096)}` },
    { cookie: `authjs.session-token=${"x".repeat(4000)}` },
    { cookie: "authjs.session-token=garbage; authjs.callback-url=javascript:alert(1)" },
    ...(target.otherCallers ?? []),
  ];
  add(
    1,
    fc.tuple(paramValues(false), validQuery, validBody, fc.constantFrom(...callers)).map(([p, q, b, who]) => {
      const c = make(
        "caller",
        fillTemplate(target.template, p),
        encodeQuery(q),
        body ? encodeBody(b, encoding) : undefined,
      );
      delete c.headers.authorization;
      delete c.headers.cookie;
      Object.assign(c.headers, who);
      return c;
    }),
  );
  // The same path with a method it does not serve, and paths next to it that do not exist.
  add(
    1,
    fc
      .tuple(paramValues(false), fc.constantFrom(...METHODS, "OPTIONS", "HEAD"))
      .map(([p, method]) =>
        make(
          "method",
          fillTemplate(target.template, p),
          "",
          method === "GET" || method === "HEAD" ? undefined : "{}",
          {},
          method,
        ),
      ),
  );
  if (target.declaredFamily) {
    add(
      1,
      fc
        .tuple(paramValues(false), fc.constantFrom("/extra", "/%00", "/..", "/x/y"))
        .map(([p, suffix]) => make("path", fillTemplate(target.template, p) + suffix, "", undefined)),
    );
  }
  return fc.oneof(...kinds);
}

// ─── Sending them as Next.js would ────────────────────────────────────────────

type Params = Record<string, string | string[]>;

/**
 * Matches a raw path against a template: the parameters (still encoded) and a rank (static
 * segments before dynamic ones before catch-alls, as Next.js prefers), or null.
 */
function matchTemplate(
  template: string,
  got: string[],
): { raw: Record<string, string[] | string>; rank: number[] } | null {
  const want = template.split("/").filter(Boolean);
  const raw: Record<string, string[] | string> = {};
  const rank: number[] = [];
  for (const [i, segment] of want.entries()) {
    const match = /^\{(\.\.\.)?(\w+)(\?)?\}$/.exec(segment);
    if (match?.[1]) {
      if (got.length <= i && !match[3]) return null;
      raw[group(match, 2)] = got.slice(i);
      rank.push(match[3] ? 3 : 2);
      return { raw, rank };
    }
    const value = got[i];
    if (value === undefined) return null;
    if (match) {
      raw[group(match, 2)] = value;
      rank.push(1);
    } else if (segment === value) rank.push(0);
    else return null;
  }
  return got.length === want.length ? { raw, rank } : null;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Next's router: the route file a path reaches and its decoded parameters. */
function route(
  routes: RouteFile[],
  pathname: string,
): { file: RouteFile; params: Params } | "no-match" | "decode-error" {
  const got = pathname.split("/").filter(Boolean);
  const candidates = routes
    .map((file) => ({ file, match: matchTemplate(file.template, got) }))
    .filter((c): c is { file: RouteFile; match: NonNullable<ReturnType<typeof matchTemplate>> } => c.match !== null)
    .sort((a, b) => compareRanks(a.match.rank, b.match.rank));
  const best = candidates[0];
  if (!best) return "no-match";
  try {
    const params = Object.fromEntries(
      Object.entries(best.match.raw).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.map((v) => decodeURIComponent(v)) : decodeURIComponent(value),
      ]),
    );
    return { file: best.file, params };
  } catch {
    return "decode-error";
  }
}

function requestInit(c: FuzzCase): { method: string; headers: Record<string, string>; body?: BodyInit } {
  const hasBody = c.body !== undefined && c.method !== "GET" && c.method !== "HEAD";
  return { method: c.method, headers: c.headers, body: hasBody ? (c.body as BodyInit) : undefined };
}

async function answer(c: FuzzCase, options: FuzzOptions): Promise<Answer> {
  const url = `http://localhost${c.path}${c.query ? `?${c.query}` : ""}`;
  // Before anything else, Next redirects a path with repeated slashes or backslashes (308).
  if (/\/\/|\\/.test(c.path)) return { status: 308, headers: new Headers(), text: "", via: "router" };
  if (proxyMatches(options.proxyConfig, url)) {
    const fromProxy = await options.proxy(new NextRequest(url, requestInit(c)));
    if (!fromProxy.headers.get("x-middleware-next")) {
      return { status: fromProxy.status, headers: fromProxy.headers, text: await fromProxy.text(), via: "proxy" };
    }
  }
  // Next redirects a trailing slash away; the URL parser drops dot segments.
  const pathname = new URL(url).pathname.replace(/(.)\/+$/, "$1");
  const found = route(options.routes, pathname);
  if (found === "decode-error") {
    // What Next's router does with a segment it cannot decode.
    return {
      status: 500,
      headers: new Headers({ "content-type": "text/plain" }),
      text: "Internal Server Error",
      via: "router",
    };
  }
  if (found === "no-match") {
    return {
      status: 404,
      headers: new Headers({ "content-type": "text/html" }),
      text: "<!DOCTYPE html>",
      via: "router",
    };
  }
  const method = c.method === "HEAD" ? "GET" : c.method;
  const handler = found.file.module[c.method] ?? found.file.module[method];
  if (c.method === "OPTIONS" && typeof handler !== "function") {
    return { status: 204, headers: new Headers(), text: "", via: "router" };
  }
  if (typeof handler !== "function") {
    // Next's own answer to a method the route file does not export: an empty 405.
    return { status: 405, headers: new Headers(), text: "", via: "router" };
  }
  const response = await (handler as RouteHandler)(new Request(url, requestInit(c)), {
    params: Promise.resolve(found.params),
  });
  return { status: response.status, headers: response.headers, text: await response.text(), via: "handler" };
}

function describeCase(c: FuzzCase): string {
  const body =
    c.body === undefined
      ? ""
      : ` ${typeof c.body === "string" ? JSON.stringify(c.body.length > 300 ? `${c.body.slice(0, 300)}…(${c.body.length})` : c.body) : `<${c.body.byteLength} bytes>`}`;
  const query = c.query ? `?${c.query.length > 200 ? `${c.query.slice(0, 200)}…` : c.query}` : "";
  const auth = c.headers.authorization ? ` [auth ${c.headers.authorization.slice(0, 24)}]` : "";
  return `${c.method} ${c.path.length > 200 ? `${c.path.slice(0, 200)}…` : c.path}${query}${auth}${body}`;
}

/** What is wrong with an answer, if anything (a HEAD answer has no body to check). */
export function problemsOf(a: Answer, writes: string[], method = "GET"): string[] {
  const problems: string[] = [];
  if (a.status >= 500) problems.push(`${a.status} from the ${a.via}: ${a.text.slice(0, 200)}`);
  if (a.status >= 400 && a.status < 500 && method !== "HEAD") {
    const type = a.headers.get("content-type") ?? "";
    let parsed: unknown;
    try {
      parsed = JSON.parse(a.text);
    } catch {
      parsed = undefined;
    }
    const envelope = errorBody.safeParse(parsed);
    if (!type.includes("application/json") || !envelope.success) {
      problems.push(`${a.status} without the JSON error body (${type || "no content type"}): ${a.text.slice(0, 120)}`);
    } else if (ERROR_STATUS[envelope.data.error.code] !== a.status) {
      problems.push(
        `${a.status} with code ${envelope.data.error.code} (which maps to ${ERROR_STATUS[envelope.data.error.code]})`,
      );
    }
    if (a.status === 405 && !a.headers.get("allow")) problems.push("405 without an Allow header");
  }
  if (a.status >= 400 && writes.length > 0)
    problems.push(`refused with ${a.status} but wrote rows: ${writes.join(", ")}`);
  return problems;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Runs `options.cases` hostile requests against one target; seeded per target. */
export async function fuzzTarget(target: FuzzTarget, options: FuzzOptions, report: FuzzReport): Promise<Finding[]> {
  const cases = fc.sample(caseArbitrary(target), {
    seed: (options.seed ^ hash(target.name)) | 0,
    numRuns: options.cases,
  });
  const findings: Finding[] = [];
  const counts = (report.byTarget[target.name] ??= {});
  await settleTracked();
  await options.takeWrites(); // whatever was written before belongs to no case
  for (const c of cases) {
    let a: Answer;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      a = await Promise.race([
        answer(c, options),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("no answer within the time limit")), options.timeoutMs ?? 20_000);
        }),
      ]);
    } catch (error) {
      // An exception escaping the handler is Next's 500.
      a = {
        status: 500,
        headers: new Headers(),
        text: `threw: ${error instanceof Error ? error.message : String(error)}`,
        via: "handler",
      };
    } finally {
      clearTimeout(timer);
    }
    // Analytics records in the background after the answer (lib/analytics/record.ts): let this
    // case's recordings land now, so they are counted with it and not with the next case.
    await settleTracked();
    const writes = await options.takeWrites();
    report.requests += 1;
    report.statuses[a.status] = (report.statuses[a.status] ?? 0) + 1;
    counts[a.status] = (counts[a.status] ?? 0) + 1;
    for (const problem of problemsOf(a, writes, c.method)) {
      findings.push({ target: target.name, kind: c.kind, request: describeCase(c), problem });
    }
  }
  report.findings.push(...findings);
  return findings;
}

export function emptyReport(): FuzzReport {
  return { requests: 0, statuses: {}, byTarget: {}, findings: [] };
}

/** "1,234 requests: 200 × 310, 400 × 800, …" */
export function summarize(report: FuzzReport): string {
  const statuses = Object.entries(report.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${status} × ${n}`)
    .join(", ");
  return `${report.requests} requests: ${statuses}; ${report.findings.length} findings`;
}
