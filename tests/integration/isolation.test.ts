import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withTenant } from "@/lib/db/tenant";

import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let tenantA: string;
let tenantB: string;
let userA: string;
let userB: string;

beforeAll(async () => {
  t = await openTestDb();
  const [a, b] = await Promise.all([
    t.db.tenant.create({ data: { name: "A", slug: uniq("a") } }),
    t.db.tenant.create({ data: { name: "B", slug: uniq("b") } }),
  ]);
  tenantA = a.id;
  tenantB = b.id;
  const [ua, ub] = await Promise.all([
    t.db.user.create({ data: { email: `${uniq("ua")}@example.test` } }),
    t.db.user.create({ data: { email: `${uniq("ub")}@example.test` } }),
  ]);
  userA = ua.id;
  userB = ub.id;
  await t.db.membership.createMany({
    data: [
      { tenantId: tenantA, userId: userA, role: "OWNER" },
      { tenantId: tenantB, userId: userB, role: "OWNER" },
    ],
  });
  await t.db.auditLog.createMany({
    data: [
      { tenantId: tenantA, action: "a.secret", targetType: "tenant" },
      { tenantId: tenantB, action: "b.secret", targetType: "tenant" },
    ],
  });
});

afterAll(async () => {
  await t.close();
});

describe("tenant isolation", () => {
  it("pins Prisma queries to the tenant even when the caller forgets the filter", async () => {
    const rows = await withTenant(tenantA, (tx) => tx.auditLog.findMany({}), { db: t.db });
    expect(rows.map((r) => r.action)).toEqual(["a.secret"]);
  });

  it("overrides a tenant id the caller wrote for another tenant", async () => {
    const rows = await withTenant(tenantA, (tx) => tx.membership.findMany({ where: { tenantId: tenantB } }), {
      db: t.db,
    });
    expect(rows.every((r) => r.tenantId === tenantA)).toBe(true);
    expect(rows).toHaveLength(1);
  });

  it("RLS stops raw SQL that forgot its tenant filter", async () => {
    const rows = await withTenant(
      tenantA,
      (tx) => tx.$queryRaw<{ tenantId: string; action: string }[]>`SELECT "tenantId", action FROM audit_logs`,
      { db: t.db },
    );
    expect(rows).toEqual([{ tenantId: tenantA, action: "a.secret" }]);
    const tenants = await withTenant(tenantA, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants`, {
      db: t.db,
    });
    expect(tenants.map((r) => r.id)).toEqual([tenantA]);
  });

  it("RLS refuses to write a row for another tenant", async () => {
    await expect(
      withTenant(
        tenantA,
        (tx) =>
          tx.$executeRaw`INSERT INTO audit_logs ("tenantId", id, action, "targetType") VALUES (${tenantB}, 'x', 'evil', 'tenant')`,
        { db: t.db },
      ),
    ).rejects.toThrow(/row-level security/);
    const count = await t.db.auditLog.count({ where: { tenantId: tenantB, action: "evil" } });
    expect(count).toBe(0);
  });

  it("runs tenant work as the non-owner role", async () => {
    const [row] = await withTenant(tenantA, (tx) => tx.$queryRaw<{ role: string }[]>`SELECT current_user AS role`, {
      db: t.db,
    });
    expect(row?.role).toBe("tessera_app");
  });

  it("a transaction rolls back entirely on failure", async () => {
    await expect(
      withTenant(
        tenantA,
        async (tx) => {
          await tx.auditLog.create({ data: { tenantId: tenantA, action: "half", targetType: "tenant" } });
          throw new Error("boom");
        },
        { db: t.db },
      ),
    ).rejects.toThrow("boom");
    expect(await t.db.auditLog.count({ where: { action: "half" } })).toBe(0);
  });
});
