import { loadTenantTrend } from "@/lib/analytics/trends";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getTrend, async ({ ctx, params, query }) =>
  loadTenantTrend(await ctx.tenantContext(), params.name, query),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
