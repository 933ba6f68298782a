// The platform tenants API (/api/v1/tenants) with real platform keys: create (owner by account or
// by invitation), read, update, suspend, soft delete and restore; filters and keyset pagination.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as tenantItem from "@/app/api/v1/tenants/[id]/route";
import * as tenants from "@/app/api/v1/tenants/route";
import * as tenant from "@/app/api/v1/tenant/route";
import { createApiKey, createPlatformKey } from "@/lib/api-keys/keys";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";

let t: TestDb;
let writer: { secret: string; start: string };
let reader: string;

const slugOf = (prefix: string) => uniq(prefix).toLowerCase().slice(0, 40);
const create = (body: unknown, secret = writer.secret) =>
  call(tenants.POST, "POST", "/api/v1/tenants", { key: secret, body });
const patch = (id: string, body: unknown) =>
  call(tenantItem.PATCH, "PATCH", "/x", { key: writer.secret, params: { id }, body });
const get = (id: string) => call(tenantItem.GET, "GET", "/x", { key: reader, params: { id } });

beforeAll(async () => {
  t = await openTestDb();
  const op = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  const operator = { id: op.id, email: op.email };
  const w = await createPlatformKey(operator, { name: "ops", scopes: ["platform:read", "platform:write"] });
  writer = { secret: w.secret, start: w.key.start };
  reader = (await createPlatformKey(operator, { name: "ro", scopes: ["platform:read"] })).secret;
});

afterAll(async () => {
  await t.close();
});

describe("audiences", () => {
  it("keeps platform keys and workspace keys apart", async () => {
    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    const { secret } = await createApiKey(ctx, { name: "ws", scopes: ["tenant:read"] });
    expect((await call(tenants.GET, "GET", "/api/v1/tenants", { key: secret })).status).toBe(403);
    expect((await call(tenant.GET, "GET", "/api/v1/tenant", { key: reader })).status).toBe(403);
    expect((await create({ name: "Nope", slug: slugOf("nope"), owner_email: "n@example.test" }, reader)).status).toBe(
      403,
    );
  });
});

describe("POST /api/v1/tenants", () => {
  it("invites an owner without an account; audits the platform key as actor", async () => {
    const slug = slugOf("new");
    const res = await create({
      name: "New Customer",
      slug,
      tier: "starter",
      owner_email: "Owner.New@Example.test",
      owner_name: "O. New",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: "New Customer",
      slug,
      tier: "free",
      trial_tier: "starter",
      effective_tier: "starter",
      status: "active",
      member_count: 0,
      owner_email: null,
    });
    expect(res.json.owner_invitation).toMatchObject({ email: "owner.new@example.test", emailed: false });
    expect(res.json.owner_invitation.link).toContain("/invite/");
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { tenantId: res.json.id, action: "tenant.created_by_operator" },
    });
    expect(audit).toMatchObject({ actorId: null, actorEmail: `platform-key:${writer.start}` });
    const invitation = await t.db.invitation.findFirstOrThrow({ where: { tenantId: res.json.id } });
    expect(invitation).toMatchObject({ role: "OWNER", invitedById: null });
  });

  it("makes an existing user with a verified address owner at once; trial false bills the tier directly", async () => {
    const user = await t.db.user.create({
      data: { email: `${uniq("own")}@example.test`, name: "Owner", emailVerified: new Date() },
    });
    const res = await create({
      name: "Paid Co",
      slug: slugOf("paid"),
      tier: "enterprise",
      trial: false,
      owner_email: user.email,
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      tier: "enterprise",
      trial_tier: null,
      member_count: 1,
      owner_email: user.email,
      owner_invitation: null,
    });
    expect(res.json.limits.users).toBe(500);
  });

  it("refuses bad input with field errors and a taken slug with 409", async () => {
    const bad = await create({ name: "x", slug: "Bad Slug!", tier: "gold", owner_email: "nope" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.details).sort()).toEqual(["name", "owner_email", "slug", "tier"]);
    const slug = slugOf("taken");
    expect((await create({ name: "First", slug, owner_email: "a@example.test" })).status).toBe(201);
    const taken = await create({ name: "Second", slug, owner_email: "a@example.test" });
    expect(taken.status).toBe(409);
    expect(taken.json.error.details).toEqual({ slug: ["That URL is taken."] });
  });
});

describe("/api/v1/tenants/{id}", () => {
  it("reads, renames, re-tiers, suspends and reactivates", async () => {
    const created = (await create({ name: "Life Cycle", slug: slugOf("life"), owner_email: "lc@example.test" })).json;
    expect((await get(created.id)).json).toMatchObject({ id: created.id, name: "Life Cycle", status: "active" });
    expect((await get("no-such-tenant")).status).toBe(404);

    const slug = slugOf("moved");
    const renamed = await patch(created.id, { name: "Cycle Co", slug, tier: "professional" });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: "Cycle Co", slug, tier: "professional" });

    const noReason = await patch(created.id, { status: "suspended" });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.json.error.details)).toEqual(["suspended_reason"]);
    expect((await patch(created.id, {})).status).toBe(400);
    expect((await patch(created.id, { status: "deleted" })).json.error.details).toHaveProperty("status");

    const suspended = await patch(created.id, { status: "suspended", suspended_reason: "Unpaid invoices" });
    expect(suspended.json).toMatchObject({ status: "suspended", suspended_reason: "Unpaid invoices" });
    const active = await patch(created.id, { status: "active" });
    expect(active.json).toMatchObject({ status: "active", suspended_reason: null });
    expect((await patch("no-such-tenant", { name: "Ghost Co" })).status).toBe(404);

    const actions = await t.db.auditLog.findMany({ where: { tenantId: created.id }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        "tenant.created_by_operator",
        "invitation.created",
        "tenant.updated_by_operator",
        "tenant.tier_changed",
        "tenant.suspended",
        "tenant.reactivated",
      ].sort(),
    );
  });

  it("soft-deletes (returning the tenant), refuses a second delete, restores with status active", async () => {
    const created = (await create({ name: "Doomed Co", slug: slugOf("doom"), owner_email: "d@example.test" })).json;
    const del = (secret = writer.secret) =>
      call(tenantItem.DELETE, "DELETE", "/x", { key: secret, params: { id: created.id } });
    expect((await del(reader)).status).toBe(403);
    const deleted = await del();
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id: created.id, status: "deleted" });
    expect(new Date(deleted.json.purge_after).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await del()).status).toBe(409);
    expect((await patch(created.id, { status: "suspended", suspended_reason: "Too late" })).status).toBe(409);
    const restored = await patch(created.id, { status: "active" });
    expect(restored.json).toMatchObject({ status: "active", deleted_at: null, purge_after: null });
  });
});

describe("GET /api/v1/tenants", () => {
  const tag = uniq("pg")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const made: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      const res = await create({
        name: `List ${tag} ${i}`,
        slug: `${tag}-${i}`.slice(0, 40),
        tier: i % 2 ? "starter" : "free",
        trial: false,
        owner_email: `${tag}-${i}@example.test`,
      });
      expect(res.status).toBe(201);
      made.push(res.json.id);
    }
    await patch(at(made, 3), { status: "suspended", suspended_reason: "Testing filters" });
  });

  async function walk(query: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(tenants.GET, "GET", `/api/v1/tenants?${query}${cursor ? `&cursor=${cursor}` : ""}`, {
        key: reader,
      });
      expect(res.status).toBe(200);
      expect(res.json.data.length).toBeLessThanOrEqual(3);
      ids.push(...res.json.data.map((row: { id: string }) => row.id));
      cursor = res.json.next_cursor;
    } while (cursor);
    return ids;
  }

  it("walks every match once, newest first", async () => {
    const ids = await walk(`q=${tag}&limit=3`);
    expect(ids).toEqual([...made].reverse());
  });

  it("stays exact when a tenant is created between pages", async () => {
    const first = await call(tenants.GET, "GET", `/api/v1/tenants?q=${tag}&limit=3`, { key: reader });
    await create({ name: `List ${tag} late`, slug: `${tag}-late`.slice(0, 40), owner_email: "late@example.test" });
    const second = await call(tenants.GET, "GET", `/api/v1/tenants?q=${tag}&limit=3&cursor=${first.json.next_cursor}`, {
      key: reader,
    });
    expect(second.json.data.map((row: { id: string }) => row.id)).toEqual([...made].reverse().slice(3, 6));
  });

  it("filters by tier and status", async () => {
    expect(await walk(`q=${tag}&tier=starter&limit=3`)).toEqual([made[5], made[3], made[1]]);
    expect(await walk(`q=${tag}&status=suspended&limit=3`)).toEqual([made[3]]);
  });

  it("finds a tenant by its owner's email", async () => {
    const user = await t.db.user.create({ data: { email: `${uniq("boss")}@example.test`, emailVerified: new Date() } });
    const res = await create({ name: "Owned Co", slug: slugOf("owned"), owner_email: user.email });
    const found = await call(tenants.GET, "GET", `/api/v1/tenants?q=${encodeURIComponent(user.email)}`, {
      key: reader,
    });
    expect(found.json.data.map((row: { id: string }) => row.id)).toEqual([res.json.id]);
  });

  it("refuses a bad cursor, limit, tier or status with field errors", async () => {
    for (const [query, field] of [
      ["cursor=zzz", "cursor"],
      ["cursor=bm9wZQ", "cursor"],
      ["limit=0", "limit"],
      ["limit=1000", "limit"],
      ["tier=gold", "tier"],
      ["status=gone", "status"],
    ]) {
      const res = await call(tenants.GET, "GET", `/api/v1/tenants?${query}`, { key: reader });
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.json.error.details), query).toEqual([field]);
    }
  });
});
