// The data of one dashboard widget (GET …/dashboards/data?metric&range&grain&group_by): the
// widget's range turned into from/to, then the metric's trend for the audience.
import "server-only";

import { z } from "zod";

import type { Operator } from "../tenancy/operator";
import type { TenantContext } from "../tenancy/context";
import { parseInput } from "@/lib/errors";
import { GRAINS } from "./catalog";
import { rangeBounds, RANGES } from "./dashboard-spec";
import { loadPlatformTrend, loadTenantTrend, type Trend } from "./trends";

export const widgetDataQuery = z.object({
  metric: z.string().min(1).max(64),
  range: z.enum(RANGES),
  grain: z.enum(GRAINS),
  group_by: z.string().max(32).optional(),
});

function query(params: URLSearchParams, now: Date) {
  const q = parseInput(widgetDataQuery, Object.fromEntries(params.entries()));
  const { from, to } = rangeBounds(q.range, now);
  return {
    name: q.metric,
    query: { from: from.toISOString(), to: to.toISOString(), grain: q.grain, group_by: q.group_by || undefined },
  };
}

export function loadTenantWidgetData(ctx: TenantContext, params: URLSearchParams, now = new Date()): Promise<Trend> {
  const { name, query: q } = query(params, now);
  return loadTenantTrend(ctx, name, q, now);
}

export function loadPlatformWidgetData(operator: Operator, params: URLSearchParams, now = new Date()): Promise<Trend> {
  const { name, query: q } = query(params, now);
  return loadPlatformTrend(operator, name, q, now);
}
