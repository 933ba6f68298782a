import { deleteDashboard, getDashboard, updateDashboard } from "@/lib/analytics/dashboards";
import * as routes from "@/lib/api/v1/analytics";
import { toDashboardResource } from "@/lib/api/v1/serialize-analytics";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getDashboard, async ({ ctx, params }) =>
  toDashboardResource(await getDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, params.id)),
);

export const PATCH = apiRoute(routes.updateDashboard, async ({ ctx, params, body }) =>
  toDashboardResource(await updateDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, params.id, body)),
);

export const DELETE = apiRoute(routes.deleteDashboard, async ({ ctx, params }) => {
  await deleteDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, params.id);
});
