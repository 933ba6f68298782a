// The operator's tenant console (lib/lifecycle/tenants.ts): server-side listing over a few hundred
// tenants, and every lifecycle operation with its audit entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Tier, TenantStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { operatorFromUser, type SessionOperator } from "@/lib/http/operator";
import {
  adminChangeTier,
  adminCreateTenant,
  adminDeleteTenant,
  adminExtendTrial,
  adminGetTenant,
  adminListTenants,
  adminReactivateTenant,
  adminSuspendTenant,
  adminTenantCounts,
  adminUpdateTenant,
  DELETE_GRACE_DAYS,
  purgeDeletedTenants,
} from "@/lib/lifecycle/tenants";
import { TIERS, TRIAL_DAYS } from "@/lib/tenancy/tiers";

import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { at } from "../helpers/indexed";
import { DAY_MS } from "@/lib/calendar";

const SEEDED = 300;

let t: TestDb;
let operator: SessionOperator;
/** A token in every seeded tenant's name and slug, so listings can be scoped to this file's rows. */
let tag: string;
const now = new Date();

interface Seeded {
  id: string;
  name: string;
  slug: string;
  tier: Tier;
  status: TenantStatus;
  trialTier: Tier | null;
  trialEndsAt: Date | null;
  members: number;
}
const seeded: Seeded[] = [];
let ownerEmailOf42: string;

function statusFor(i: number): TenantStatus {
  if (i % 10 === 7) return "SUSPENDED";
  if (i % 10 === 9) return "DELETED";
  return "ACTIVE";
}

beforeAll(async () => {
  t = await openTestDb();
  const op = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  operator = operatorFromUser({ id: op.id, email: op.email, name: null, isPlatformAdmin: true });
  tag = uniq("adm");

  for (let i = 0; i < SEEDED; i++) {
    const n = String(i).padStart(3, "0");
    const status = statusFor(i);
    // Running trials (some on suspended tenants, which do not count as trialing) and lapsed ones.
    const running = i % 8 === 0 || i % 20 === 7;
    const trial = running || i % 8 === 4;
    seeded.push({
      id: `${tag}-id-${n}`,
      name: `${tag.toUpperCase()} Tenant ${n}`,
      slug: `${tag}-${n}`,
      tier: at(TIERS, i % TIERS.length),
      status,
      trialTier: trial ? "PROFESSIONAL" : null,
      trialEndsAt: trial ? new Date(now.getTime() + (running ? 5 : -5) * DAY_MS) : null,
      // 0..6 members, not monotonic in i, so sorting by members differs from sorting by name.
      members: (i * 7) % 11 === 0 ? 6 : (i * 3) % 5,
    });
  }
  await t.db.tenant.createMany({
    data: seeded.map((s, i) => ({
      id: s.id,
      name: s.name,
      slug: s.slug,
      tier: s.tier,
      status: s.status,
      trialTier: s.trialTier,
      trialEndsAt: s.trialEndsAt,
      deletedAt: s.status === "DELETED" ? now : null,
      // Far in the future: a purge run by this (or another) test file must never remove these.
      purgeAfter: s.status === "DELETED" ? new Date(now.getTime() + 365 * DAY_MS) : null,
      createdAt: new Date(now.getTime() - (SEEDED - i) * 60_000),
    })),
  });
  const maxMembers = Math.max(...seeded.map((s) => s.members));
  const users = Array.from({ length: maxMembers }, (_, k) => ({
    id: `${tag}-u${k}`,
    email: `${tag}-u${k}@example.test`,
  }));
  await t.db.user.createMany({ data: users });
  await t.db.membership.createMany({
    data: seeded.flatMap((s) =>
      Array.from(
        { length: s.members },
        (_, k) => ({ tenantId: s.id, userId: at(users, k).id, role: k === 0 ? "OWNER" : "MEMBER" }) as const,
      ),
    ),
  });
  // A distinct owner for tenant 042, to find it by its owner's email.
  ownerEmailOf42 = `${uniq("owner42")}@example.test`;
  const owner42 = await t.db.user.create({ data: { email: ownerEmailOf42 } });
  const tenant42 = at(seeded, 42, "tenant 042");
  await t.db.membership.deleteMany({ where: { tenantId: tenant42.id, role: "OWNER" } });
  await t.db.membership.create({ data: { tenantId: tenant42.id, userId: owner42.id, role: "OWNER" } });
  tenant42.members = await t.db.membership.count({ where: { tenantId: tenant42.id } });
});

afterAll(async () => {
  await t?.close();
});

const isTrialing = (s: Seeded) => s.status === "ACTIVE" && s.trialEndsAt !== null && s.trialEndsAt > now;

async function auditOf(tenantId: string, action: string) {
  return t.db.auditLog.findMany({ where: { tenantId, action }, orderBy: { createdAt: "desc" } });
}

async function freshTenant(
  data: Partial<{ tier: Tier; trialTier: Tier | null; trialEndsAt: Date | null; status: TenantStatus }> = {},
) {
  return t.db.tenant.create({ data: { name: "Fresh Co", slug: uniq("fresh"), ...data } });
}

describe("adminListTenants", () => {
  it("searches names case-insensitively, slugs, and owner emails", async () => {
    const all = await adminListTenants(operator, { q: tag, pageSize: 10 }, now);
    expect(all.total).toBe(SEEDED);
    expect(all.rows).toHaveLength(10);

    const byName = await adminListTenants(operator, { q: `${tag.toLowerCase()} tenant 01`, pageSize: 50 }, now);
    expect(byName.rows.map((r) => r.name).sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `${tag.toUpperCase()} Tenant 01${k}`),
    );

    const bySlug = await adminListTenants(operator, { q: `${tag}-123` }, now);
    expect(bySlug.rows.map((r) => r.slug)).toEqual([`${tag}-123`]);

    const byOwner = await adminListTenants(operator, { q: ownerEmailOf42.toUpperCase() }, now);
    expect(byOwner.rows.map((r) => r.id)).toEqual([at(seeded, 42).id]);

    const none = await adminListTenants(operator, { q: `${tag}-nothing-matches` }, now);
    expect(none).toMatchObject({ total: 0, rows: [] });
  });

  it("filters by tier", async () => {
    for (const tier of ["FREE", "ENTERPRISE"] as const) {
      const result = await adminListTenants(operator, { q: tag, tier, pageSize: 200 }, now);
      expect(result.total).toBe(seeded.filter((s) => s.tier === tier).length);
      expect(result.rows.every((r) => r.tier === tier)).toBe(true);
    }
  });

  it("filters by status, with trialing as running trials of active tenants", async () => {
    const expected = {
      active: seeded.filter((s) => s.status === "ACTIVE").length,
      suspended: seeded.filter((s) => s.status === "SUSPENDED").length,
      deleted: seeded.filter((s) => s.status === "DELETED").length,
      trialing: seeded.filter(isTrialing).length,
    };
    // The fixture must exercise each branch: suspended tenants with a running trial and lapsed trials exist.
    expect(seeded.some((s) => s.status === "SUSPENDED" && s.trialEndsAt && s.trialEndsAt > now)).toBe(true);
    expect(seeded.some((s) => s.status === "ACTIVE" && s.trialEndsAt && s.trialEndsAt < now)).toBe(true);
    for (const [status, total] of Object.entries(expected)) {
      const result = await adminListTenants(operator, { q: tag, status, pageSize: 200 }, now);
      expect(result.total, status).toBe(total);
    }
    const trialing = await adminListTenants(operator, { q: tag, status: "trialing", pageSize: 200 }, now);
    expect(trialing.rows.every((r) => r.trialing && r.effectiveTier === "PROFESSIONAL" && r.status === "ACTIVE")).toBe(
      true,
    );
    const both = await adminListTenants(operator, { q: tag, status: "trialing", tier: "STARTER", pageSize: 200 }, now);
    expect(both.total).toBe(seeded.filter((s) => isTrialing(s) && s.tier === "STARTER").length);
  });

  it("sorts by name both ways and by member count", async () => {
    const names = seeded.map((s) => s.name).sort();
    const asc = await adminListTenants(operator, { q: tag, sort: "name", dir: "asc", pageSize: 5 }, now);
    expect(asc.rows.map((r) => r.name)).toEqual(names.slice(0, 5));
    const desc = await adminListTenants(operator, { q: tag, sort: "name", dir: "desc", pageSize: 5 }, now);
    expect(desc.rows.map((r) => r.name)).toEqual(names.slice(-5).reverse());

    const byMembers = await adminListTenants(operator, { q: tag, sort: "members", dir: "desc", pageSize: 200 }, now);
    const counts = byMembers.rows.map((r) => r.members);
    expect(counts[0]).toBe(Math.max(...seeded.map((s) => s.members)));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const row of byMembers.rows) expect(row.members).toBe(seeded.find((s) => s.id === row.id)?.members);
    const fewest = await adminListTenants(operator, { q: tag, sort: "members", dir: "asc", pageSize: 5 }, now);
    expect(at(fewest.rows, 0).members).toBe(0);
  });

  it("paginates with a stable order and correct totals", async () => {
    const pageSize = 40;
    const ids = new Set<string>();
    const pages = Math.ceil(SEEDED / pageSize);
    for (let page = 1; page <= pages; page++) {
      const result = await adminListTenants(operator, { q: tag, sort: "tier", dir: "asc", page, pageSize }, now);
      expect(result.total).toBe(SEEDED);
      expect(result.rows).toHaveLength(page < pages ? pageSize : SEEDED - (pages - 1) * pageSize);
      for (const row of result.rows) ids.add(row.id);
    }
    // Ties on tier (60 tenants each) are broken by id, so no row repeats or goes missing across pages.
    expect(ids.size).toBe(SEEDED);
    const beyond = await adminListTenants(operator, { q: tag, page: pages + 1, pageSize }, now);
    expect(beyond).toMatchObject({ total: SEEDED, rows: [] });
  });

  it("accepts string query parameters and rejects invalid ones", async () => {
    const result = await adminListTenants(
      operator,
      { q: tag, page: "2", pageSize: "5", sort: "slug", dir: "asc" },
      now,
    );
    expect(result.query).toMatchObject({ page: 2, pageSize: 5, sort: "slug", dir: "asc" });
    expect(result.rows.map((r) => r.slug)).toEqual(seeded.slice(5, 10).map((s) => s.slug));
    await expect(adminListTenants(operator, { sort: "password" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(adminListTenants(operator, { pageSize: "100000" })).rejects.toBeInstanceOf(AppError);
  });

  it("counts tenants by status and tier", async () => {
    const counts = await adminTenantCounts(operator, now);
    expect(counts.byStatus.ACTIVE).toBeGreaterThanOrEqual(seeded.filter((s) => s.status === "ACTIVE").length);
    expect(counts.byStatus.DELETED).toBeGreaterThanOrEqual(seeded.filter((s) => s.status === "DELETED").length);
    expect(counts.trialing).toBeGreaterThanOrEqual(seeded.filter(isTrialing).length);
    expect(counts.byTier.FREE).toBeGreaterThanOrEqual(
      seeded.filter((s) => s.tier === "FREE" && s.status !== "DELETED").length,
    );
  });
});

describe("adminCreateTenant", () => {
  const baseUrl = "https://tessera.example.test";

  it("makes an existing user with a verified address the owner at once", async () => {
    const user = await t.db.user.create({ data: { email: `${uniq("existing")}@example.test`, emailVerified: now } });
    const slug = uniq("made");
    const { tenant, invitation } = await adminCreateTenant(
      operator,
      { name: "Made For You", slug, tier: "ENTERPRISE", trial: false, ownerEmail: user.email.toUpperCase() },
      { baseUrl, now },
    );
    expect(invitation).toBeNull();
    expect(tenant).toMatchObject({ slug, tier: "ENTERPRISE", trialTier: null, trialEndsAt: null, status: "ACTIVE" });
    const detail = await adminGetTenant(operator, tenant.id);
    expect(detail.memberships.map((m) => [m.user.email, m.role])).toEqual([[user.email, "OWNER"]]);
    const [entry] = await auditOf(tenant.id, "tenant.created_by_operator");
    expect(entry).toMatchObject({ actorId: operator.id, actorEmail: operator.email, after: { owner: user.email } });
  });

  it("invites a new owner and starts a trial of the chosen tier", async () => {
    const email = `${uniq("newowner")}@example.test`;
    const slug = uniq("invited");
    const { tenant, invitation } = await adminCreateTenant(
      operator,
      { name: "Invited Inc", slug, tier: "STARTER", trial: "on", ownerEmail: email, ownerName: "New Owner" },
      { baseUrl, now },
    );
    expect(tenant).toMatchObject({ tier: "FREE", trialTier: "STARTER" });
    expect(tenant.trialEndsAt?.getTime()).toBe(now.getTime() + TRIAL_DAYS * DAY_MS);
    expect(invitation).toMatchObject({ email, role: "OWNER" });
    expect(invitation?.link).toMatch(new RegExp(`^${baseUrl}/invite/${tenant.id}\\.`));
    const detail = await adminGetTenant(operator, tenant.id);
    expect(detail.memberships).toHaveLength(0);
    expect(await t.db.invitation.count({ where: { tenantId: tenant.id, email, role: "OWNER" } })).toBe(1);
    const [entry] = await auditOf(tenant.id, "tenant.created_by_operator");
    expect(entry).toMatchObject({
      actorId: operator.id,
      after: { slug, tier: "FREE", trialTier: "STARTER", pendingOwner: email, pendingOwnerName: "New Owner" },
    });
  });

  it("a trial of Free means a trial of Professional", async () => {
    const { tenant } = await adminCreateTenant(
      operator,
      { name: "Free Trial", slug: uniq("ft"), tier: "FREE", trial: true, ownerEmail: `${uniq("o")}@example.test` },
      { baseUrl, now },
    );
    expect(tenant).toMatchObject({ tier: "FREE", trialTier: "PROFESSIONAL" });
  });

  it("refuses a taken slug and invalid fields with field errors", async () => {
    const { slug } = at(seeded, 0);
    await expect(
      adminCreateTenant(operator, { name: "Copy", slug, ownerEmail: `${uniq("o")}@example.test` }, { baseUrl }),
    ).rejects.toMatchObject({ code: "conflict", details: { slug: ["That URL is taken."] } });
    const error = await adminCreateTenant(
      operator,
      { name: "x", slug: "Admin", ownerEmail: "nope" },
      { baseUrl },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(Object.keys((error as AppError).details ?? {}).sort()).toEqual(["name", "ownerEmail", "slug"]);
  });
});

describe("lifecycle operations", () => {
  it("edits name and slug, refusing a taken slug", async () => {
    const tenant = await freshTenant();
    const slug = uniq("renamed");
    const after = await adminUpdateTenant(operator, tenant.id, { name: "Renamed Co", slug });
    expect(after).toMatchObject({ name: "Renamed Co", slug });
    const [entry] = await auditOf(tenant.id, "tenant.updated_by_operator");
    expect(entry).toMatchObject({
      actorId: operator.id,
      actorEmail: operator.email,
      before: { name: "Fresh Co", slug: tenant.slug },
      after: { name: "Renamed Co", slug },
    });
    await expect(
      adminUpdateTenant(operator, tenant.id, { name: "Renamed Co", slug: at(seeded, 1).slug }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      adminUpdateTenant(operator, "no-such-id", { name: "Ghost", slug: uniq("ghost") }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("changes the tier", async () => {
    const tenant = await freshTenant({ tier: "STARTER" });
    const after = await adminChangeTier(operator, tenant.id, { tier: "WHITE_LABEL" });
    expect(after.tier).toBe("WHITE_LABEL");
    const [entry] = await auditOf(tenant.id, "tenant.tier_changed");
    expect(entry).toMatchObject({ actorId: operator.id, before: { tier: "STARTER" }, after: { tier: "WHITE_LABEL" } });
    await expect(adminChangeTier(operator, tenant.id, { tier: "GOLD" })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("extends a running trial from its current end", async () => {
    const end = new Date(now.getTime() + 5 * DAY_MS);
    const tenant = await freshTenant({ trialTier: "ENTERPRISE", trialEndsAt: end });
    const after = await adminExtendTrial(operator, tenant.id, { days: "10" }, now);
    expect(after.trialEndsAt?.getTime()).toBe(end.getTime() + 10 * DAY_MS);
    expect(after.trialTier).toBe("ENTERPRISE");
    const [entry] = await auditOf(tenant.id, "tenant.trial_extended");
    expect(entry).toMatchObject({
      actorId: operator.id,
      before: { trialTier: "ENTERPRISE", trialEndsAt: end.toISOString() },
      after: { trialTier: "ENTERPRISE", trialEndsAt: new Date(end.getTime() + 10 * DAY_MS).toISOString() },
    });
  });

  it("restarts a lapsed trial from now, optionally with another tier", async () => {
    const tenant = await freshTenant({ trialTier: "STARTER", trialEndsAt: new Date(now.getTime() - 3 * DAY_MS) });
    const after = await adminExtendTrial(operator, tenant.id, { days: 7, tier: "PROFESSIONAL" }, now);
    expect(after.trialEndsAt?.getTime()).toBe(now.getTime() + 7 * DAY_MS);
    expect(after.trialTier).toBe("PROFESSIONAL");
    const never = await freshTenant();
    expect((await adminExtendTrial(operator, never.id, { days: 14 }, now)).trialTier).toBe("PROFESSIONAL");
    await expect(adminExtendTrial(operator, tenant.id, { days: 0 }, now)).rejects.toMatchObject({
      code: "validation_failed",
      details: { days: ["At least 1 day."] },
    });
    // @ts-expect-error -- Free is not a trial tier; untyped input (a form) must be refused at runtime.
    await expect(adminExtendTrial(operator, tenant.id, { days: 3, tier: "FREE" }, now)).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("suspends with a reason and reactivates", async () => {
    const tenant = await freshTenant();
    await expect(adminSuspendTenant(operator, tenant.id, { reason: "" })).rejects.toMatchObject({
      code: "validation_failed",
      details: { reason: ["Give a reason."] },
    });
    const suspended = await adminSuspendTenant(operator, tenant.id, { reason: "Unpaid invoices" });
    expect(suspended).toMatchObject({ status: "SUSPENDED", suspendedReason: "Unpaid invoices" });
    await expect(adminSuspendTenant(operator, tenant.id, { reason: "Again" })).rejects.toMatchObject({
      code: "conflict",
    });
    const [suspendEntry] = await auditOf(tenant.id, "tenant.suspended");
    expect(suspendEntry).toMatchObject({
      actorId: operator.id,
      before: { status: "ACTIVE", suspendedReason: null },
      after: { status: "SUSPENDED", suspendedReason: "Unpaid invoices" },
    });

    const active = await adminReactivateTenant(operator, tenant.id);
    expect(active).toMatchObject({ status: "ACTIVE", suspendedReason: null });
    await expect(adminReactivateTenant(operator, tenant.id)).rejects.toMatchObject({ code: "conflict" });
    const [reactivateEntry] = await auditOf(tenant.id, "tenant.reactivated");
    expect(reactivateEntry).toMatchObject({
      actorId: operator.id,
      before: { status: "SUSPENDED", suspendedReason: "Unpaid invoices" },
      after: { status: "ACTIVE", suspendedReason: null },
    });
  });

  it("soft-deletes with a grace period, restores, and purges only after the grace period", async () => {
    // Restorable while in grace.
    const restored = await freshTenant();
    const deleted = await adminDeleteTenant(operator, restored.id, now);
    expect(deleted.status).toBe("DELETED");
    expect(deleted.purgeAfter?.getTime()).toBe(now.getTime() + DELETE_GRACE_DAYS * DAY_MS);
    await expect(adminDeleteTenant(operator, restored.id, now)).rejects.toMatchObject({ code: "conflict" });
    const [deleteEntry] = await auditOf(restored.id, "tenant.deleted");
    expect(deleteEntry).toMatchObject({
      actorId: operator.id,
      before: { status: "ACTIVE", deletedAt: null },
      after: { status: "DELETED" },
    });
    const back = await adminReactivateTenant(operator, restored.id);
    expect(back).toMatchObject({ status: "ACTIVE", deletedAt: null, purgeAfter: null });

    // Deleted long ago (so the purge below only needs the real clock, and never touches tenants
    // other test files deleted just now): purged once its grace period has passed.
    const deletedAt = new Date(now.getTime() - (DELETE_GRACE_DAYS + 10) * DAY_MS);
    const doomed = await freshTenant();
    const gone = await adminDeleteTenant(operator, doomed.id, deletedAt);
    const purgeAfter = gone.purgeAfter!;
    expect(await purgeDeletedTenants(new Date(purgeAfter.getTime() - 1))).toBe(0);
    expect(await t.db.tenant.count({ where: { id: doomed.id } })).toBe(1);
    expect(await purgeDeletedTenants(now)).toBeGreaterThanOrEqual(1);
    expect(await t.db.tenant.count({ where: { id: doomed.id } })).toBe(0);
    // Its audit rows went with it; the seeded soft-deleted tenants (grace until next year) remain.
    expect(await t.db.auditLog.count({ where: { tenantId: doomed.id } })).toBe(0);
    expect(
      await t.db.tenant.count({ where: { id: { in: seeded.filter((s) => s.status === "DELETED").map((s) => s.id) } } }),
    ).toBe(seeded.filter((s) => s.status === "DELETED").length);
  });
});
