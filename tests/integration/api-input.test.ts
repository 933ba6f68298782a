// Hostile input to /api/v1 (issue 17): each family that answered 500 — and for expiry dates,
// stored a key that broke the list — now answers 4xx with the JSON error body and the field
// named, and writes nothing. Through the real route handlers with real keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as keyItem from "@/app/api/v1/api-keys/[id]/route";
import * as keys from "@/app/api/v1/api-keys/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as createOrder from "@/app/api/v1/paypal/create-order/route";
import * as tenant from "@/app/api/v1/tenant/route";
import * as tenantItem from "@/app/api/v1/tenants/[id]/route";
import * as tenants from "@/app/api/v1/tenants/route";
import * as usageEvents from "@/app/api/v1/usage/events/route";
import { createApiKey, createPlatformKey, listApiKeys } from "@/lib/api-keys/keys";
import { TENANT_SCOPE_LIST } from "@/lib/api-keys/scopes";
import { withTenant } from "@/lib/db/tenant";
import type { TenantContext } from "@/lib/tenancy/context";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let ctx: TenantContext;
let admin: string;
let platform: string;

const ISO_IN_A_YEAR = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
const keyCount = () => withTenant(ctx.tenant.id, (tx) => tx.apiKey.count());

function expectRefused(res: { status: number; json: { error?: { code: string; details?: object } } }, field: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.error?.code).toBe("validation_failed");
  expect(Object.keys(res.json.error?.details ?? {})).toContain(field);
}

beforeAll(async () => {
  t = await openTestDb();
  ctx = await tenantWithOwner(t.db, "ENTERPRISE");
  admin = (await createApiKey(ctx, { name: "admin", scopes: TENANT_SCOPE_LIST })).secret;
  const op = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  platform = (
    await createPlatformKey(
      { id: op.id, email: op.email },
      { name: "ops", scopes: ["platform:read", "platform:write"] },
    )
  ).secret;
});

afterAll(async () => {
  await t.close();
});

describe("expiry dates (family 1: stored but unreadable)", () => {
  const create = (body: Record<string, unknown>) =>
    call(keys.POST, "POST", "/api/v1/api-keys", { key: admin, body: { name: "k", scopes: ["tenant:read"], ...body } });

  it("refuses out-of-range, numeric and bare-year expiries before writing anything", async () => {
    const before = await keyCount();
    for (const value of [8.64e15, 1e15, "+275760-09-13T00:00:00.000Z", "42", "2020-01-01T00:00:00Z", "2027-01-01"]) {
      expectRefused(await create({ expires_at: value }), "expires_at");
      expectRefused(await create({ expiresAt: value }), "expiresAt");
    }
    const tooFar = new Date();
    tooFar.setUTCFullYear(tooFar.getUTCFullYear() + 10, tooFar.getUTCMonth(), tooFar.getUTCDate() + 2);
    expectRefused(await create({ expires_at: tooFar.toISOString() }), "expires_at");
    expect(await keyCount()).toBe(before);
    const list = await call(keys.GET, "GET", "/api/v1/api-keys", { key: admin });
    expect(list.status).toBe(200);
  });

  it("takes expires_at (and the deprecated expiresAt) as an ISO 8601 date-time", async () => {
    const at = ISO_IN_A_YEAR();
    const created = await create({ expires_at: at });
    expect(created.status).toBe(201);
    expect(created.json.expires_at).toBe(at);
    const old = await create({ expiresAt: at.replace("Z", "+00:00") });
    expect(old.status).toBe(201);
    expect(old.json.expires_at).toBe(at);
    expect((await create({ expires_at: null })).json.expires_at).toBeNull();
    expectRefused(await create({ expires_at: at, expiresAt: at }), "expiresAt");
  });

  it("lists and reads keys whose stored expiry is past JavaScript's or RFC 3339's range", async () => {
    const { key: unreadable } = await createApiKey(ctx, { name: "far", scopes: ["tenant:read"] });
    const { key: sixDigitYear } = await createApiKey(ctx, { name: "farther", scopes: ["tenant:read"] });
    // What the old code let through: year 275760 reads back as an invalid Date, year 33658 as "+033658-…".
    await t.db.$executeRawUnsafe(
      `UPDATE api_keys SET "expiresAt" = '275760-09-13 00:00:00+00' WHERE id = $1`,
      unreadable.id,
    );
    await t.db.apiKey.update({ where: { id: sixDigitYear.id }, data: { expiresAt: new Date(1e15) } });
    const list = await call(keys.GET, "GET", "/api/v1/api-keys?limit=100", { key: admin });
    expect(list.status).toBe(200);
    const byId = new Map(list.json.data.map((k: { id: string; expires_at: string }) => [k.id, k.expires_at]));
    expect(byId.get(unreadable.id)).toBe("9999-12-31T23:59:59.999Z");
    expect(byId.get(sixDigitYear.id)).toBe("9999-12-31T23:59:59.999Z");
    const one = await call(keyItem.GET, "GET", "/x", { key: admin, params: { id: unreadable.id } });
    expect(one.status).toBe(200);
    // The workspace page reads the same list: every date there can be formatted.
    for (const key of await listApiKeys(ctx)) expect(() => key.expiresAt?.toISOString()).not.toThrow();
  });
});

describe("NUL bytes (family 3) and lone surrogates (family 4)", () => {
  it("refuses them in path parameters, naming the parameter", async () => {
    expectRefused(await call(keyItem.GET, "GET", "/x", { key: admin, params: { id: "\u0000" } }), "id");
    expectRefused(await call(keyItem.DELETE, "DELETE", "/x", { key: admin, params: { id: "a\u0000" } }), "id");
    expectRefused(await call(tenantItem.GET, "GET", "/x", { key: platform, params: { id: "\u0000" } }), "id");
  });

  it("refuses them in query parameters", async () => {
    expectRefused(await call(usageEvents.GET, "GET", "/api/v1/usage/events?cursor=%00", { key: admin }), "cursor");
    expectRefused(
      await call(usageEvents.GET, "GET", "/api/v1/usage/events?event_name=%00", { key: admin }),
      "event_name",
    );
    expectRefused(await call(tenants.GET, "GET", "/api/v1/tenants?q=%00", { key: platform }), "q");
  });

  it("refuses them in JSON strings and keys, and writes nothing", async () => {
    const name = ctx.tenant.name;
    expectRefused(
      await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: admin, body: { name: "a\u0000b" } }),
      "name",
    );
    expectRefused(
      await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: admin, body: { name: "a\ud800b" } }),
      "name",
    );
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } })).name).toBe(name);

    const before = await keyCount();
    expectRefused(
      await call(keys.POST, "POST", "/api/v1/api-keys", {
        key: admin,
        body: { name: "k\u0000", scopes: ["tenant:read"] },
      }),
      "name",
    );
    expect(await keyCount()).toBe(before);

    const event = { event_name: "api_requests", value: 1 };
    const record = (body: unknown) => call(usageEvents.POST, "POST", "/api/v1/usage/events", { key: admin, body });
    expectRefused(await record({ events: [{ ...event, id: "e\u0000" }] }), "events.0.id");
    expectRefused(
      await record({ events: [{ ...event, id: "e1", properties: { note: "x\u0000" } }] }),
      "events.0.properties.note",
    );
    expectRefused(
      await record({ events: [{ ...event, id: "e1", properties: { ["n\u0000"]: "x" } }] }),
      "events.0.properties.n?",
    );
    expectRefused(
      await record({ events: [{ ...event, id: "e1", properties: { note: "\udfff" } }] }),
      "events.0.properties.note",
    );
    expect(await withTenant(ctx.tenant.id, (tx) => tx.usageEvent.count())).toBe(0);

    expectRefused(
      await call(createOrder.POST, "POST", "/api/v1/paypal/create-order", {
        key: admin,
        body: { amount: 100, currency: "usd", description: "Tea\u0000" },
      }),
      "description",
    );
  });

  it("refuses a lone surrogate in owner_name before the tenant or its audit entry is written", async () => {
    const slug = uniq("fz").toLowerCase().slice(0, 40);
    const res = await call(tenants.POST, "POST", "/api/v1/tenants", {
      key: platform,
      body: { name: "Fuzz Co", slug, owner_email: `${slug}@example.test`, owner_name: "fz\ud800x" },
    });
    expectRefused(res, "owner_name");
    expect(await t.db.tenant.findUnique({ where: { slug } })).toBeNull();
  });
});

describe("names and emails (family 5)", () => {
  it("refuses control and bidi-override characters in names", async () => {
    for (const bad of ["Acme\nInc", "Acme\u0007", "Acme\u202eevil", "Ac\u2066me", "Tab\tCo"]) {
      expectRefused(await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: admin, body: { name: bad } }), "name");
      expectRefused(
        await call(keys.POST, "POST", "/api/v1/api-keys", { key: admin, body: { name: bad, scopes: ["tenant:read"] } }),
        "name",
      );
    }
    const ok = await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: admin, body: { name: "Café 東京 🍞" } });
    expect(ok.status).toBe(200);
  });

  it("refuses emails longer than 254 characters", async () => {
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`;
    expect(long.length).toBeGreaterThan(254);
    expectRefused(
      await call(invitations.POST, "POST", "/api/v1/invitations", {
        key: admin,
        body: { email: long, role: "member" },
      }),
      "email",
    );
    const slug = uniq("long").toLowerCase().slice(0, 40);
    expectRefused(
      await call(tenants.POST, "POST", "/api/v1/tenants", {
        key: platform,
        body: { name: "Long Co", slug, owner_email: long },
      }),
      "owner_email",
    );
  });
});
