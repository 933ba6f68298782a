import { loadTenantRealtime } from "@/lib/analytics/realtime";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getRealtime, async ({ ctx }) => loadTenantRealtime(await ctx.tenantContext()));
