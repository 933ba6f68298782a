// The workspace side of /api/v1 (tenant, members, invitations, API keys, usage) through the real
// route handlers with real keys: happy paths, field errors, other tenants' ids and pagination.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as keyItem from "@/app/api/v1/api-keys/[id]/route";
import * as invitationItem from "@/app/api/v1/invitations/[id]/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as memberItem from "@/app/api/v1/members/[user_id]/route";
import * as members from "@/app/api/v1/members/route";
import * as tenant from "@/app/api/v1/tenant/route";
import * as usageEvents from "@/app/api/v1/usage/events/route";
import * as usage from "@/app/api/v1/usage/route";
import { createApiKey } from "@/lib/api-keys/keys";
import { TENANT_SCOPE_LIST, type TenantScope } from "@/lib/api-keys/scopes";
import type { Role } from "@/lib/db/generated/enums";
import { withTenant } from "@/lib/db/tenant";
import type { TenantContext } from "@/lib/tenancy/context";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";

type Handler = Parameters<typeof call>[0];

let t: TestDb;
let ctx: TenantContext;
let other: TenantContext;
/** A key with every workspace scope, one with read scopes only, and one of the other tenant. */
let admin: string;
let reader: string;
let otherKey: string;
let otherKeyId: string;

async function key(c: TenantContext, scopes: TenantScope[]) {
  return createApiKey(c, { name: uniq("k"), scopes });
}

async function addMember(c: TenantContext, role: Role, name: string) {
  const user = await t.db.user.create({
    data: { email: `${uniq(at(name.split(" "), 0).toLowerCase())}@example.test`, name },
  });
  await t.db.membership.create({ data: { tenantId: c.tenant.id, userId: user.id, role } });
  return user;
}

/** Follows next_cursor from the first page to the last; returns every row's id in order. */
async function walk(handler: Handler, path: string, secret: string, idOf: (row: Record<string, unknown>) => string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await call(handler, "GET", cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path, {
      key: secret,
    });
    expect(res.status).toBe(200);
    ids.push(...(res.json.data as Record<string, unknown>[]).map(idOf));
    cursor = res.json.next_cursor;
    if (!cursor) return ids;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  t = await openTestDb();
  // Enterprise: a burst limit of 2,500 per 10 s, so the many calls of this file never meet a 429.
  ctx = await tenantWithOwner(t.db, "ENTERPRISE");
  other = await tenantWithOwner(t.db, "ENTERPRISE");
  admin = (await key(ctx, TENANT_SCOPE_LIST)).secret;
  reader = (await key(ctx, ["tenant:read", "members:read", "usage:read"])).secret;
  const created = await key(other, TENANT_SCOPE_LIST);
  otherKey = created.secret;
  otherKeyId = created.key.id;
});

afterAll(async () => {
  await t.close();
});

describe("/api/v1/tenant", () => {
  it("reads the workspace with its effective tier and limits", async () => {
    const res = await call(tenant.GET, "GET", "/api/v1/tenant", { key: reader });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: ctx.tenant.id,
      slug: ctx.tenant.slug,
      tier: "enterprise",
      effective_tier: "enterprise",
      trial_tier: null,
      trial_ends_at: null,
      status: "active",
      limits: { users: 500, ai_agents: 50, api_calls_per_month: 1_000_000, api_requests_per_10s: 2_500 },
    });
    expect(res.json.created_at).toBe(ctx.tenant.createdAt.toISOString());
  });

  it("renames it with tenant:write, with field errors for a bad name", async () => {
    const ok = await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: admin, body: { name: "  Renamed Co " } });
    expect(ok.status).toBe(200);
    expect(ok.json.name).toBe("Renamed Co");
    const bad = await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: admin, body: { name: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(Object.keys(bad.json.error.details)).toEqual(["name"]);
    const denied = await call(tenant.PATCH, "PATCH", "/api/v1/tenant", { key: reader, body: { name: "Nope Co" } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.details).toEqual({ required_scope: "tenant:write" });
  });

  it("answers 400 bad_request to a body that is not JSON", async () => {
    const res = await tenant.PATCH(
      new Request("http://localhost/api/v1/tenant", {
        method: "PATCH",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: "{name:",
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });
});

describe("/api/v1/members", () => {
  let member: { id: string };
  let owner: string;
  let roster: string[];

  beforeAll(async () => {
    owner = ctx.user.id;
    await addMember(ctx, "ADMIN", "Ada Admin");
    member = await addMember(ctx, "MEMBER", "Mo Member");
    await addMember(ctx, "MEMBER", "Mia Member");
    await addMember(ctx, "VIEWER", "Vic Viewer");
    await addMember(ctx, "VIEWER", "Val Viewer");
    await addMember(ctx, "BILLING", "Bea Billing");
    roster = (await t.db.membership.findMany({ where: { tenantId: ctx.tenant.id } })).map((m) => m.userId);
  });

  it("walks every member once with next_cursor", async () => {
    const ids = await walk(members.GET, "/api/v1/members?limit=2", reader, (row) => row.user_id as string);
    expect(ids).toHaveLength(roster.length);
    expect(new Set(ids)).toEqual(new Set(roster));
    expect(ids[0]).toBe(owner);
  });

  it("filters by role and by email or name", async () => {
    const viewers = await call(members.GET, "GET", "/api/v1/members?role=viewer", { key: reader });
    expect(viewers.json.data.map((m: { role: string }) => m.role)).toEqual(["viewer", "viewer"]);
    const byName = await call(members.GET, "GET", "/api/v1/members?q=MIA", { key: reader });
    expect(byName.json.data.map((m: { name: string }) => m.name)).toEqual(["Mia Member"]);
    const byEmail = await call(
      members.GET,
      "GET",
      `/api/v1/members?q=${encodeURIComponent(ctx.user.email.toUpperCase())}`,
      { key: reader },
    );
    expect(byEmail.json.data.map((m: { user_id: string }) => m.user_id)).toEqual([owner]);
  });

  it("refuses a bad limit, cursor or role with field errors", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["cursor=not-a-cursor", "cursor"],
      ["role=boss", "role"],
    ]) {
      const res = await call(members.GET, "GET", `/api/v1/members?${query}`, { key: reader });
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.json.error.details), query).toEqual([field]);
    }
  });

  it("reads, re-roles and removes a member; other tenants' members are 404", async () => {
    const got = await call(memberItem.GET, "GET", "/x", { key: reader, params: { user_id: member.id } });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ user_id: member.id, role: "member", name: "Mo Member" });

    const patch = (userId: string, body: unknown, secret = admin) =>
      call(memberItem.PATCH, "PATCH", "/x", { key: secret, params: { user_id: userId }, body });
    const changed = await patch(member.id, { role: "viewer" });
    expect(changed.status).toBe(200);
    expect(changed.json.role).toBe("viewer");
    expect((await patch(member.id, { role: "owner" })).json.error.details).toHaveProperty("role");
    expect((await patch(member.id, { role: "boss" })).status).toBe(400);
    expect((await patch(owner, { role: "admin" })).status).toBe(403);
    expect((await patch(member.id, { role: "admin" }, reader)).status).toBe(403);
    expect((await patch(other.user.id, { role: "viewer" })).status).toBe(404);

    const otherGet = await call(memberItem.GET, "GET", "/x", { key: reader, params: { user_id: other.user.id } });
    expect(otherGet.status).toBe(404);
    const otherDelete = await call(memberItem.DELETE, "DELETE", "/x", {
      key: admin,
      params: { user_id: other.user.id },
    });
    expect(otherDelete.status).toBe(404);
    expect(await t.db.membership.count({ where: { tenantId: other.tenant.id, userId: other.user.id } })).toBe(1);

    const removed = await call(memberItem.DELETE, "DELETE", "/x", { key: admin, params: { user_id: member.id } });
    expect(removed.status).toBe(204);
    expect(removed.json).toBeNull();
    expect((await call(memberItem.GET, "GET", "/x", { key: reader, params: { user_id: member.id } })).status).toBe(404);
  });
});

describe("/api/v1/invitations", () => {
  const invite = (body: unknown, secret = admin) =>
    call(invitations.POST, "POST", "/api/v1/invitations", { key: secret, body });

  it("invites (email normalised), lists with pagination and revokes", async () => {
    const created = await invite({ email: "  New.Person@Example.TEST ", role: "member" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email: "new.person@example.test", role: "member", emailed: false });
    expect(created.json).not.toHaveProperty("link");
    const more: string[] = [created.json.id];
    for (let i = 0; i < 4; i++)
      more.push((await invite({ email: `${uniq("inv")}@example.test`, role: "viewer" })).json.id);

    const ids = await walk(invitations.GET, "/api/v1/invitations?limit=2", reader, (row) => row.id as string);
    expect(ids).toHaveLength(5);
    expect(new Set(ids)).toEqual(new Set(more));

    const revoked = await call(invitationItem.DELETE, "DELETE", "/x", { key: admin, params: { id: created.json.id } });
    expect(revoked.status).toBe(204);
    const after = await call(invitations.GET, "GET", "/api/v1/invitations", { key: reader });
    expect(after.json.data.map((i: { id: string }) => i.id)).not.toContain(created.json.id);
    const again = await call(invitationItem.DELETE, "DELETE", "/x", { key: admin, params: { id: created.json.id } });
    expect(again.status).toBe(404);
  });

  it("refuses bad input with field errors, and members with 409", async () => {
    expect((await invite({ email: "not-an-email", role: "member" })).json.error.details).toHaveProperty("email");
    expect((await invite({ email: "a@example.test", role: "owner" })).json.error.details).toHaveProperty("role");
    const unknown = await invite({ email: "a@example.test", role: "boss" });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.json.error.details)).toEqual(["role"]);
    const missing = await invite(undefined);
    expect(missing.status).toBe(400);
    const member = await invite({ email: ctx.user.email, role: "member" });
    expect(member.status).toBe(409);
    expect((await invite({ email: "b@example.test", role: "member" }, reader)).status).toBe(403);
  });

  it("answers 404 for another tenant's invitation", async () => {
    const theirs = await call(invitations.POST, "POST", "/x", {
      key: otherKey,
      body: { email: "z@example.test", role: "member" },
    });
    expect(theirs.status).toBe(201);
    const res = await call(invitationItem.DELETE, "DELETE", "/x", { key: admin, params: { id: theirs.json.id } });
    expect(res.status).toBe(404);
    const still = await call(invitations.GET, "GET", "/x", { key: otherKey });
    expect(still.json.data.map((i: { id: string }) => i.id)).toContain(theirs.json.id);
  });
});

describe("/api/v1/api-keys/{id}", () => {
  it("answers 404 for another tenant's key", async () => {
    const res = await call(keyItem.GET, "GET", "/x", { key: admin, params: { id: otherKeyId } });
    expect(res.status).toBe(404);
    const revoke = await call(keyItem.DELETE, "DELETE", "/x", { key: admin, params: { id: otherKeyId } });
    expect(revoke.status).toBe(404);
    expect((await call(keyItem.GET, "GET", "/x", { key: otherKey, params: { id: otherKeyId } })).status).toBe(200);
  });
});

describe("/api/v1/usage", () => {
  it("summarises the month against the tier's limits", async () => {
    const res = await call(usage.GET, "GET", "/api/v1/usage", { key: reader });
    expect(res.status).toBe(200);
    expect(res.json.tier).toBe("enterprise");
    expect(res.json.dimensions.map((d: { id: string }) => d.id)).toEqual([
      "api_calls",
      "users",
      "ai_agents",
      "storage",
      "ai_tokens",
    ]);
    const calls = res.json.dimensions[0];
    expect(calls).toMatchObject({ limit: 1_000_000, unit: "count", level: "ok" });
    expect(calls.used).toBeGreaterThan(0);
    expect(new Date(res.json.period_start).getUTCDate()).toBe(1);
    expect(res.json.daily.length).toBeGreaterThan(0);
    expect(res.json.by_route.length).toBeGreaterThan(0);
    expect(res.json.by_key.every((k: { calls: number }) => k.calls > 0)).toBe(true);
  });
});

describe("/api/v1/usage/events", () => {
  const post = (body: unknown, secret = admin) => call(usageEvents.POST, "POST", "/x", { key: secret, body });
  const event = (id: string, value = 1) => ({ id, event_name: "api_requests", value, properties: { plan: "x" } });

  it("records a batch once: the same ids again are duplicates, listed once", async () => {
    const ids = [uniq("ev"), uniq("ev"), uniq("ev")];
    const first = await post({ events: ids.map((id) => event(id)) });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 3, duplicates: [] });
    const extra = uniq("ev");
    const retry = await post({ events: [...ids, extra].map((id) => event(id, 5)) });
    expect(retry.json).toEqual({ accepted: 1, duplicates: ids });

    const listed = await walk(usageEvents.GET, "/api/v1/usage/events?limit=3", reader, (row) => row.id as string);
    expect(listed.sort()).toEqual([...ids, extra].sort());
    const one = await call(usageEvents.GET, "GET", "/api/v1/usage/events?event_name=api_requests&limit=100", {
      key: reader,
    });
    expect(one.json.data.find((e: { id: string }) => e.id === ids[0])).toMatchObject({
      value: 1,
      properties: { plan: "x" },
    });

    const rows = await withTenant(ctx.tenant.id, (tx) => tx.usageEvent.findMany({ select: { apiKeyId: true } }), {
      db: t.db,
    });
    expect(new Set(rows.map((r) => r.apiKeyId)).size).toBe(1);
    expect(at(rows, 0).apiKeyId).not.toBeNull();
  });

  it("refuses bad events and cursors with field errors, and keys without usage:write", async () => {
    const bad = await post({ events: [{ id: "a", event_name: "Bad Name", value: -1 }] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.details).sort()).toEqual(["events.0.event_name", "events.0.value"]);
    const dup = await post({ events: [event("same"), event("same")] });
    expect(dup.json.error.details).toHaveProperty(["events.1.id"]);
    expect((await post({ events: [] })).status).toBe(400);
    expect((await post({ events: [event(uniq("ev"))] }, reader)).status).toBe(403);
    for (const cursor of ["unknown-id", "x".repeat(300)]) {
      const res = await call(usageEvents.GET, "GET", `/api/v1/usage/events?cursor=${cursor}`, { key: reader });
      expect(res.status).toBe(400);
      expect(Object.keys(res.json.error.details)).toEqual(["cursor"]);
    }
  });
});
