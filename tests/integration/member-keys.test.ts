// API keys and the people behind them (issue 9, item 11): removing a member revokes the keys they
// created — including keys their keys minted — unless the remover explicitly takes them over;
// leaving revokes them too; and a key minted by another key never outlives it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as keyRoll from "@/app/api/v1/api-keys/[id]/roll/route";
import * as keys from "@/app/api/v1/api-keys/route";
import * as memberItem from "@/app/api/v1/members/[user_id]/route";
import * as ping from "@/app/api/v1/ping/route";
import { activeKeysByCreator, createApiKey } from "@/lib/api-keys/keys";
import type { TenantScope } from "@/lib/api-keys/scopes";
import type { Role } from "@/lib/db/generated/enums";
import { withTenant } from "@/lib/db/tenant";
import { buildTenantContext, type TenantContext } from "@/lib/tenancy/context";
import { leaveTenant, removeMember } from "@/lib/lifecycle/members";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { at as nth } from "../helpers/indexed";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

async function addMember(owner: TenantContext, role: Role): Promise<TenantContext> {
  const user = await t.db.user.create({ data: { email: `${uniq(role.toLowerCase())}@example.test`, name: role } });
  await t.db.membership.create({ data: { tenantId: owner.tenant.id, userId: user.id, role } });
  return buildTenantContext(
    { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false },
    owner.tenant,
    role,
  );
}

const key = (ctx: TenantContext, scopes: TenantScope[] = ["tenant:read", "api_keys:write"], expiresAt?: Date) =>
  createApiKey(ctx, { name: uniq("key"), scopes, expiresAt });

async function works(secret: string) {
  return (await call(ping.GET, "GET", "/api/v1/ping", { key: secret })).status;
}

async function keyRow(id: string, tenantId: string) {
  return withTenant(tenantId, (tx) => tx.apiKey.findFirstOrThrow({ where: { id } }), { db: t.db });
}

async function audit(tenantId: string, action: string) {
  return withTenant(tenantId, (tx) => tx.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } }), {
    db: t.db,
  });
}

describe("removing a member", () => {
  it("revokes the keys they created, and the keys those keys minted, at once", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const admin = await addMember(owner, "ADMIN");
    const own = await key(owner);
    const theirs = await key(admin);
    // A key minted through the member's key belongs to the member too.
    const minted = await call(keys.POST, "POST", "/api/v1/api-keys", {
      key: theirs.secret,
      body: { name: "minted by a key", scopes: ["tenant:read"] },
    });
    expect(minted.status).toBe(201);
    expect(await works(theirs.secret)).toBe(200);
    expect(await works(minted.json.secret)).toBe(200);
    expect((await activeKeysByCreator(owner)).get(admin.user.id)).toEqual({ count: 2, viewerCanTakeOver: true });

    const result = await removeMember(owner, { userId: admin.user.id });
    expect(result).toEqual({ keysRevoked: 2, keysTransferred: 0 });
    // The next call with either key is refused, on this server and (through the epoch) every other.
    expect(await works(theirs.secret)).toBe(401);
    expect(await works(minted.json.secret)).toBe(401);
    expect(await works(own.secret)).toBe(200);
    expect((await keyRow(theirs.key.id, owner.tenant.id)).revokedAt).not.toBeNull();

    const revoked = await audit(owner.tenant.id, "api_key.revoked");
    expect(revoked.map((r) => r.targetId).sort()).toEqual([theirs.key.id, minted.json.id].sort());
    expect(nth(revoked, 0).after).toEqual({ reason: "member_removed" });
    expect(nth(await audit(owner.tenant.id, "member.removed"), 0).after).toEqual({
      apiKeysRevoked: 2,
      apiKeysTransferred: 0,
    });
  });

  it("revokes through the API's DELETE /api/v1/members/{user_id} as well", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const admin = await addMember(owner, "ADMIN");
    const theirs = await key(admin);
    const remover = await key(owner, ["members:write"]);
    const response = await call(memberItem.DELETE, "DELETE", `/api/v1/members/${admin.user.id}`, {
      key: remover.secret,
      params: { user_id: admin.user.id },
    });
    expect(response.status).toBe(204);
    expect(await works(theirs.secret)).toBe(401);
  });

  it("hands the keys to the remover only by explicit choice, and they keep working", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const admin = await addMember(owner, "ADMIN");
    const theirs = await key(admin);
    const result = await removeMember(owner, { userId: admin.user.id, keys: "transfer" });
    expect(result).toEqual({ keysRevoked: 0, keysTransferred: 1 });
    expect(await works(theirs.secret)).toBe(200);
    const row = await keyRow(theirs.key.id, owner.tenant.id);
    expect(row.revokedAt).toBeNull();
    expect(row.createdById).toBe(owner.user.id);
    const [entry] = await audit(owner.tenant.id, "api_key.transferred");
    expect(entry).toMatchObject({ targetId: theirs.key.id, actorId: owner.user.id });
    expect(entry?.before).toMatchObject({ owner: admin.user.id });
  });

  it("refuses a takeover the remover's role could not own, and changes nothing", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const formerOwner = await addMember(owner, "ADMIN");
    const remover = await addMember(owner, "ADMIN");
    // A key with billing:write that an owner made, now belonging to an admin (ownership moved on).
    const billingKey = await key(owner, ["billing:write"]);
    await t.db.apiKey.update({ where: { id: billingKey.key.id }, data: { createdById: formerOwner.user.id } });
    expect((await activeKeysByCreator(remover)).get(formerOwner.user.id)?.viewerCanTakeOver).toBe(false);

    await expect(removeMember(remover, { userId: formerOwner.user.id, keys: "transfer" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await t.db.membership.count({ where: { tenantId: owner.tenant.id, userId: formerOwner.user.id } })).toBe(1);
    expect(await works(billingKey.secret)).toBe(200);
    // Revoking is always possible.
    await expect(removeMember(remover, { userId: formerOwner.user.id })).resolves.toMatchObject({ keysRevoked: 1 });
  });

  it("refuses an unknown choice with a field error", async () => {
    const owner = await tenantWithOwner(t.db);
    const member = await addMember(owner, "MEMBER");
    await expect(
      removeMember(owner, { userId: member.user.id, keys: "keep" as unknown as "revoke" }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { keys: expect.any(Array) } });
  });
});

describe("leaving a workspace", () => {
  it("revokes the keys the leaving member created", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const admin = await addMember(owner, "ADMIN");
    const theirs = await key(admin);
    expect(await leaveTenant(admin)).toEqual({ keysRevoked: 1, keysTransferred: 0 });
    expect(await works(theirs.secret)).toBe(401);
  });
});

describe("a key minted by another key", () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it("takes its parent's expiry when it asks for none, and may end earlier", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const parentExpiry = inDays(10);
    const parent = await key(owner, ["tenant:read", "api_keys:write"], parentExpiry);

    const inherited = await call(keys.POST, "POST", "/api/v1/api-keys", {
      key: parent.secret,
      body: { name: "child", scopes: ["tenant:read"] },
    });
    expect(inherited.status).toBe(201);
    expect(inherited.json.expires_at).toBe(parentExpiry.toISOString());

    const sooner = inDays(3);
    const earlier = await call(keys.POST, "POST", "/api/v1/api-keys", {
      key: parent.secret,
      body: { name: "child", scopes: ["tenant:read"], expiresAt: sooner.toISOString() },
    });
    expect(earlier.status).toBe(201);
    expect(earlier.json.expires_at).toBe(sooner.toISOString());
  });

  it("is refused an expiry after its parent's, with a field error and no key made", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const parent = await key(owner, ["tenant:read", "api_keys:write"], inDays(10));
    const before = await t.db.apiKey.count({ where: { tenantId: owner.tenant.id } });
    for (const body of [
      { name: "child", scopes: ["tenant:read"], expiresAt: inDays(11).toISOString() },
      { name: "child", scopes: ["tenant:read"], expiresAt: inDays(365).toISOString() },
    ]) {
      const response = await call(keys.POST, "POST", "/api/v1/api-keys", { key: parent.secret, body });
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe("validation_failed");
      expect(response.json.error.details.expiresAt[0]).toMatch(/creating key expires/);
    }
    expect(await t.db.apiKey.count({ where: { tenantId: owner.tenant.id } })).toBe(before);
  });

  it("does not outlive the key that rolls it", async () => {
    const owner = await tenantWithOwner(t.db, "PROFESSIONAL");
    const parentExpiry = inDays(5);
    const parent = await key(owner, ["tenant:read", "api_keys:write"], parentExpiry);
    const forever = await key(owner, ["tenant:read"]);
    const rolled = await call(keyRoll.POST, "POST", `/api/v1/api-keys/${forever.key.id}/roll`, {
      key: parent.secret,
      params: { id: forever.key.id },
      body: {},
    });
    expect(rolled.status).toBe(201);
    expect(rolled.json.expires_at).toBe(parentExpiry.toISOString());
    // A member's session has no parent key: the expiry stays as it was.
    const unbounded = await key(owner, ["tenant:read"]);
    expect(unbounded.key.expiresAt).toBeNull();
  });
});
