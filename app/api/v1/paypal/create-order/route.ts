import * as routes from "@/lib/api/v1/paypal";
import { createOrder } from "@/lib/billing/orders";
import { apiRoute } from "@/lib/http/api";
import { newRequestId } from "@/lib/http/request";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.createPaypalOrder, async ({ ctx, body, request }) => {
  const requestId = request.headers.get("idempotency-key") ?? newRequestId();
  const order = await createOrder(await ctx.tenantContext(), body, requestId, { scopeChecked: true });
  return routes.toOrderResource(order);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
