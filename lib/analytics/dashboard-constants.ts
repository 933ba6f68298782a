// The dashboard's constants and range arithmetic, with no zod and no server imports: the builder's
// client code reads these (dashboard-spec.ts validates with them on the server).
import type { Grain } from "./catalog";

export const GRID_COLUMNS = 12;
export const MAX_WIDGETS = 24;

export const WIDGET_TYPES = ["kpi", "line", "area", "bar", "table", "funnel", "cohort"] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/** A funnel has 2–6 steps; each is a count metric's total over the range (custom events by name). */
export const MAX_FUNNEL_STEPS = 6;
/** The metric a cohort grid reads: members (or, for the operator, workspaces) active each month. */
export const COHORT_METRIC = "active_users";

export const RANGES = ["24h", "7d", "30d", "90d", "12m"] as const;
export type RangeKey = (typeof RANGES)[number];

export const RANGE_LABELS: Record<RangeKey, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "12m": "Last 12 months",
};

/** The grain a range reads best at (the builder's default when the range changes). */
export const DEFAULT_GRAIN: Record<RangeKey, Grain> = {
  "24h": "hour",
  "7d": "day",
  "30d": "day",
  "90d": "week",
  "12m": "month",
};

export const SHARING = ["private", "view", "edit"] as const;
export type Sharing = (typeof SHARING)[number];
export const SHARING_LABELS: Record<Sharing, string> = {
  private: "Only me",
  view: "Workspace can view",
  edit: "Workspace can edit",
};

/** The range's [from, to) ending at the next whole hour after `now`. */
export function rangeBounds(range: RangeKey, now = new Date()): { from: Date; to: Date } {
  const to = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const days = { "24h": 1, "7d": 7, "30d": 30, "90d": 90, "12m": 365 }[range];
  return { from: new Date(to.getTime() - days * 86_400_000), to };
}
