// The tenant context reads through the cache (lib/tenancy/cached.ts), and every write that changes
// it invalidates precisely: invitation accepted, role changed, member removed, tenant renamed, slug
// changed, tier changed, tenant deleted, slug created after a cached "unknown". Real database,
// and the app's Redis (TCP when REDIS_URL is set, else the memory store).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appCache, NAMESPACES } from "@/lib/cache/namespaces";
import { adminChangeTier, adminDeleteTenant, adminUpdateTenant } from "@/lib/lifecycle/tenants";
import { cachedMembershipBySlug } from "@/lib/tenancy/cached";
import { buildTenantContext, type SessionUser, type TenantContext } from "@/lib/tenancy/context";
import { findTenantByVerifiedDomain } from "@/lib/tenancy/domains";
import { acceptInvitation, createInvitation } from "@/lib/tenancy/invitations";
import { changeMemberRole, removeMember } from "@/lib/lifecycle/members";
import { createTenant, updateTenantSettings } from "@/lib/tenancy/tenants";

import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
const operator = { id: null, email: "ops@example.test" };

async function makeUser(name = "user"): Promise<SessionUser> {
  const user = await t.db.user.create({ data: { email: `${uniq(name)}@example.test`, name } });
  return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false };
}

async function ownerContext(owner: SessionUser, slug: string): Promise<TenantContext> {
  const found = await cachedMembershipBySlug(slug, owner.id);
  if (!found) throw new Error("owner has no context");
  return buildTenantContext(owner, found.tenant, found.role);
}

/** Lookups of one namespace counted by the cache so far (this process). */
async function counters(name: string) {
  const stats = await appCache().readStats();
  return stats[name] ?? { hits: 0, misses: 0 };
}

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("cached tenant context", () => {
  it("is served from the cache on repeated reads", async () => {
    const owner = await makeUser("owner");
    const slug = uniq("cached");
    await createTenant({ name: "Cached", slug }, owner);
    const before = await counters(NAMESPACES.membership.name);
    const first = await cachedMembershipBySlug(slug, owner.id);
    const second = await cachedMembershipBySlug(slug, owner.id);
    expect(second).toEqual(first);
    expect(second?.tenant.createdAt).toBeInstanceOf(Date);
    const after = await counters(NAMESPACES.membership.name);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(1);
  });

  it("sees a new member, a role change and a removal at once", async () => {
    const owner = await makeUser("owner");
    const member = await makeUser("member");
    const slug = uniq("members");
    await createTenant({ name: "Members", slug }, owner);
    expect(await cachedMembershipBySlug(slug, member.id)).toBeNull(); // cached: not a member
    const ownerCtx = await ownerContext(owner, slug);
    const invitation = await createInvitation(
      ownerCtx,
      { email: member.email, role: "MEMBER" },
      { baseUrl: "http://localhost:3000" },
    );
    await acceptInvitation(invitation.link.split("/invite/")[1] ?? "", member);
    expect((await cachedMembershipBySlug(slug, member.id))?.role).toBe("MEMBER");
    await changeMemberRole(ownerCtx, { userId: member.id, role: "ADMIN" });
    expect((await cachedMembershipBySlug(slug, member.id))?.role).toBe("ADMIN");
    await removeMember(ownerCtx, { userId: member.id, keys: "revoke" });
    expect(await cachedMembershipBySlug(slug, member.id)).toBeNull();
    expect((await cachedMembershipBySlug(slug, owner.id))?.role).toBe("OWNER");
  });

  it("follows renames, slug changes, tier changes and deletion", async () => {
    const owner = await makeUser("owner");
    const slug = uniq("renamed");
    const tenant = await createTenant({ name: "Before", slug }, owner);
    const ownerCtx = await ownerContext(owner, slug);
    await updateTenantSettings(ownerCtx, { name: "After" });
    expect((await cachedMembershipBySlug(slug, owner.id))?.tenant.name).toBe("After");

    await adminChangeTier(operator, tenant.id, { tier: "ENTERPRISE" });
    expect((await cachedMembershipBySlug(slug, owner.id))?.tenant.tier).toBe("ENTERPRISE");

    const newSlug = uniq("moved");
    expect(await cachedMembershipBySlug(newSlug, owner.id)).toBeNull(); // cached as unknown
    await adminUpdateTenant(operator, tenant.id, { name: "After", slug: newSlug });
    expect(await cachedMembershipBySlug(slug, owner.id)).toBeNull();
    expect((await cachedMembershipBySlug(newSlug, owner.id))?.tenant.id).toBe(tenant.id);

    await adminDeleteTenant(operator, tenant.id);
    expect(await cachedMembershipBySlug(newSlug, owner.id)).toBeNull();
  });

  it("resolves a slug created after it was looked up and cached as unknown", async () => {
    const owner = await makeUser("owner");
    const slug = uniq("later");
    expect(await cachedMembershipBySlug(slug, owner.id)).toBeNull();
    await createTenant({ name: "Later", slug }, owner);
    expect((await cachedMembershipBySlug(slug, owner.id))?.role).toBe("OWNER");
  });

  it("routes custom domains through the cache and drops a domain the tenant no longer holds", async () => {
    const owner = await makeUser("owner");
    const slug = uniq("domain");
    const tenant = await createTenant({ name: "Domain", slug }, owner);
    const domain = `${uniq("portal")}.example.test`;
    expect(await findTenantByVerifiedDomain(domain)).toBeNull();
    // Verified out of band (the DNS proof has its own tests): invalidate as the write path does.
    await t.db.tenant.update({
      where: { id: tenant.id },
      data: { customDomain: domain, customDomainVerifiedAt: new Date() },
    });
    const { invalidateTenantCache } = await import("@/lib/cache/namespaces");
    await invalidateTenantCache(tenant.id, { domains: [domain] });
    expect(await findTenantByVerifiedDomain(domain.toUpperCase())).toMatchObject({ slug });
    await adminUpdateTenant(operator, tenant.id, { name: "Domain", slug: `${slug}-x` });
    expect(await findTenantByVerifiedDomain(domain)).toMatchObject({ slug: `${slug}-x` });
    await t.db.tenant.update({ where: { id: tenant.id }, data: { customDomain: null } });
    await invalidateTenantCache(tenant.id, { domains: [domain] });
    expect(await findTenantByVerifiedDomain(domain)).toBeNull();
  });
});
