import * as routes from "@/lib/api/v1/paypal";
import { listOrders } from "@/lib/billing/orders";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listPaypalOrders, async ({ ctx, query }) => {
  const page = await listOrders(
    await ctx.tenantContext(),
    { cursor: query.cursor, limit: query.limit },
    { scopeChecked: true },
  );
  return { data: page.data.map(routes.toOrderResource), next_cursor: page.nextCursor };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
