import * as routes from "@/lib/api/v1/paypal";
import { getOrder } from "@/lib/billing/orders";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getPaypalOrder, async ({ ctx, params }) =>
  routes.toOrderResource(await getOrder(await ctx.tenantContext(), params.id, { scopeChecked: true })),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
