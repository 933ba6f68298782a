import { loadTenantRealtime } from "@/lib/analytics/realtime";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getRealtime, async ({ ctx }) => loadTenantRealtime(await ctx.tenantContext()));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
