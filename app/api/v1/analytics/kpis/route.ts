import { loadTenantKpis } from "@/lib/analytics/trends";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getKpis, async ({ ctx }) => loadTenantKpis(await ctx.tenantContext()));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
