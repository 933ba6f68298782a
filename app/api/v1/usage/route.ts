import { toUsageSummaryResource } from "@/lib/api/v1/serializers";
import * as routes from "@/lib/api/v1/usage";
import { apiRoute } from "@/lib/http/api";
import { getUsageSummary } from "@/lib/usage/summary";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getUsage, async ({ ctx }) =>
  toUsageSummaryResource(await getUsageSummary(await ctx.tenantContext())),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
