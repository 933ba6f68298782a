// Invitations under concurrency (issue 9, item 10): accepting one invitation twice at once, many
// invitations racing for the last seats, and acceptances racing for the last seat after a
// downgrade. Each race is really run at once: on PostgreSQL (DATABASE_URL) the transactions
// overlap on separate connections; on PGlite they queue on its single connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { buildTenantContext, type SessionUser, type TenantContext } from "@/lib/tenancy/context";
import { acceptInvitation, createInvitation } from "@/lib/tenancy/invitations";
import { createTenant } from "@/lib/tenancy/tenants";

import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";

let t: TestDb;
const baseUrl = "http://localhost:3000";

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

async function makeUser(name = "user"): Promise<SessionUser> {
  const user = await t.db.user.create({ data: { email: `${uniq(name)}@example.test`, name } });
  return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false };
}

async function ownerContext(owner: SessionUser, tenantId: string): Promise<TenantContext> {
  const tenant = await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  return buildTenantContext(owner, tenant, "OWNER");
}

const tokenOf = (link: string) => at(link.split("/invite/"), 1, "invitation token");

function outcomes(results: PromiseSettledResult<unknown>[]) {
  const codes = results.map((r) =>
    r.status === "fulfilled" ? "ok" : r.reason instanceof AppError ? r.reason.code : `unexpected: ${String(r.reason)}`,
  );
  return {
    ok: codes.filter((c) => c === "ok").length,
    codes,
  };
}

async function countRows(tenantId: string) {
  return withTenant(
    tenantId,
    async (tx) => ({
      members: await tx.membership.count(),
      pending: await tx.invitation.count({
        where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      }),
      accepted: await tx.auditLog.count({ where: { action: "invitation.accepted" } }),
    }),
    { db: t.db },
  );
}

describe("accepting an invitation twice at once", () => {
  it("makes one member and tells the other attempts the link was used", async () => {
    const owner = await makeUser("owner");
    const tenant = await createTenant({ name: "Race", slug: uniq("race") }, owner, { trialTier: null });
    const invitee = await makeUser("invitee");
    const invitation = await createInvitation(
      await ownerContext(owner, tenant.id),
      { email: invitee.email, role: "MEMBER" },
      { baseUrl },
    );
    const token = tokenOf(invitation.link);

    const results = await Promise.allSettled(Array.from({ length: 4 }, () => acceptInvitation(token, invitee)));
    const { ok, codes } = outcomes(results);
    expect(ok).toBe(1);
    expect(codes.filter((c) => c !== "ok")).toEqual(["conflict", "conflict", "conflict"]);

    const rows = await countRows(tenant.id);
    expect(rows).toEqual({ members: 2, pending: 0, accepted: 1 });
    const membership = await t.db.membership.findUniqueOrThrow({
      where: { tenantId_userId: { tenantId: tenant.id, userId: invitee.id } },
    });
    expect(membership.role).toBe("MEMBER");
  });
});

describe("the seat limit under concurrent invitations", () => {
  it("lets exactly the free seats through when many invitations arrive at once", async () => {
    const owner = await makeUser("owner");
    // FREE allows 5 users: the owner holds one, so 4 invitations fit.
    const tenant = await createTenant({ name: "Seats", slug: uniq("seats") }, owner, { trialTier: null });
    const ctx = await ownerContext(owner, tenant.id);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        createInvitation(ctx, { email: `${uniq(`seat${i}`)}@example.test`, role: "VIEWER" }, { baseUrl }),
      ),
    );
    const { ok, codes } = outcomes(results);
    expect(ok).toBe(4);
    expect(codes.filter((c) => c !== "ok")).toEqual(Array(6).fill("limit_exceeded"));
    expect(await countRows(tenant.id)).toMatchObject({ members: 1, pending: 4 });
  });

  it("keeps one pending invitation per address when the same address is invited twice at once", async () => {
    const owner = await makeUser("owner");
    const tenant = await createTenant({ name: "Twice", slug: uniq("twice") }, owner, { trialTier: null });
    const ctx = await ownerContext(owner, tenant.id);
    const email = `${uniq("same")}@example.test`;
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => createInvitation(ctx, { email, role: "VIEWER" }, { baseUrl })),
    );
    expect(outcomes(results).ok).toBe(3);
    expect(await countRows(tenant.id)).toMatchObject({ pending: 1 });
  });

  it("lets only one of two acceptances take the last seat after a downgrade", async () => {
    const owner = await makeUser("owner");
    // Invited during a Professional trial (50 users), accepted after it lapsed (FREE: 5 users).
    const tenant = await createTenant({ name: "Lapse", slug: uniq("lapse") }, owner);
    const ctx = await ownerContext(owner, tenant.id);
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => makeUser(`p${i}`)));
    const links = [];
    for (const person of people) {
      links.push((await createInvitation(ctx, { email: person.email, role: "VIEWER" }, { baseUrl })).link);
    }
    // Three accept in turn: 4 members, one seat left on Free.
    for (let i = 0; i < 3; i++) await acceptInvitation(tokenOf(at(links, i)), at(people, i));
    await t.db.tenant.update({ where: { id: tenant.id }, data: { trialEndsAt: new Date(Date.now() - 1000) } });

    const results = await Promise.allSettled([
      acceptInvitation(tokenOf(at(links, 3)), at(people, 3)),
      acceptInvitation(tokenOf(at(links, 4)), at(people, 4)),
    ]);
    const { ok, codes } = outcomes(results);
    expect(ok).toBe(1);
    expect(codes).toContain("limit_exceeded");
    expect((await countRows(tenant.id)).members).toBe(5);
  });
});
