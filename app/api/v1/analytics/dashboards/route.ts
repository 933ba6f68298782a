import { createDashboard, listDashboards } from "@/lib/analytics/dashboards";
import * as routes from "@/lib/api/v1/analytics";
import { toDashboardResource } from "@/lib/api/v1/serialize-analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listDashboards, async ({ ctx }) => {
  const dashboards = await listDashboards({ kind: "tenant", ctx: await ctx.tenantContext() });
  return { data: dashboards.map(toDashboardResource) };
});

export const POST = apiRoute(routes.createDashboard, async ({ ctx, body }) =>
  toDashboardResource(await createDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, body)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
