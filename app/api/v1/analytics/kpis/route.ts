import { loadTenantKpis } from "@/lib/analytics/trends";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getKpis, async ({ ctx }) => loadTenantKpis(await ctx.tenantContext()));
