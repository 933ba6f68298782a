// /api/v1 with the session cookie (the app's own pages): the workspace is named in the
// Tessera-Tenant header, scopes follow the member's role, cross-site writes are refused.
import { describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/tenancy/context";

const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => current.user }));

const ping = await import("@/app/api/v1/ping/route");
const keys = await import("@/app/api/v1/api-keys/route");
const { flushTenantUsage } = await import("@/lib/usage/flush");
const { call, tenantWithOwner } = await import("../helpers/api");
const { setupTestDb } = await import("../helpers/db");

const t = setupTestDb();

const COOKIE = { cookie: "authjs.session-token=test" };

describe("session calls", () => {
  it("needs the session cookie and the workspace header", async () => {
    const ctx = await tenantWithOwner(t.db);
    current.user = ctx.user;
    expect((await call(ping.GET, "GET", "/api/v1/ping")).status).toBe(401);
    const noTenant = await call(ping.GET, "GET", "/api/v1/ping", { headers: COOKIE });
    expect(noTenant.status).toBe(400);
    expect(noTenant.json.error.message).toMatch(/Tessera-Tenant/);
    const ok = await call(ping.GET, "GET", "/api/v1/ping", {
      headers: { ...COOKIE, "tessera-tenant": ctx.tenant.slug },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-limit")).toBe("20");
    await flushTenantUsage(ctx.tenant.id);
    const rollups = await t.db.usageRollup.findMany({ where: { tenantId: ctx.tenant.id } });
    expect(rollups).toEqual([expect.objectContaining({ apiKeyId: "", route: "GET /api/v1/ping", count: 1 })]);
  });

  it("answers 404 for a workspace the user is not a member of", async () => {
    const mine = await tenantWithOwner(t.db);
    const theirs = await tenantWithOwner(t.db);
    current.user = mine.user;
    const res = await call(ping.GET, "GET", "/api/v1/ping", {
      headers: { ...COOKIE, "tessera-tenant": theirs.tenant.slug },
    });
    expect(res.status).toBe(404);
  });

  it("derives scopes from the member's role", async () => {
    const ctx = await tenantWithOwner(t.db);
    const viewer = await t.db.user.create({ data: { email: `viewer-${ctx.tenant.slug}@example.test` } });
    await t.db.membership.create({ data: { tenantId: ctx.tenant.id, userId: viewer.id, role: "VIEWER" } });
    current.user = { id: viewer.id, email: viewer.email, name: null, isPlatformAdmin: false };
    const res = await call(keys.GET, "GET", "/api/v1/api-keys", {
      headers: { ...COOKIE, "tessera-tenant": ctx.tenant.slug },
    });
    expect(res.status).toBe(403);
    current.user = ctx.user;
    const owner = await call(keys.GET, "GET", "/api/v1/api-keys", {
      headers: { ...COOKIE, "tessera-tenant": ctx.tenant.slug },
    });
    expect(owner.status).toBe(200);
  });

  it("refuses cross-site writes made with the cookie", async () => {
    const ctx = await tenantWithOwner(t.db);
    current.user = ctx.user;
    const body = { name: "from the page", scopes: ["tenant:read"] };
    const headers = { ...COOKIE, "tessera-tenant": ctx.tenant.slug, host: "localhost" };
    const evil = await call(keys.POST, "POST", "/api/v1/api-keys", {
      body,
      headers: { ...headers, origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    expect(await t.db.apiKey.count({ where: { tenantId: ctx.tenant.id } })).toBe(0);
    const same = await call(keys.POST, "POST", "/api/v1/api-keys", {
      body,
      headers: { ...headers, origin: "http://localhost" },
    });
    expect(same.status).toBe(201);
    expect(same.json.secret).toMatch(/^tsk_live_/);
  });
});
