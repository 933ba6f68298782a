// What a dashboard is made of (validated with zod; the server side): widgets
// from the metric catalog with their time range, grain, grouping and grid position, and the JSON
// a dashboard exports to and imports from.
import { z } from "zod";

import { GRAINS, getMetric, METRIC_NAMES } from "./catalog";
import {
  COHORT_METRIC,
  GRID_COLUMNS,
  MAX_FUNNEL_STEPS,
  MAX_WIDGETS,
  RANGES,
  WIDGET_TYPES,
} from "./dashboard-constants";

// The constants (no zod) live in dashboard-constants.ts so the builder's client code stays small;
// re-exported here for the server side.
export * from "./dashboard-constants";

/** Whether a metric can be a funnel step: an additive count (never a rate, a latency or money). */
export function isFunnelMetric(name: string): boolean {
  const m = getMetric(name);
  return !!m && m.kind === "series" && (m.unit === "count" || m.unit === "users");
}

export const funnelStepSchema = z.object({
  metric: z.enum(METRIC_NAMES),
  /** With `custom_events`: one event name (the step counts only that event). */
  event: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]*$/, "Letters, digits, “_”, “.”, “:” and “-”.")
    .optional(),
  label: z.string().trim().max(40).optional(),
});

export type FunnelStep = z.infer<typeof funnelStepSchema>;

const layout = z.object({
  x: z
    .number()
    .int()
    .min(0)
    .max(GRID_COLUMNS - 1),
  y: z.number().int().min(0).max(1000),
  w: z.number().int().min(1).max(GRID_COLUMNS),
  h: z.number().int().min(1).max(20),
});

export const widgetSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Letters, digits, “_” and “-”."),
    type: z.enum(WIDGET_TYPES),
    title: z.string().trim().max(80).optional(),
    metric: z.enum(METRIC_NAMES),
    range: z.enum(RANGES),
    grain: z.enum(GRAINS),
    group_by: z.string().max(32).nullable().optional(),
    /** Funnel widgets only: the steps, in order. */
    steps: z.array(funnelStepSchema).max(MAX_FUNNEL_STEPS).optional(),
    layout,
  })
  .superRefine((w, ctx) => {
    if (w.type === "funnel") {
      if (!w.steps || w.steps.length < 2) {
        ctx.addIssue({ code: "custom", path: ["steps"], message: "A funnel needs at least two steps." });
      }
      w.steps?.forEach((step, i) => {
        if (!isFunnelMetric(step.metric)) {
          ctx.addIssue({
            code: "custom",
            path: ["steps", i, "metric"],
            message: `${getMetric(step.metric)?.label ?? step.metric} is not a count: a funnel step must be one.`,
          });
        }
        if (step.event && step.metric !== "custom_events") {
          ctx.addIssue({
            code: "custom",
            path: ["steps", i, "event"],
            message: "Only a custom-events step names an event.",
          });
        }
      });
    } else if (w.steps !== undefined) {
      ctx.addIssue({ code: "custom", path: ["steps"], message: "Only a funnel has steps." });
    }
    if (w.type === "cohort" && w.metric !== COHORT_METRIC) {
      ctx.addIssue({ code: "custom", path: ["metric"], message: "A cohort grid reads active users." });
    }
    if (w.layout.x + w.layout.w > GRID_COLUMNS) {
      ctx.addIssue({ code: "custom", path: ["layout", "w"], message: `The grid has ${GRID_COLUMNS} columns.` });
    }
    const metric = getMetric(w.metric);
    if (w.group_by && metric && !metric.dimensions.includes(w.group_by)) {
      ctx.addIssue({
        code: "custom",
        path: ["group_by"],
        message: `${metric.label} can be grouped by ${metric.dimensions.join(", ") || "nothing"}.`,
      });
    }
  });

export type Widget = z.infer<typeof widgetSchema>;

export const dashboardSpecSchema = z
  .object({
    version: z.literal(1).default(1),
    widgets: z.array(widgetSchema).max(MAX_WIDGETS, `At most ${MAX_WIDGETS} widgets on a dashboard.`),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.widgets.forEach((w, i) => {
      if (seen.has(w.id)) ctx.addIssue({ code: "custom", path: ["widgets", i, "id"], message: "Duplicate widget id." });
      seen.add(w.id);
    });
  });

export type DashboardSpec = z.infer<typeof dashboardSpecSchema>;

export const dashboardName = z.string().trim().min(1, "Give the dashboard a name.").max(80);

/** The exported file: `{ format, version, name, spec }`. */
export const dashboardExportSchema = z.object({
  format: z.literal("tessera.dashboard"),
  version: z.literal(1),
  name: dashboardName,
  spec: dashboardSpecSchema,
});

export type DashboardExport = z.infer<typeof dashboardExportSchema>;
