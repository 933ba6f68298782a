import { z } from "zod";

import { metricResource } from "../../analytics/catalog";
import { createDashboardInput, updateDashboardInput } from "../../analytics/dashboards";
import { dashboardSpecSchema, SHARING } from "../../analytics/dashboard-spec";
import { realtimeResource } from "../../analytics/realtime";
import { tenantKpisResource, trendQuerySchema, trendResource } from "../../analytics/trends";
import { GRAINS } from "../../analytics/catalog";
import { defineRoute } from "../define";
import { idParams } from "./common";

const TAG = "Analytics";

export const listMetrics = defineRoute({
  operationId: "listAnalyticsMetrics",
  method: "GET",
  path: "/api/v1/analytics/metrics",
  tag: TAG,
  summary: "List metrics",
  description: "The metric catalog a workspace can read: name, unit, definition, source, finest grain and dimensions.",
  audience: "tenant",
  scope: "analytics:read",
  response: z.object({ data: z.array(metricResource) }).meta({ id: "AnalyticsMetricList" }),
});

export const getRealtime = defineRoute({
  operationId: "getAnalyticsRealtime",
  method: "GET",
  path: "/api/v1/analytics/metrics/realtime",
  tag: TAG,
  summary: "The last 60 minutes",
  description:
    "API calls, errors, latency and distinct active users per minute over the last 60 minutes, with totals. " +
    "Counted as calls are answered; distinct users are a HyperLogLog estimate.",
  audience: "tenant",
  scope: "analytics:read",
  response: realtimeResource,
});

export const getTrend = defineRoute({
  operationId: "getAnalyticsTrend",
  method: "GET",
  path: "/api/v1/analytics/metrics/{name}/trend",
  tag: TAG,
  summary: "Trend of a metric",
  description:
    "Points per grain over [from, to) (default: the last 30 days), optionally grouped by one of the metric's " +
    "dimensions, with the previous period of the same length. At most 800 points.",
  audience: "tenant",
  scope: "analytics:read",
  params: z.object({ name: z.string().min(1).max(64).describe("A metric name from the catalog.") }),
  query: trendQuerySchema,
  response: trendResource,
  errors: ["not_found"],
});

export const getKpis = defineRoute({
  operationId: "getAnalyticsKpis",
  method: "GET",
  path: "/api/v1/analytics/kpis",
  tag: TAG,
  summary: "Headline KPIs",
  description:
    "The workspace's calls, errors, success rate, latency, active users and spend over the last 30 days, against the 30 before.",
  audience: "tenant",
  scope: "analytics:read",
  response: tenantKpisResource,
});

export const exportCsv = defineRoute({
  operationId: "exportAnalyticsCsv",
  method: "GET",
  path: "/api/v1/analytics/export.csv",
  tag: TAG,
  summary: "Export a metric as CSV",
  description:
    "Streams `time,metric,group,value,unit` rows (text/csv, RFC 4180; text cells that a spreadsheet would run as a " +
    "formula are prefixed with an apostrophe) for any range the data holds; rows only for buckets with data. Money " +
    "values are minor units of the currency in `group`.",
  audience: "tenant",
  scope: "analytics:read",
  query: z
    .object({
      metric: z.string().min(1).max(64),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      grain: z.enum(GRAINS).default("day"),
      group_by: z.string().max(32).optional(),
    })
    .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
      message: "from must be before to.",
      path: ["from"],
    }),
  response: z.string().describe("CSV text.").meta({ id: "AnalyticsCsv" }),
  errors: ["not_found"],
});

export const dashboardResource = z
  .object({
    id: z.string(),
    name: z.string(),
    sharing: z.enum(SHARING),
    spec: dashboardSpecSchema,
    can_edit: z.boolean(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Dashboard" });

export const listDashboards = defineRoute({
  operationId: "listDashboards",
  method: "GET",
  path: "/api/v1/analytics/dashboards",
  tag: TAG,
  summary: "List dashboards",
  description: "The dashboards the caller may see, most recently changed first.",
  audience: "tenant",
  scope: "analytics:read",
  response: z.object({ data: z.array(dashboardResource) }).meta({ id: "DashboardList" }),
});

export const createDashboard = defineRoute({
  operationId: "createDashboard",
  method: "POST",
  path: "/api/v1/analytics/dashboards",
  tag: TAG,
  summary: "Create a dashboard",
  audience: "tenant",
  scope: "analytics:write",
  body: createDashboardInput,
  response: dashboardResource,
  status: 201,
  errors: ["limit_exceeded"],
});

export const getDashboard = defineRoute({
  operationId: "getDashboard",
  method: "GET",
  path: "/api/v1/analytics/dashboards/{id}",
  tag: TAG,
  summary: "Get a dashboard",
  audience: "tenant",
  scope: "analytics:read",
  params: idParams,
  response: dashboardResource,
  errors: ["not_found"],
});

export const updateDashboard = defineRoute({
  operationId: "updateDashboard",
  method: "PATCH",
  path: "/api/v1/analytics/dashboards/{id}",
  tag: TAG,
  summary: "Change a dashboard",
  description: "Rename it, change its sharing or replace its widgets (spec).",
  audience: "tenant",
  scope: "analytics:write",
  params: idParams,
  body: updateDashboardInput,
  response: dashboardResource,
  errors: ["not_found"],
});

export const deleteDashboard = defineRoute({
  operationId: "deleteDashboard",
  method: "DELETE",
  path: "/api/v1/analytics/dashboards/{id}",
  tag: TAG,
  summary: "Delete a dashboard",
  audience: "tenant",
  scope: "analytics:write",
  params: idParams,
  errors: ["not_found"],
});
