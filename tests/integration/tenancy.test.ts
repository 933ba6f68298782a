// Tenants, members, invitations and the tier's user limit, against the real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { buildTenantContext, type SessionUser, type TenantContext } from "@/lib/tenancy/context";
import { acceptInvitation, createInvitation, previewInvitation, revokeInvitation } from "@/lib/tenancy/invitations";
import { changeMemberRole, leaveTenant, listMembers, removeMember, transferOwnership } from "@/lib/lifecycle/members";
import { createTenant, updateBranding, updateTenantSettings } from "@/lib/tenancy/tenants";

import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";

let t: TestDb;
const baseUrl = "http://localhost:3000";

async function makeUser(name = "user"): Promise<SessionUser> {
  const user = await t.db.user.create({ data: { email: `${uniq(name)}@example.test`, name } });
  return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false };
}

async function contextFor(user: SessionUser, tenantId: string): Promise<TenantContext> {
  const membership = await t.db.membership.findUniqueOrThrow({
    where: { tenantId_userId: { tenantId, userId: user.id } },
    include: { tenant: true },
  });
  return buildTenantContext(user, membership.tenant, membership.role);
}

function tokenOf(link: string): string {
  return at(link.split("/invite/"), 1, "invitation token");
}

async function auditActions(tenantId: string): Promise<string[]> {
  const rows = await withTenant(tenantId, (tx) => tx.auditLog.findMany({ orderBy: { createdAt: "asc" } }), {
    db: t.db,
  });
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await openTestDb();
});

afterAll(async () => {
  await t.close();
});

describe("createTenant", () => {
  it("makes the creator owner, starts a 14-day Professional trial and audits it", async () => {
    const owner = await makeUser("owner");
    const now = new Date("2026-11-01T00:00:00Z");
    const tenant = await createTenant({ name: "Trial Co", slug: uniq("trial") }, owner, { now });
    expect(tenant.tier).toBe("FREE");
    expect(tenant.trialTier).toBe("PROFESSIONAL");
    expect(tenant.trialEndsAt?.toISOString()).toBe("2026-11-15T00:00:00.000Z");
    const ctx = await contextFor(owner, tenant.id);
    expect(ctx.role).toBe("OWNER");
    expect(buildTenantContext(owner, tenant, "OWNER", new Date("2026-11-10")).tier).toBe("PROFESSIONAL");
    expect(buildTenantContext(owner, tenant, "OWNER", new Date("2026-11-16")).tier).toBe("FREE");
    expect(await auditActions(tenant.id)).toEqual(["tenant.created"]);
  });

  it("refuses a taken slug with a field error and writes nothing", async () => {
    const owner = await makeUser();
    const slug = uniq("dup");
    await createTenant({ name: "First", slug }, owner);
    const error = await createTenant({ name: "Second", slug }, owner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).details).toEqual({ slug: ["That URL is taken."] });
    expect(await t.db.tenant.count({ where: { slug } })).toBe(1);
  });

  it("rejects bad input with field errors", async () => {
    const owner = await makeUser();
    const error = (await createTenant({ name: "x", slug: "Not A Slug!" }, owner).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.details ?? {}).sort()).toEqual(["name", "slug"]);
  });
});

describe("invitations and members", () => {
  it("invite → accept → role change → transfer → leave, all audited", async () => {
    const owner = await makeUser("owner");
    const invitee = await makeUser("invitee");
    const tenant = await createTenant({ name: "Flow", slug: uniq("flow") }, owner);
    const ownerCtx = await contextFor(owner, tenant.id);

    const invitation = await createInvitation(ownerCtx, { email: invitee.email, role: "MEMBER" }, { baseUrl });
    expect(invitation.emailed).toBe(false);
    expect(invitation.link.startsWith(`${baseUrl}/invite/${tenant.id}.`)).toBe(true);
    const stored = await withTenant(tenant.id, (tx) => tx.invitation.findFirstOrThrow({}), { db: t.db });
    expect(invitation.link).not.toContain(stored.tokenHash);

    const preview = await previewInvitation(tokenOf(invitation.link));
    expect(preview).toMatchObject({ status: "valid", email: invitee.email, role: "MEMBER", tenantName: "Flow" });

    await expect(acceptInvitation(tokenOf(invitation.link), owner)).rejects.toMatchObject({ code: "forbidden" });
    expect(await acceptInvitation(tokenOf(invitation.link), invitee)).toEqual({ slug: tenant.slug });
    expect((await previewInvitation(tokenOf(invitation.link))).status).toBe("used");
    await expect(acceptInvitation(tokenOf(invitation.link), invitee)).rejects.toMatchObject({ code: "conflict" });

    const members = await listMembers(ownerCtx);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "OWNER"],
      [invitee.email, "MEMBER"],
    ]);

    await changeMemberRole(ownerCtx, { userId: invitee.id, role: "ADMIN" });
    const inviteeCtx = await contextFor(invitee, tenant.id);
    expect(inviteeCtx.role).toBe("ADMIN");
    await expect(changeMemberRole(inviteeCtx, { userId: owner.id, role: "MEMBER" })).rejects.toMatchObject({
      code: "forbidden",
    });

    await transferOwnership(ownerCtx, { userId: invitee.id });
    expect((await contextFor(invitee, tenant.id)).role).toBe("OWNER");
    const demoted = await contextFor(owner, tenant.id);
    expect(demoted.role).toBe("ADMIN");
    await leaveTenant(demoted);
    expect((await listMembers(await contextFor(invitee, tenant.id))).map((m) => m.email)).toEqual([invitee.email]);

    expect(await auditActions(tenant.id)).toEqual([
      "tenant.created",
      "invitation.created",
      "invitation.accepted",
      "member.role_changed",
      "tenant.ownership_transferred",
      "member.left",
    ]);
  });

  it("a member cannot invite, an admin cannot invite an owner, the owner cannot leave", async () => {
    const owner = await makeUser();
    const member = await makeUser();
    const tenant = await createTenant({ name: "Perms", slug: uniq("perms") }, owner);
    await t.db.membership.create({ data: { tenantId: tenant.id, userId: member.id, role: "MEMBER" } });
    const memberCtx = await contextFor(member, tenant.id);
    await expect(
      createInvitation(memberCtx, { email: "x@example.test", role: "VIEWER" }, { baseUrl }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeMember(memberCtx, { userId: owner.id })).rejects.toMatchObject({ code: "forbidden" });
    const ownerCtx = await contextFor(owner, tenant.id);
    await expect(
      createInvitation(ownerCtx, { email: "y@example.test", role: "OWNER" as "ADMIN" }, { baseUrl }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(leaveTenant(ownerCtx)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("re-inviting revokes the earlier link; revoked and expired links stop working", async () => {
    const owner = await makeUser();
    const tenant = await createTenant({ name: "Links", slug: uniq("links") }, owner);
    const ctx = await contextFor(owner, tenant.id);
    const email = `${uniq("again")}@example.test`;
    const first = await createInvitation(ctx, { email, role: "VIEWER" }, { baseUrl });
    const second = await createInvitation(ctx, { email, role: "MEMBER" }, { baseUrl });
    expect((await previewInvitation(tokenOf(first.link))).status).toBe("used");
    expect((await previewInvitation(tokenOf(second.link))).status).toBe("valid");
    await revokeInvitation(ctx, { invitationId: second.id });
    expect((await previewInvitation(tokenOf(second.link))).status).toBe("used");

    const old = await createInvitation(
      ctx,
      { email: `${uniq("old")}@example.test`, role: "VIEWER" },
      {
        baseUrl,
        now: new Date(Date.now() - 8 * 86_400_000),
      },
    );
    expect((await previewInvitation(tokenOf(old.link))).status).toBe("expired");
    const forged = tokenOf(second.link).replace(/\.[^.]+$/, ".forgedsecret");
    expect((await previewInvitation(forged)).status).toBe("invalid");
    expect((await previewInvitation("garbage")).status).toBe("invalid");
  });
});

describe("tier limits", () => {
  it("after the trial lapses the FREE user limit (5) refuses further invites with a clear message", async () => {
    const owner = await makeUser();
    const started = new Date(Date.now() - 20 * 86_400_000);
    const tenant = await createTenant({ name: "Lapsed", slug: uniq("lapsed") }, owner, { now: started });
    const users = await Promise.all([1, 2, 3, 4].map(() => makeUser("seat")));
    await t.db.membership.createMany({
      data: users.map((u) => ({ tenantId: tenant.id, userId: u.id, role: "MEMBER" as const })),
    });
    const ctx = await contextFor(owner, tenant.id);
    expect(ctx.tier).toBe("FREE");
    const error = (await createInvitation(
      ctx,
      { email: `${uniq("sixth")}@example.test`, role: "MEMBER" },
      { baseUrl },
    ).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("limit_exceeded");
    expect(error.message).toMatch(/Free plan includes 5 users/);
  });

  it("counts pending invitations against the limit during a trial too", async () => {
    const owner = await makeUser();
    const tenant = await createTenant({ name: "Starter", slug: uniq("starter") }, owner, {
      tier: "STARTER",
      trialTier: null,
    });
    const ctx = await contextFor(owner, tenant.id);
    for (let i = 0; i < 9; i++) {
      await createInvitation(ctx, { email: `${uniq("p")}@example.test`, role: "VIEWER" }, { baseUrl });
    }
    await expect(
      createInvitation(ctx, { email: `${uniq("eleventh")}@example.test`, role: "VIEWER" }, { baseUrl }),
    ).rejects.toMatchObject({ code: "limit_exceeded" });
  });
});

describe("settings and branding", () => {
  it("renames with before/after in the audit log", async () => {
    const owner = await makeUser();
    const tenant = await createTenant({ name: "Old name", slug: uniq("rename") }, owner);
    await updateTenantSettings(await contextFor(owner, tenant.id), { name: "New name" });
    const entry = await withTenant(
      tenant.id,
      (tx) => tx.auditLog.findFirstOrThrow({ where: { action: "tenant.updated" } }),
      {
        db: t.db,
      },
    );
    expect(entry.before).toEqual({ name: "Old name" });
    expect(entry.after).toEqual({ name: "New name" });
    expect(entry.actorEmail).toBe(owner.email);
  });

  it("allows branding only on WHITE_LABEL; a saved domain is only a claim until DNS proves it", async () => {
    const owner = await makeUser();
    const pro = await createTenant({ name: "Pro", slug: uniq("pro") }, owner);
    await expect(
      updateBranding(await contextFor(owner, pro.id), {
        brandLogoUrl: "",
        brandPrimaryColor: "#112233",
        customDomain: "",
      }),
    ).rejects.toMatchObject({ code: "limit_exceeded" });

    const domain = `${uniq("brand")}.example.test`;
    const wl1 = await createTenant({ name: "WL1", slug: uniq("wl") }, owner, { tier: "WHITE_LABEL", trialTier: null });
    const wl2 = await createTenant({ name: "WL2", slug: uniq("wl") }, owner, { tier: "WHITE_LABEL", trialTier: null });
    const updated = await updateBranding(await contextFor(owner, wl1.id), {
      brandLogoUrl: "https://cdn.example.test/logo.png",
      brandPrimaryColor: "#0f766e",
      customDomain: domain.toUpperCase(),
    });
    // Pending, not the workspace's domain yet (tests/integration/custom-domains.test.ts).
    expect(updated.customDomain).toBeNull();
    expect(updated.pendingDomain).toBe(domain);
    // A claim is not exclusive: another workspace may claim the same name.
    const other = await updateBranding(await contextFor(owner, wl2.id), {
      brandLogoUrl: "",
      brandPrimaryColor: "",
      customDomain: domain,
    });
    expect(other.pendingDomain).toBe(domain);
    await expect(
      updateBranding(await contextFor(owner, wl2.id), {
        brandLogoUrl: "javascript:alert(1)",
        brandPrimaryColor: "red",
        customDomain: "",
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
