// Tracing with an in-memory span exporter, registered through the app's own registerTracing()
// (@vercel/otel, Prisma's instrumentation, outbound HTTP spans): a Stripe webhook and a platform
// API call that cancels a subscription at Stripe's fake produce spans with the right parents and
// attributes, W3C trace context reaches the fake, error responses carry the trace id as request id,
// log lines carry it too, and no attribute holds personal data or secrets.
import { Module } from "node:module";

import { ProxyTracerProvider, SpanKind, context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

const settings = vi.hoisted(() => ({
  env: undefined as unknown as Env,
  secret: "whsec_tessera_tracing_test_secret",
}));
vi.mock("@/lib/env", async (importOriginal) =>
  // Inline processing: the delivery span holds the processing span (with the default worker mode,
  // processing is a trace of its own, started by the worker).
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_WEBHOOK_SECRET: settings.secret,
    STRIPE_SECRET_KEY: undefined,
    WEBHOOK_PROCESSING: "inline",
  }),
);

const exporter = new InMemorySpanExporter();
const { registerTracing } = await import("@/lib/observability/otel");
const requireBefore = Module.prototype.require;
registerTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const requireAfter = Module.prototype.require;

const webhook = await import("@/app/api/webhooks/stripe/route");
const tenantItem = await import("@/app/api/v1/tenants/[id]/route");
const { createPlatformKey } = await import("@/lib/api-keys/keys");
const { setStripeClient } = await import("@/lib/billing/stripe/client");
const { logger } = await import("@/lib/observability/logger");
const { withSpan } = await import("@/lib/observability/tracing");
const { LeanTracerProvider } = await import("@/lib/observability/lean-tracer");
const { LeanContextManager } = await import("@/lib/observability/context-manager");
const { checkCacheHealth } = await import("@/lib/cache-console/health");
const fx = await import("../fixtures/fake-stripe");
const { call, tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

type TestDb = Awaited<ReturnType<typeof openTestDb>>;
type FakeStripe = Awaited<ReturnType<typeof fx.startFakeStripe>>;

let t: TestDb;
let fake: FakeStripe;
let platformKey: string;
let ownerEmail: string;
let tenantId: string;
let subscriptionId: string;

beforeAll(async () => {
  t = await openTestDb();
  fake = await fx.startFakeStripe();
  setStripeClient(fake.client);
  const op = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  platformKey = (
    await createPlatformKey(
      { id: op.id, email: op.email },
      { name: "ops", scopes: ["platform:read", "platform:write"] },
    )
  ).secret;
  const ctx = await tenantWithOwner(t.db, "STARTER");
  ownerEmail = ctx.user.email;
  tenantId = ctx.tenant.id;
  subscriptionId = fx.stripeId("sub");
}, 60_000);

afterAll(async () => {
  setStripeClient(undefined);
  await fake?.close();
  await t?.close();
});

const spans = () => exporter.getFinishedSpans();
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** Whether `ancestor` is above `span` in its trace. */
function descends(span: ReadableSpan, ancestor: ReadableSpan, all: ReadableSpan[]): boolean {
  let current: ReadableSpan | undefined = span;
  for (let depth = 0; current && depth < 50; depth += 1) {
    if (parentOf(current) === ancestor.spanContext().spanId) return true;
    const parentId = parentOf(current);
    current = all.find((candidate) => candidate.spanContext().spanId === parentId);
  }
  return false;
}

function noPersonalData(all: ReadableSpan[]) {
  for (const span of all) {
    const text = JSON.stringify(span.attributes);
    expect(text, span.name).not.toContain(ownerEmail);
    expect(text, span.name).not.toContain(platformKey);
    expect(text, span.name).not.toContain(settings.secret);
  }
}

describe("traces", () => {
  it("a Stripe webhook: the delivery span, its processing, the tenant, and the database below", async () => {
    exporter.reset();
    const subscription = fx.subscriptionObject({
      id: subscriptionId,
      tenantId,
      lookupKey: "tessera_starter_month_usd",
      created: fx.unix(new Date(Date.now() - 86_400_000)),
    });
    fake.state.subscriptions.set(subscriptionId, subscription);
    const response = await webhook.POST(
      fx.signedStripeRequest(fx.stripeEvent("customer.subscription.created", subscription), settings.secret),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { outcome: string }).outcome).toBe("processed");

    const all = spans();
    const delivery = all.find((span) => span.name === "webhook stripe");
    const processing = all.find((span) => span.name === "webhook.process");
    expect(delivery?.attributes).toMatchObject({
      "tessera.webhook.provider": "stripe",
      "tessera.webhook.event_type": "customer.subscription.created",
      "tessera.webhook.outcome": "processed",
      "http.response.status_code": 200,
    });
    expect(delivery && parentOf(delivery)).toBeUndefined();
    expect(processing && parentOf(processing)).toBe(delivery?.spanContext().spanId);
    expect(processing?.attributes).toMatchObject({
      "tessera.tenant_id": tenantId,
      "tessera.webhook.event_type": "customer.subscription.created",
      "tessera.webhook.attempt": 1,
      "tessera.webhook.outcome": "processed",
    });
    // Prisma's spans sit inside the processing span: the event stored, the ledger written.
    const prisma = all.filter(
      (span) => span.name.startsWith("prisma:") && processing && descends(span, processing, all),
    );
    expect(prisma.length).toBeGreaterThan(0);
    // One span per Prisma call: serialize and db_query are left out on purpose (lib/observability/otel.ts
    // IGNORED_PRISMA_SPANS); the operation span names the model and method.
    expect(
      all.filter((span) => span.name === "prisma:client:serialize" || span.name === "prisma:client:db_query"),
    ).toEqual([]);
    expect(prisma.some((span) => span.name === "prisma:client:operation")).toBe(true);
    noPersonalData(all);
  });

  it("a platform API call that cancels at Stripe: gate, database, Redis and the outbound call, with trace context", async () => {
    exporter.reset();
    fake.server.requests.length = 0;
    const result = await call(tenantItem.DELETE, "DELETE", `/api/v1/tenants/${tenantId}`, {
      key: platformKey,
      params: { id: tenantId },
    });
    expect(result.status).toBe(200);

    const all = spans();
    const api = all.find((span) => span.name === "api DELETE /api/v1/tenants/{id}");
    expect(api?.attributes).toMatchObject({
      "http.route": "/api/v1/tenants/{id}",
      "http.request.method": "DELETE",
      "http.response.status_code": 200,
      "tessera.auth": "api_key",
    });
    const gate = all.find((span) => span.name === "api.gate");
    expect(gate && parentOf(gate)).toBe(api?.spanContext().spanId);
    // The caller is on the API span; the gate, its child, carries no copies.
    expect(api?.attributes["tessera.api_key_id"]).toEqual(expect.any(String));
    expect(gate?.attributes["tessera.api_key_id"]).toBeUndefined();
    // The gate's Redis round trip is counted on the gate's span, not a span of its own; Prisma is below the API span.
    expect(gate?.attributes["tessera.redis.commands"]).toBeGreaterThanOrEqual(1);
    expect(
      all.filter((span) => span.name.startsWith("redis ") && gate && parentOf(span) === gate.spanContext().spanId),
    ).toEqual([]);
    expect(all.some((span) => span.name.startsWith("prisma:") && api && descends(span, api, all))).toBe(true);

    // The outbound call to Stripe: a client span under the API span, with Stripe's request id…
    const outbound = all.find(
      (span) =>
        api &&
        descends(span, api, all) &&
        JSON.stringify(span.attributes).includes(`/v1/subscriptions/${subscriptionId}`),
    );
    expect(outbound, all.map((span) => span.name).join(", ")).toBeDefined();
    expect(String(outbound?.attributes["provider.request_id"]), JSON.stringify(outbound?.attributes)).toMatch(
      /^req_fake\d+$/,
    );
    // …and W3C trace context on the request the fake received.
    const cancel = fake.server.calls("DELETE", `/v1/subscriptions/${subscriptionId}`)[0];
    const traceparent = String(cancel?.headers.traceparent ?? "");
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(traceparent.split("-")[1]).toBe(api?.spanContext().traceId);
    noPersonalData(all);
  });

  it("under a server's request span (Next's), an API call adds the gate only: its attributes go on the request span", async () => {
    exporter.reset();
    const result = await withSpan(
      "GET /api/v1/tenants/[id]",
      { "http.route": "/api/v1/tenants/[id]" },
      () => call(tenantItem.GET, "GET", `/api/v1/tenants/${tenantId}`, { key: platformKey, params: { id: tenantId } }),
      SpanKind.SERVER,
    );
    expect(result.status).toBe(200);
    const all = spans();
    const request = all.find((span) => span.name === "GET /api/v1/tenants/[id]");
    expect(all.filter((span) => span.name.startsWith("api GET"))).toEqual([]);
    expect(request?.attributes).toMatchObject({
      "http.route": "/api/v1/tenants/{id}",
      "http.request.method": "GET",
      "http.response.status_code": 200,
      "tessera.auth": "api_key",
      "tessera.api_key_id": expect.any(String),
    });
    const gate = all.find((span) => span.name === "api.gate");
    expect(gate && parentOf(gate)).toBe(request?.spanContext().spanId);
    expect(result.headers.get("x-request-id")).toBe(request?.spanContext().traceId);
    noPersonalData(all);
  });

  it("an error response's request id is its trace id", async () => {
    exporter.reset();
    const result = await call(tenantItem.GET, "GET", `/api/v1/tenants/${tenantId}`, {
      key: "tsk_not_a_real_key_000000000000000000000000",
      params: { id: tenantId },
    });
    expect(result.status).toBe(401);
    const api = spans().find((span) => span.name === "api GET /api/v1/tenants/{id}");
    expect(api?.attributes["http.response.status_code"]).toBe(401);
    expect(result.headers.get("x-request-id")).toBe(api?.spanContext().traceId);
  });

  it("the 405 and 404 answers outside the gate carry the trace id too", async () => {
    const notFound = await import("@/app/api/[[...path]]/route");
    const health = await import("@/app/api/health/route");
    await withSpan("test.request", {}, async (span) => {
      const missing = notFound.GET(new Request("http://localhost/api/nothing-here"));
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-request-id")).toBe(span.spanContext().traceId);
      const refused = await health.POST(new Request("http://localhost/api/health", { method: "POST" }));
      expect(refused.status).toBe(405);
      expect(refused.headers.get("x-request-id")).toBe(span.spanContext().traceId);
    });
  });

  it("log lines carry the trace and span ids", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    try {
      await withSpan("test.log", {}, async (span) => {
        logger.warn("inside a span", { tenantId });
        const fields = JSON.parse(lines[0] ?? "{}") as Record<string, string>;
        expect(fields.traceId).toBe(span.spanContext().traceId);
        expect(fields.spanId).toBe(span.spanContext().spanId);
      });
      logger.warn("outside");
      expect(JSON.parse(lines[1] ?? "{}")).not.toHaveProperty("traceId");
    } finally {
      spy.mockRestore();
    }
  });
  it("Next.js's bookkeeping spans are not recorded, nor spans inside them; the request and handler spans are", async () => {
    exporter.reset();
    const tracer = trace.getTracer("next.js");
    const nextSpan = <T>(type: string, name: string, fn: () => Promise<T>) =>
      tracer.startActiveSpan(name, { attributes: { "next.span_type": type, "next.span_name": name } }, async (span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      });
    await nextSpan("BaseServer.handleRequest", "GET /api/health", async () => {
      await nextSpan("NextNodeServer.findPageComponents", "resolve page components", () =>
        nextSpan("LoadComponents.loadRouteModule", "load route module", async () => {
          await withSpan("inside.bookkeeping", {}, async () => undefined);
        }),
      );
      await nextSpan("RouteModule.prepare", "prepare route module", async () => undefined);
      await nextSpan("AppRouteRouteHandlers.runHandler", "executing api route (app) /api/health", () =>
        withSpan("redis ping", {}, async () => undefined),
      );
      await nextSpan("NextNodeServer.startResponse", "start response", async () => undefined);
    });
    const names = spans().map((span) => span.name);
    expect(names.sort()).toEqual(["GET /api/health", "executing api route (app) /api/health", "redis ping"].sort());
    const byName = new Map(spans().map((span) => [span.name, span]));
    const request = byName.get("GET /api/health");
    const handler = byName.get("executing api route (app) /api/health");
    expect(handler && parentOf(handler)).toBe(request?.spanContext().spanId);
    const ping = byName.get("redis ping");
    expect(ping && parentOf(ping)).toBe(handler?.spanContext().spanId);
  });

  it("the health check is one cache.health span that counts its Redis commands, with the state it found", async () => {
    exporter.reset();
    const health = await checkCacheHealth();
    const all = spans();
    const check = all.find((span) => span.name === "cache.health");
    expect(check?.attributes["tessera.cache.state"]).toBe(health.state);
    // PING, and on a Redis server INFO, CONFIG GET and SLOWLOG GET: counted, not a span each.
    expect(check?.attributes["tessera.redis.commands"]).toBe(health.transport === "memory" ? 1 : 4);
    expect(all.filter((span) => span.name.startsWith("redis "))).toEqual([]);
  });

  it("spans come from Tessera's tracer provider and context manager, registered globally with @vercel/otel's resource, and no require hook", async () => {
    const provider = trace.getTracerProvider() as ProxyTracerProvider;
    expect(provider.getDelegate()).toBeInstanceOf(LeanTracerProvider);
    // No require hook is left behind (require-in-the-middle re-resolved every require() call);
    // Prisma's spans still come (the webhook test above sees the database below its processing).
    expect(requireAfter).toBe(requireBefore);
    exporter.reset();
    // The context manager registered (Tessera's) makes a span current across an await.
    expect(context["_getContextManager"]()).toBeInstanceOf(LeanContextManager);
    await withSpan("outer", {}, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await withSpan("inner", {}, async () => undefined);
    });
    const byName = new Map(spans().map((span) => [span.name, span]));
    expect(parentOf(byName.get("inner")!)).toBe(byName.get("outer")?.spanContext().spanId);
    expect(byName.get("outer")?.resource.attributes["service.name"]).toBe(settings.env.OTEL_SERVICE_NAME);
  });
});
