// The fuzz suite (issue 17): hostile requests generated from the route declarations
// (lib/api/v1 through lib/api/define.ts) and the route files themselves — every /api/v1
// operation, the webhook routes, the Auth.js routes and every other route under app/api — sent
// in-process through proxy.ts and the handlers (tests/helpers/fuzz/engine.ts). Asserts: no 5xx,
// the JSON error body on every 4xx, and no row written by a refused request. Routes added later
// are picked up from the folder and the declarations; one that is not fails the coverage test.
//
// Seeded and bounded: FUZZ_SEED (default 17) reproduces a run; FUZZ_CASES (default 90) is the
// number of requests per operation (a third of it for routes without declared schemas).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import Stripe from "stripe";

import type { Env } from "@/lib/env";
import type { SessionUser } from "@/lib/tenancy/context";

const STRIPE_SECRET = "whsec_tessera_fuzz_stripe_secret";
const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    AUTH_SECRET: "fuzz-auth-secret-fuzz-auth-secret-fuzz-auth-secret",
    CRON_SECRET: "fuzz-cron-secret-0123456789",
    STRIPE_WEBHOOK_SECRET: "whsec_tessera_fuzz_stripe_secret",
    STRIPE_SECRET_KEY: undefined,
    PAYPAL_WEBHOOK_ID: "WH-TESSERA-TEST",
    PAYPAL_WEBHOOK_VERIFICATION: "offline",
  }),
);
// Session calls: whoever holds a session cookie is the fuzzed workspace's owner.
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => session.user }));

const { proxy, config: proxyConfig } = await import("@/proxy");
const { NOT_SERVED } = await import("@/lib/http/methods");
const { getOpenApiDocumentRoute } = await import("@/lib/api/openapi");
const { V1_ROUTES } = await import("@/lib/api/v1");
const { createApiKey, createPlatformKey, revokeApiKey } = await import("@/lib/api-keys/keys");
const { TENANT_SCOPE_LIST, PLATFORM_SCOPE_LIST } = await import("@/lib/api-keys/scopes");
const { createOrder } = await import("@/lib/billing/orders");
const { setStripeClient } = await import("@/lib/billing/stripe/client");
const { STRIPE_EVENT_TYPES } = await import("@/lib/billing/stripe/webhooks");
const { PAYPAL_HANDLERS } = await import("@/lib/billing/paypal/webhooks");
const { setPaypalCertificateSource } = await import("@/lib/billing/paypal/verify");
const { createInvitation } = await import("@/lib/tenancy/invitations");
const { recordUsageEvents } = await import("@/lib/usage/events");
const { createTenant } = await import("@/lib/tenancy/tenants");
const paypalFixtures = await import("../fixtures/fake-paypal");
const stripeFixtures = await import("../fixtures/fake-stripe");
const { tenantWithOwner } = await import("../helpers/api");
const { uniq } = await import("../helpers/db");
const engine = await import("../helpers/fuzz/engine");
const { openFuzzDb } = await import("../helpers/fuzz/writes");

type ApiRouteDef = (typeof V1_ROUTES)[number];
type FuzzTarget = import("../helpers/fuzz/engine").FuzzTarget;
type JsonSchema = import("../helpers/fuzz/values").JsonSchema;

const SEED = Number(process.env.FUZZ_SEED ?? 17);
const CASES = Number(process.env.FUZZ_CASES ?? 90);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const v1Modules = import.meta.glob<Record<string, unknown>>("/app/api/v1/**/route.ts", { eager: true });
const webhookModules = import.meta.glob<Record<string, unknown>>("/app/api/webhooks/**/route.ts", { eager: true });
const authModules = import.meta.glob<Record<string, unknown>>("/app/api/auth/**/route.ts", { eager: true });
const allModules = import.meta.glob<Record<string, unknown>>("/app/api/**/route.ts", { eager: true });

/** "/app/api/v1/members/[user_id]/route.ts" → "/api/v1/members/{user_id}" ("[...x]" → "{...x}", "[[...x]]" → "{...x?}"). */
function templateOf(file: string): string {
  return file
    .replace(/^\/app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[\[\.\.\.(\w+)\]\]/g, "{...$1?}")
    .replace(/\[\.\.\.(\w+)\]/g, "{...$1}")
    .replace(/\[(\w+)\]/g, "{$1}");
}

/** The methods a route file serves (not the 405 stubs of lib/http/methods.ts). */
function methodsOf(module: Record<string, unknown>): string[] {
  return METHODS.filter(
    (method) =>
      typeof module[method] === "function" && !(module[method] as unknown as Record<symbol, unknown>)[NOT_SERVED],
  );
}

const SERVED_V1: ApiRouteDef[] = [...V1_ROUTES, getOpenApiDocumentRoute as ApiRouteDef];
const ROUTE_FILES = Object.entries(allModules).map(([file, module]) => ({ template: templateOf(file), module }));

let fuzzDb: Awaited<ReturnType<typeof openFuzzDb>>;
let fakeStripe: Awaited<ReturnType<typeof stripeFixtures.startFakeStripe>>;
const world = {
  tenantKey: "",
  readerKey: "",
  revokedKey: "",
  otherKey: "",
  platformKey: "",
  platformReader: "",
  slug: "",
  otherSlug: "",
  csrfCookie: "",
  csrfToken: "",
  ids: [] as string[],
};
const report = engine.emptyReport();
const targets: FuzzTarget[] = [];

async function setUpWorld() {
  const owner = await tenantWithOwner(fuzzDb.db, "ENTERPRISE");
  const other = await tenantWithOwner(fuzzDb.db, "ENTERPRISE");
  session.user = owner.user;
  world.slug = owner.tenant.slug;
  world.otherSlug = other.tenant.slug;
  world.tenantKey = (await createApiKey(owner, { name: "fuzz admin", scopes: TENANT_SCOPE_LIST })).secret;
  world.readerKey = (
    await createApiKey(owner, { name: "fuzz reader", scopes: ["tenant:read", "members:read", "usage:read"] })
  ).secret;
  const revoked = await createApiKey(owner, { name: "fuzz revoked", scopes: TENANT_SCOPE_LIST });
  await revokeApiKey(owner, revoked.key.id);
  world.revokedKey = revoked.secret;
  world.otherKey = (await createApiKey(other, { name: "other", scopes: TENANT_SCOPE_LIST })).secret;
  const operator = await fuzzDb.db.user.create({
    data: { email: `${uniq("fuzz-op")}@example.test`, isPlatformAdmin: true },
  });
  const op = { id: operator.id, email: operator.email };
  world.platformKey = (await createPlatformKey(op, { name: "fuzz ops", scopes: PLATFORM_SCOPE_LIST })).secret;
  world.platformReader = (await createPlatformKey(op, { name: "fuzz ops ro", scopes: ["platform:read"] })).secret;

  // Objects the routes act on: the fuzzed workspace's own (some of which the fuzz may revoke,
  // remove or change) and another workspace's (which must stay out of reach).
  const ids: string[] = [owner.user.id, other.tenant.id, other.user.id];
  for (const ctx of [owner, other]) {
    for (let i = 0; i < 3; i += 1)
      ids.push((await createApiKey(ctx, { name: `victim ${i}`, scopes: ["tenant:read"] })).key.id);
    for (const role of ["MEMBER", "VIEWER"] as const) {
      const user = await fuzzDb.db.user.create({ data: { email: `${uniq("fuzz-m")}@example.test`, name: "Victim" } });
      await fuzzDb.db.membership.create({ data: { tenantId: ctx.tenant.id, userId: user.id, role } });
      ids.push(user.id);
    }
    for (let i = 0; i < 2; i += 1) {
      const invitation = await createInvitation(
        ctx,
        { email: `${uniq("fuzz-i")}@example.test`, role: "MEMBER" },
        { baseUrl: "http://localhost" },
      );
      ids.push(invitation.id);
    }
    await recordUsageEvents(ctx, {
      events: [1, 2, 3].map((n) => ({ id: `${ctx.tenant.slug}-evt-${n}`, event_name: "api_requests", value: n })),
    });
    ids.push(`${ctx.tenant.slug}-evt-1`);
    const order = await createOrder(ctx, { amount: 1999, currency: "usd", description: "Fuzz tea" }, uniq("req"), {
      scopeChecked: true,
    });
    ids.push(order.id);
    const customer = `cus_fuzz_${ctx.tenant.slug.replace(/[^a-z0-9]/g, "")}`;
    await fuzzDb.db.billingAccount.create({ data: { tenantId: ctx.tenant.id, stripeCustomerId: customer } });
    ids.push(customer);
  }
  for (let i = 0; i < 3; i += 1) {
    const slug = uniq("fuzz-t").toLowerCase().slice(0, 40);
    ids.push((await createTenant({ name: `Victim ${i}`, slug }, op, { trialTier: null, tier: "STARTER" })).id);
  }
  world.ids = ids;
}

/** Auth.js's CSRF double-submit pair, so that some sign-in posts reach the credentials check. */
async function csrfPair(module: Record<string, unknown>) {
  const handler = module.GET as import("../helpers/fuzz/engine").RouteHandler;
  const response = await handler(new Request("http://localhost/api/auth/csrf"), {
    params: Promise.resolve({ nextauth: ["csrf"] }),
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
  return { csrfToken, cookie };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const sessionCall = (slug: string) => ({
  cookie: "authjs.session-token=fuzz",
  "tessera-tenant": slug,
  origin: "http://localhost",
});

function v1Target(def: ApiRouteDef): FuzzTarget {
  const file = `/app${def.path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const routeModule = v1Modules[file];
  if (!routeModule) throw new Error(`no route file ${file} for ${def.method} ${def.path}`);
  const isPublic = def === (getOpenApiDocumentRoute as ApiRouteDef);
  const own = def.audience === "platform" ? world.platformKey : world.tenantKey;
  return engine.declaredTarget(def, routeModule, {
    caller: isPublic ? undefined : () => bearer(own),
    otherCallers: isPublic
      ? []
      : [
          bearer(world.readerKey),
          bearer(world.revokedKey),
          bearer(world.otherKey),
          bearer(def.audience === "platform" ? world.tenantKey : world.platformKey),
          bearer(world.platformReader),
          sessionCall(world.slug),
          sessionCall(world.otherSlug),
          sessionCall("%00"),
          { ...sessionCall(world.slug), origin: "https://evil.test" },
          { cookie: "authjs.session-token=fuzz" },
        ],
    ids: world.ids,
  });
}

const STRIPE_EVENT: JsonSchema = {
  type: "object",
  properties: {
    id: { type: "string", pattern: "^evt_[A-Za-z0-9]{8,24}$" },
    object: { const: "event" },
    type: { enum: STRIPE_EVENT_TYPES },
    created: { type: "integer", minimum: 1_700_000_000, maximum: 1_900_000_000 },
    livemode: { type: "boolean" },
    data: {
      type: "object",
      properties: {
        object: {
          type: "object",
          properties: {
            id: { type: "string", pattern: "^(sub|in|ch|cus|pi|cs|re|dp)_[A-Za-z0-9]{6,14}$" },
            object: { enum: ["subscription", "invoice", "charge", "customer", "checkout.session", "dispute"] },
            customer: { type: "string", pattern: "^cus_[A-Za-z0-9]{6,14}$" },
            status: { enum: ["active", "trialing", "past_due", "canceled", "paid", "open", "succeeded"] },
            amount: { type: "integer", minimum: 0, maximum: 100_000 },
            currency: { enum: ["usd", "eur"] },
            created: { type: "integer", minimum: 1_700_000_000, maximum: 1_900_000_000 },
            metadata: { type: "object", additionalProperties: { type: "string", maxLength: 40 } },
          },
          required: ["id", "object"],
        },
      },
      required: ["object"],
    },
  },
  required: ["id", "object", "type", "created", "data"],
};

const PAYPAL_EVENT: JsonSchema = {
  type: "object",
  properties: {
    id: { type: "string", pattern: "^WH-[A-Z0-9]{8,20}$" },
    event_version: { const: "1.0" },
    create_time: { type: "string", format: "date-time" },
    resource_type: { enum: ["subscription", "capture", "sale", "refund", "checkout-order", "payouts_item"] },
    event_type: { enum: Object.keys(PAYPAL_HANDLERS) },
    resource: {
      type: "object",
      properties: {
        id: { type: "string", pattern: "^[A-Z0-9-]{6,20}$" },
        status: { enum: ["ACTIVE", "COMPLETED", "SUSPENDED", "CANCELLED", "DENIED", "APPROVED"] },
        custom_id: { type: "string", maxLength: 40 },
        plan_id: { type: "string", pattern: "^P-[A-Z0-9]{6,20}$" },
        amount: {
          type: "object",
          properties: {
            currency_code: { enum: ["USD", "EUR"] },
            value: { type: "string", pattern: "^\\d{1,5}\\.\\d{2}$" },
          },
          required: ["currency_code", "value"],
        },
        create_time: { type: "string", format: "date-time" },
        update_time: { type: "string", format: "date-time" },
      },
      required: ["id"],
    },
  },
  required: ["id", "event_type", "create_time", "resource"],
};

function webhookTarget(file: string, method: string, module: Record<string, unknown>): FuzzTarget {
  const template = templateOf(file);
  const provider = template.split("/").pop();
  return {
    name: `${method} ${template}`,
    method,
    template,
    module,
    body: provider === "stripe" ? STRIPE_EVENT : provider === "paypal" ? PAYPAL_EVENT : undefined,
    sign:
      provider === "stripe"
        ? (raw) => ({
            "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: STRIPE_SECRET }),
          })
        : provider === "paypal"
          ? (raw) => paypalFixtures.signDelivery(raw)
          : undefined,
  };
}

const AUTH_ACTIONS = [
  ["session"],
  ["csrf"],
  ["providers"],
  ["signin"],
  ["signin", "credentials"],
  ["callback", "credentials"],
  ["signout"],
  ["error"],
  ["verify-request"],
  ["callback", "github"],
  ["unknown-action"],
];

function authTarget(file: string, method: string, module: Record<string, unknown>): FuzzTarget {
  const template = templateOf(file);
  return {
    name: `${method} ${template}`,
    method,
    template,
    module,
    caller: () => ({ cookie: world.csrfCookie }),
    catchAll: AUTH_ACTIONS,
    query:
      method === "GET"
        ? {
            type: "object",
            properties: { callbackUrl: { enum: ["/dashboard", "http://localhost/t/x"] }, error: { type: "string" } },
          }
        : undefined,
    body:
      method === "POST"
        ? {
            type: "object",
            properties: {
              csrfToken: { const: world.csrfToken },
              email: { type: "string", format: "email" },
              password: { type: "string", minLength: 1, maxLength: 30 },
              callbackUrl: { enum: ["/dashboard", "/t/acme"] },
              redirect: { enum: ["false", "true"] },
            },
            required: ["csrfToken"],
          }
        : undefined,
    bodyEncoding: "form",
  };
}

function otherTarget(file: string, method: string, module: Record<string, unknown>): FuzzTarget {
  const template = templateOf(file);
  return {
    name: `${method} ${template}`,
    method,
    template,
    module,
    caller: () => ({ cookie: "authjs.session-token=fuzz" }),
    otherCallers: [{ authorization: "Bearer fuzz-cron-secret-0123456789-wrong" }, { authorization: "Bearer " }],
    ids: [world.slug, world.otherSlug, ...world.ids.slice(0, 4)],
  };
}

beforeAll(async () => {
  fuzzDb = await openFuzzDb();
  fakeStripe = await stripeFixtures.startFakeStripe();
  setStripeClient(fakeStripe.client);
  setPaypalCertificateSource({ fetch: async () => paypalFixtures.TEST_CERT_PEM });
  await setUpWorld();
  const auth = Object.values(authModules)[0];
  if (auth) Object.assign(world, await csrfPair(auth));

  for (const def of SERVED_V1) targets.push(v1Target(def));
  for (const [file, module] of Object.entries(webhookModules)) {
    for (const method of methodsOf(module)) targets.push(webhookTarget(file, method, module));
  }
  for (const [file, module] of Object.entries(authModules)) {
    for (const method of methodsOf(module)) targets.push(authTarget(file, method, module));
  }
  for (const [file, module] of Object.entries(allModules)) {
    if (file in v1Modules || file in webhookModules || file in authModules) continue;
    for (const method of methodsOf(module)) targets.push(otherTarget(file, method, module));
  }
}, 180_000);

afterAll(async () => {
  setStripeClient(undefined);
  setPaypalCertificateSource(null);
  await fakeStripe?.close();
  await fuzzDb?.close();
  // The closing note's figures: requests and statuses of the whole run, per target below.
  console.log(`fuzz (seed ${SEED}, ${CASES} cases per operation): ${engine.summarize(report)}`);
  for (const [name, counts] of Object.entries(report.byTarget)) {
    const line = Object.entries(counts)
      .map(([status, n]) => `${status}×${n}`)
      .join(" ");
    console.log(`  ${name.padEnd(52)} ${line}`);
  }
}, 60_000);

describe("coverage: every route is fuzzed", () => {
  it("every v1 route file serves exactly the declared methods, and every declaration has its file", () => {
    const declared = new Set(SERVED_V1.map((def) => `${def.method} ${def.path}`));
    const served = new Set(
      Object.entries(v1Modules).flatMap(([file, module]) => methodsOf(module).map((m) => `${m} ${templateOf(file)}`)),
    );
    expect([...served].sort()).toEqual([...declared].sort());
  });

  it("every route file under app/api is a target, for every method it exports", () => {
    const all = Object.entries(allModules).flatMap(([file, module]) =>
      methodsOf(module).map((m) => `${m} ${templateOf(file)}`),
    );
    expect(targets.map((target) => target.name).sort()).toEqual(all.sort());
    expect(targets.filter((t) => t.template.startsWith("/api/webhooks/")).length).toBeGreaterThanOrEqual(2);
    expect(targets.filter((t) => t.template.startsWith("/api/auth/")).length).toBeGreaterThanOrEqual(2);
  });
});

describe("hostile requests", () => {
  // One test per target, named after it; built lazily because targets need the world first.
  const names = [
    ...SERVED_V1.map((def) => `${def.method} ${def.path}`),
    ...Object.entries(allModules)
      .filter(([file]) => !(file in v1Modules))
      .flatMap(([file, module]) => methodsOf(module).map((m) => `${m} ${templateOf(file)}`)),
  ];
  it.each(names)(
    "%s: no 5xx, the JSON error body on every 4xx, no write when refused",
    async (name) => {
      const target = targets.find((t) => t.name === name);
      expect(target, name).toBeDefined();
      const cases = target!.body || target!.query || target!.template.includes("{") ? CASES : Math.ceil(CASES / 3);
      const findings = await engine.fuzzTarget(
        target!,
        { seed: SEED, cases, proxy: proxy as never, proxyConfig, routes: ROUTE_FILES, takeWrites: fuzzDb.takeWrites },
        report,
      );
      expect(findings.map((f) => `${f.kind}: ${f.request}\n    → ${f.problem}`)).toEqual([]);
    },
    300_000,
  );
});
