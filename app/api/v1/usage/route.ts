import { toUsageSummaryResource } from "@/lib/api/v1/serializers";
import * as routes from "@/lib/api/v1/usage";
import { apiRoute } from "@/lib/http/api";
import { getUsageSummary } from "@/lib/usage/summary";

export const GET = apiRoute(routes.getUsage, async ({ ctx }) =>
  toUsageSummaryResource(await getUsageSummary(await ctx.tenantContext())),
);
