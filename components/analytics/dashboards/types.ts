import type { ActionState, FormInput } from "@/lib/http/action";
import type { DashboardSpec, Sharing } from "@/lib/analytics/dashboard-spec";

/** A server action bound to its audience (a workspace's slug, or the operator's). */
export type BoundAction<T = unknown> = (prev: ActionState<T>, input: FormInput) => Promise<ActionState<T>>;

export interface CatalogEntry {
  name: string;
  label: string;
  unit: string;
  dimensions: readonly string[];
  kind: "series" | "kpi";
  higherIsBetter: boolean;
}

export interface BuilderDashboard {
  id: string;
  name: string;
  sharing: Sharing;
  spec: DashboardSpec;
  canEdit: boolean;
  canManage: boolean;
}
