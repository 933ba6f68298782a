// Dashboards: CRUD, duplicate, JSON export/import and sharing. A workspace's dashboards are
// tenant rows (withTenant: pinned and under RLS); the operator's have no tenant and are read with
// the process client by an authorised Operator only.
//
// Who may do what in a workspace (docs/metrics.md → Dashboards):
//   private  only its creator sees and edits it;
//   view     every member sees it; its creator, owners and admins edit it;
//   edit     every member sees it; every member with dashboards:manage edits it.
// Deleting and changing the sharing: the creator, owners and admins.
import "server-only";

import { z } from "zod";

import { getDb } from "../db/client";
import type { Dashboard } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { assertOperator, type Operator } from "../tenancy/operator";
import { assertCan, type TenantContext } from "../tenancy/context";
import { can } from "../tenancy/permissions";
import { AppError, parseInput } from "@/lib/errors";
import { getMetric, metricsFor } from "./catalog";
import {
  dashboardExportSchema,
  dashboardName,
  dashboardSpecSchema,
  SHARING,
  type DashboardExport,
  type DashboardSpec,
  type Sharing,
} from "./dashboard-spec";

export type DashboardOwner = { kind: "tenant"; ctx: TenantContext } | { kind: "platform"; operator: Operator };

export const MAX_DASHBOARDS = 100;

export interface DashboardView {
  id: string;
  name: string;
  sharing: Sharing;
  spec: DashboardSpec;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  canEdit: boolean;
  canManage: boolean;
}

export const createDashboardInput = z.object({
  name: dashboardName,
  sharing: z.enum(SHARING).default("view"),
  spec: dashboardSpecSchema.default({ version: 1, widgets: [] }),
});

export const updateDashboardInput = z
  .object({
    name: dashboardName.optional(),
    sharing: z.enum(SHARING).optional(),
    spec: dashboardSpecSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.sharing !== undefined || v.spec !== undefined, {
    message: "Change at least one of name, sharing and spec.",
  });

const isManager = (ctx: TenantContext) => ctx.role === "OWNER" || ctx.role === "ADMIN";

function rights(owner: DashboardOwner, row: Pick<Dashboard, "sharing" | "createdById">) {
  if (owner.kind === "platform") return { see: true, edit: true, manage: true };
  const { ctx } = owner;
  const mine = row.createdById === ctx.user.id;
  const sharing = row.sharing as Sharing;
  const see = mine || sharing !== "private";
  const manageable = can(ctx.role, "dashboards:manage");
  const edit = see && manageable && (mine || (sharing === "view" && isManager(ctx)) || sharing === "edit");
  const manage = see && manageable && (mine || (sharing !== "private" && isManager(ctx)));
  return { see, edit, manage };
}

function view(owner: DashboardOwner, row: Dashboard): DashboardView {
  const r = rights(owner, row);
  const spec = dashboardSpecSchema.safeParse(row.spec);
  return {
    id: row.id,
    name: row.name,
    sharing: (SHARING as readonly string[]).includes(row.sharing) ? (row.sharing as Sharing) : "private",
    spec: spec.success ? spec.data : { version: 1, widgets: [] },
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canEdit: r.edit,
    canManage: r.manage,
  };
}

/** Refuses widgets of metrics the audience may not read (a workspace never gets platform KPIs). */
function checkMetrics(owner: DashboardOwner, spec: DashboardSpec): void {
  const allowed = new Set(metricsFor(owner.kind === "tenant" ? "tenant" : "platform").map((m) => m.name));
  spec.widgets.forEach((w, i) => {
    if (!allowed.has(w.metric)) {
      throw new AppError("validation_failed", "Some fields are not valid.", {
        [`spec.widgets.${i}.metric`]: [`${getMetric(w.metric)?.label ?? w.metric} is not available here.`],
      });
    }
    w.steps?.forEach((step, j) => {
      if (!allowed.has(step.metric)) {
        throw new AppError("validation_failed", "Some fields are not valid.", {
          [`spec.widgets.${i}.steps.${j}.metric`]: [
            `${getMetric(step.metric)?.label ?? step.metric} is not available here.`,
          ],
        });
      }
    });
  });
}

async function run<T>(
  owner: DashboardOwner,
  fn: (
    db: {
      dashboard: Pick<
        Awaited<ReturnType<typeof getDb>>["dashboard"],
        "findMany" | "findFirst" | "create" | "update" | "delete" | "count"
      >;
    },
    tenantId: string | null,
  ) => Promise<T>,
): Promise<T> {
  if (owner.kind === "tenant") return withTenant(owner.ctx.tenant.id, (tx) => fn(tx as never, owner.ctx.tenant.id));
  assertOperator(owner.operator);
  return fn(await getDb(), null);
}

function actorId(owner: DashboardOwner): string | null {
  return owner.kind === "tenant" ? owner.ctx.user.id : owner.operator.id;
}

function assertReader(owner: DashboardOwner): void {
  if (owner.kind === "tenant") assertCan(owner.ctx, "dashboards:read");
}

export async function listDashboards(owner: DashboardOwner): Promise<DashboardView[]> {
  assertReader(owner);
  const rows = await run(owner, (db, tenantId) =>
    db.dashboard.findMany({
      where: { tenantId },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: MAX_DASHBOARDS,
    }),
  );
  return rows.map((row) => view(owner, row)).filter((d) => rights(owner, d).see);
}

async function findVisible(owner: DashboardOwner, id: string) {
  const row = await run(owner, (db, tenantId) => db.dashboard.findFirst({ where: { id, tenantId } }));
  if (!row || !rights(owner, row).see) throw AppError.notFound("Dashboard not found.");
  return row;
}

export async function getDashboard(owner: DashboardOwner, id: string): Promise<DashboardView> {
  assertReader(owner);
  return view(owner, await findVisible(owner, id));
}

export async function createDashboard(owner: DashboardOwner, input: unknown): Promise<DashboardView> {
  if (owner.kind === "tenant") assertCan(owner.ctx, "dashboards:manage");
  const data = parseInput(createDashboardInput, input);
  checkMetrics(owner, data.spec);
  const row = await run(owner, async (db, tenantId) => {
    if ((await db.dashboard.count({ where: { tenantId } })) >= MAX_DASHBOARDS) {
      throw new AppError("limit_exceeded", `At most ${MAX_DASHBOARDS} dashboards.`);
    }
    return db.dashboard.create({
      data: { tenantId, name: data.name, sharing: data.sharing, spec: data.spec, createdById: actorId(owner) },
    });
  });
  return view(owner, row);
}

export async function updateDashboard(owner: DashboardOwner, id: string, input: unknown): Promise<DashboardView> {
  if (owner.kind === "tenant") assertCan(owner.ctx, "dashboards:manage");
  const data = parseInput(updateDashboardInput, input);
  if (data.spec) checkMetrics(owner, data.spec);
  const row = await findVisible(owner, id);
  const r = rights(owner, row);
  if (!r.edit) throw AppError.forbidden("You can view this dashboard but not change it.");
  if (data.sharing !== undefined && data.sharing !== row.sharing && !r.manage) {
    throw AppError.forbidden("Only its creator, owners and admins change who sees this dashboard.");
  }
  const updated = await run(owner, (db) =>
    db.dashboard.update({
      where: { id },
      data: {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.sharing !== undefined ? { sharing: data.sharing } : {}),
        ...(data.spec !== undefined ? { spec: data.spec } : {}),
      },
    }),
  );
  return view(owner, updated);
}

export async function duplicateDashboard(owner: DashboardOwner, id: string): Promise<DashboardView> {
  const source = await getDashboard(owner, id);
  return createDashboard(owner, { name: `${source.name} (copy)`.slice(0, 80), sharing: "private", spec: source.spec });
}

export async function deleteDashboard(owner: DashboardOwner, id: string): Promise<void> {
  if (owner.kind === "tenant") assertCan(owner.ctx, "dashboards:manage");
  const row = await findVisible(owner, id);
  if (!rights(owner, row).manage)
    throw AppError.forbidden("Only its creator, owners and admins delete this dashboard.");
  await run(owner, (db) => db.dashboard.delete({ where: { id } }));
}

export async function exportDashboard(owner: DashboardOwner, id: string): Promise<DashboardExport> {
  const d = await getDashboard(owner, id);
  return { format: "tessera.dashboard", version: 1, name: d.name, spec: d.spec };
}

/** Creates a dashboard from an exported file (text or parsed JSON); it starts private. */
export async function importDashboard(owner: DashboardOwner, file: unknown): Promise<DashboardView> {
  let parsed = file;
  if (typeof file === "string") {
    try {
      parsed = JSON.parse(file);
    } catch {
      throw new AppError("bad_request", "The file is not valid JSON.");
    }
  }
  const data = parseInput(dashboardExportSchema, parsed);
  return createDashboard(owner, { name: data.name, sharing: "private", spec: data.spec });
}
