"use server";
// Dashboard actions of a workspace: each resolves the caller, the workspace and the permission
// (tenantAction), then calls lib/analytics/dashboards, which applies the sharing rules.
import {
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  importDashboard,
  updateDashboard,
} from "@/lib/analytics/dashboards";
import { tenantAction, type FormInput } from "@/lib/http/action";
import { AppError } from "@/lib/errors";

function specOf(input: FormInput): unknown {
  if (input.spec === undefined) return undefined;
  try {
    return JSON.parse(input.spec);
  } catch {
    throw new AppError("bad_request", "The layout is not valid JSON.");
  }
}

export const createDashboardAction = tenantAction<{ id: string }>(
  "dashboards.create",
  "dashboards:manage",
  async (ctx, input) => {
    const d = await createDashboard({ kind: "tenant", ctx }, { name: input.name, sharing: input.sharing || undefined });
    return { message: `Dashboard “${d.name}” created.`, data: { id: d.id } };
  },
);

export const importDashboardAction = tenantAction<{ id: string }>(
  "dashboards.import",
  "dashboards:manage",
  async (ctx, input) => {
    const d = await importDashboard({ kind: "tenant", ctx }, input.file ?? "");
    return { message: `Dashboard “${d.name}” imported.`, data: { id: d.id } };
  },
);

export const saveDashboardAction = tenantAction("dashboards.save", "dashboards:manage", async (ctx, input) => {
  await updateDashboard({ kind: "tenant", ctx }, input.id ?? "", {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.sharing !== undefined ? { sharing: input.sharing } : {}),
    ...(input.spec !== undefined ? { spec: specOf(input) } : {}),
  });
});

export const duplicateDashboardAction = tenantAction<{ id: string }>(
  "dashboards.duplicate",
  "dashboards:manage",
  async (ctx, input) => {
    const d = await duplicateDashboard({ kind: "tenant", ctx }, input.id ?? "");
    return { message: `Duplicated as “${d.name}”.`, data: { id: d.id } };
  },
);

export const deleteDashboardAction = tenantAction("dashboards.delete", "dashboards:manage", async (ctx, input) => {
  await deleteDashboard({ kind: "tenant", ctx }, input.id ?? "");
  return { message: "Dashboard deleted." };
});
