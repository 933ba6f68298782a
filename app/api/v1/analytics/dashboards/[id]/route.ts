import { deleteDashboard, getDashboard, updateDashboard } from "@/lib/analytics/dashboards";
import * as routes from "@/lib/api/v1/analytics";
import { toDashboardResource } from "@/lib/api/v1/serialize-analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getDashboard, async ({ ctx, params }) =>
  toDashboardResource(await getDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, params.id)),
);

export const PATCH = apiRoute(routes.updateDashboard, async ({ ctx, params, body }) =>
  toDashboardResource(await updateDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, params.id, body)),
);

export const DELETE = apiRoute(routes.deleteDashboard, async ({ ctx, params }) => {
  await deleteDashboard({ kind: "tenant", ctx: await ctx.tenantContext() }, params.id);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
