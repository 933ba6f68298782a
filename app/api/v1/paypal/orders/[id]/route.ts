import * as routes from "@/lib/api/v1/paypal";
import { getOrder } from "@/lib/billing/orders";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getPaypalOrder, async ({ ctx, params }) =>
  routes.toOrderResource(await getOrder(await ctx.tenantContext(), params.id, { scopeChecked: true })),
);
