import * as routes from "@/lib/api/v1/paypal";
import { captureOrder } from "@/lib/billing/orders";
import { apiRoute } from "@/lib/http/api";
import { newRequestId } from "@/lib/http/request";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.capturePaypalOrder, async ({ ctx, params, request }) => {
  const requestId = request.headers.get("idempotency-key") ?? newRequestId();
  const order = await captureOrder(await ctx.tenantContext(), params.id, requestId, { scopeChecked: true });
  return routes.toOrderResource(order);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
