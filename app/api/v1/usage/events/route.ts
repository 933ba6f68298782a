import * as routes from "@/lib/api/v1/usage";
import { apiRoute } from "@/lib/http/api";
import { listUsageEvents, recordUsageEvents } from "@/lib/usage/events";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listUsageEvents, async ({ ctx, query }) =>
  listUsageEvents(await ctx.tenantContext(), query),
);

export const POST = apiRoute(routes.recordUsageEvents, async ({ ctx, body }) =>
  recordUsageEvents(await ctx.tenantContext(), body, { apiKeyId: ctx.apiKey?.id ?? null }),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
