// Dashboards: CRUD, duplicate, JSON export/import, sharing by role, and isolation between
// workspaces and from the operator's dashboards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  exportDashboard,
  getDashboard,
  importDashboard,
  listDashboards,
  updateDashboard,
  type DashboardOwner,
} from "@/lib/analytics/dashboards";
import { operatorFromUser } from "@/lib/http/operator";
import { buildTenantContext, type TenantContext } from "@/lib/tenancy/context";
import type { Role } from "@/lib/db/generated/enums";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let owner: TenantContext;
let other: TenantContext;
const operator = operatorFromUser({ id: "op", email: "op@example.test", name: "Op", isPlatformAdmin: true });

const tenant = (ctx: TenantContext): DashboardOwner => ({ kind: "tenant", ctx });
const platform: DashboardOwner = { kind: "platform", operator };

async function memberOf(ctx: TenantContext, role: Role): Promise<TenantContext> {
  const user = await t.db.user.create({ data: { email: `${uniq("m")}@example.test` } });
  await t.db.membership.create({ data: { tenantId: ctx.tenant.id, userId: user.id, role } });
  return buildTenantContext({ id: user.id, email: user.email, name: null, isPlatformAdmin: false }, ctx.tenant, role);
}

const widget = (id: string, metric = "api_calls", x = 0) => ({
  id,
  type: "line" as const,
  metric,
  range: "7d" as const,
  grain: "day" as const,
  layout: { x, y: 0, w: 4, h: 3 },
});

beforeAll(async () => {
  t = await openTestDb();
  [owner, other] = await Promise.all([tenantWithOwner(t.db), tenantWithOwner(t.db)]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("dashboards", () => {
  it("create, rename, lay out, duplicate, delete", async () => {
    const d = await createDashboard(tenant(owner), { name: "Ops", spec: { widgets: [widget("a")] } });
    expect(d).toMatchObject({ name: "Ops", sharing: "view", canEdit: true, canManage: true });
    const renamed = await updateDashboard(tenant(owner), d.id, {
      name: "Operations",
      spec: { version: 1, widgets: [widget("a"), widget("b", "api_latency_p95", 4)] },
    });
    expect(renamed.name).toBe("Operations");
    expect(renamed.spec.widgets.map((w) => w.id)).toEqual(["a", "b"]);
    const copy = await duplicateDashboard(tenant(owner), d.id);
    expect(copy).toMatchObject({ name: "Operations (copy)", sharing: "private" });
    expect(copy.spec).toEqual(renamed.spec);
    await deleteDashboard(tenant(owner), copy.id);
    await expect(getDashboard(tenant(owner), copy.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("exports JSON that imports back as a private copy, and refuses bad files with field errors", async () => {
    const d = await createDashboard(tenant(owner), { name: "Export me", spec: { widgets: [widget("k")] } });
    const file = await exportDashboard(tenant(owner), d.id);
    expect(file).toEqual({ format: "tessera.dashboard", version: 1, name: "Export me", spec: d.spec });
    const imported = await importDashboard(tenant(owner), JSON.stringify(file));
    expect(imported).toMatchObject({ name: "Export me", sharing: "private", spec: d.spec });
    await expect(importDashboard(tenant(owner), "{not json")).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      importDashboard(tenant(owner), {
        ...file,
        spec: { widgets: [{ ...widget("x"), layout: { x: 10, y: 0, w: 4, h: 2 } }] },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    // A workspace cannot put platform KPIs on its dashboards.
    await expect(
      createDashboard(tenant(owner), { name: "MRR", spec: { widgets: [widget("m", "mrr")] } }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("shares by role: private, view, edit", async () => {
    const member = await memberOf(owner, "MEMBER");
    const viewer = await memberOf(owner, "VIEWER");
    const admin = await memberOf(owner, "ADMIN");
    const priv = await createDashboard(tenant(member), { name: "Mine", sharing: "private" });
    const shared = await createDashboard(tenant(owner), { name: "Shared view", sharing: "view" });
    const open = await createDashboard(tenant(owner), { name: "Shared edit", sharing: "edit" });

    expect((await listDashboards(tenant(viewer))).map((d) => d.name)).not.toContain("Mine");
    await expect(getDashboard(tenant(admin), priv.id)).rejects.toMatchObject({ code: "not_found" });

    expect(await getDashboard(tenant(member), shared.id)).toMatchObject({ canEdit: false, canManage: false });
    await expect(updateDashboard(tenant(member), shared.id, { name: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await getDashboard(tenant(admin), shared.id)).toMatchObject({ canEdit: true, canManage: true });

    expect(await getDashboard(tenant(member), open.id)).toMatchObject({ canEdit: true, canManage: false });
    await updateDashboard(tenant(member), open.id, { name: "Edited by a member" });
    await expect(updateDashboard(tenant(member), open.id, { sharing: "private" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(deleteDashboard(tenant(member), open.id)).rejects.toMatchObject({ code: "forbidden" });

    expect(await getDashboard(tenant(viewer), open.id)).toMatchObject({ canEdit: false });
    await expect(createDashboard(tenant(viewer), { name: "No" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("never shows one workspace's dashboards to another, nor the operator's to anyone", async () => {
    const d = await createDashboard(tenant(owner), { name: "Secret", sharing: "edit" });
    const op = await createDashboard(platform, { name: "Platform KPIs", spec: { widgets: [widget("m", "mrr")] } });
    await expect(getDashboard(tenant(other), d.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateDashboard(tenant(other), d.id, { name: "pwned" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getDashboard(tenant(owner), op.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getDashboard(platform, d.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listDashboards(tenant(other))).map((x) => x.name)).not.toContain("Secret");
    const platformNames = (await listDashboards(platform)).map((x) => x.name);
    expect(platformNames).toContain("Platform KPIs");
    expect(platformNames).not.toContain("Secret");
  });
});
