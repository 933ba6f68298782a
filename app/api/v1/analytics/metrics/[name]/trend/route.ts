import { loadTenantTrend } from "@/lib/analytics/trends";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getTrend, async ({ ctx, params, query }) =>
  loadTenantTrend(await ctx.tenantContext(), params.name, query),
);
