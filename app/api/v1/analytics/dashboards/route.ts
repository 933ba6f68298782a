import { createDashboard, listDashboards } from "@/lib/analytics/dashboards";
import * as routes from "@/lib/api/v1/analytics";
import { toDashboardResource } from "@/lib/api/v1/serialize-analytics";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.listDashboards, async ({ ctx }) => {
  const dashboards = await listDashboards({ kind: "tenant", ctx: await ctx.tenantContext() });
  return { data: dashboards.map(toDashboardResource) };
});

export const POST = apiRoute(routes.createDashboard, async ({ ctx, body }) =>
  toDashboardResource(await createDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, body)),
);
