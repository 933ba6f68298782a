"use server";
// The operator's dashboard actions (operatorAction: 404 for anyone else).
import {
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  importDashboard,
  updateDashboard,
} from "@/lib/analytics/dashboards";
import { operatorAction, type FormInput } from "@/lib/http/action";
import { AppError } from "@/lib/errors";

function specOf(input: FormInput): unknown {
  try {
    return JSON.parse(input.spec ?? "");
  } catch {
    throw new AppError("bad_request", "The layout is not valid JSON.");
  }
}

export const createPlatformDashboardAction = operatorAction<{ id: string }>(
  "admin.dashboards.create",
  async (operator, input) => {
    const d = await createDashboard({ kind: "platform", operator }, { name: input.name });
    return { message: `Dashboard “${d.name}” created.`, data: { id: d.id } };
  },
);

export const importPlatformDashboardAction = operatorAction<{ id: string }>(
  "admin.dashboards.import",
  async (operator, input) => {
    const d = await importDashboard({ kind: "platform", operator }, input.file ?? "");
    return { message: `Dashboard “${d.name}” imported.`, data: { id: d.id } };
  },
);

export const savePlatformDashboardAction = operatorAction("admin.dashboards.save", async (operator, input) => {
  await updateDashboard({ kind: "platform", operator }, input.id ?? "", {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.spec !== undefined ? { spec: specOf(input) } : {}),
  });
});

export const duplicatePlatformDashboardAction = operatorAction<{ id: string }>(
  "admin.dashboards.duplicate",
  async (operator, input) => {
    const d = await duplicateDashboard({ kind: "platform", operator }, input.id ?? "");
    return { message: `Duplicated as “${d.name}”.`, data: { id: d.id } };
  },
);

export const deletePlatformDashboardAction = operatorAction("admin.dashboards.delete", async (operator, input) => {
  await deleteDashboard({ kind: "platform", operator }, input.id ?? "");
  return { message: "Dashboard deleted." };
});
