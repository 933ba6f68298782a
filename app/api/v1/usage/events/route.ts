import * as routes from "@/lib/api/v1/usage";
import { apiRoute } from "@/lib/http/api";
import { listUsageEvents, recordUsageEvents } from "@/lib/usage/events";

export const GET = apiRoute(routes.listUsageEvents, async ({ ctx, query }) =>
  listUsageEvents(await ctx.tenantContext(), query),
);

export const POST = apiRoute(routes.recordUsageEvents, async ({ ctx, body }) =>
  recordUsageEvents(await ctx.tenantContext(), body, { apiKeyId: ctx.apiKey?.id ?? null }),
);
