import * as routes from "@/lib/api/v1/usage";
import { withTenant } from "@/lib/db/tenant";
import { apiRoute } from "@/lib/http/api";
import { AppError } from "@/lib/errors";
import { listUsageEvents, recordUsageEvents } from "@/lib/usage/events";

export const GET = apiRoute(routes.listUsageEvents, async ({ ctx, query }) => {
  const tenant = await ctx.tenantContext();
  if (query.cursor) {
    // An unknown cursor would silently yield an empty page: refuse it instead.
    const cursor = query.cursor;
    const row = await withTenant(tenant.tenant.id, (tx) =>
      tx.usageEvent.findUnique({
        where: { tenantId_id: { tenantId: tenant.tenant.id, id: cursor } },
        select: { id: true },
      }),
    );
    if (!row) {
      throw new AppError("validation_failed", "Some fields are not valid.", {
        cursor: ["Not a cursor returned by this list: pass next_cursor as is."],
      });
    }
  }
  return listUsageEvents(tenant, query);
});

export const POST = apiRoute(routes.recordUsageEvents, async ({ ctx, body }) =>
  recordUsageEvents(await ctx.tenantContext(), body, { apiKeyId: ctx.apiKey?.id ?? null }),
);
