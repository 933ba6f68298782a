// GET /api/v1/stripe/analytics/{customer_id}: the caller's own Stripe customer only (404 otherwise).
import { getCustomerAnalytics, toCustomerAnalyticsResource } from "@/lib/api/v1/billing";
import { customerAnalytics, tenantOfStripeCustomer } from "@/lib/billing/reports/customers";
import { apiRoute } from "@/lib/http/api";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(getCustomerAnalytics, async ({ ctx, params }) => {
  const tenantId = await tenantOfStripeCustomer(params.customer_id);
  if (!tenantId || tenantId !== ctx.tenant?.id) throw AppError.notFound("No such customer.");
  return toCustomerAnalyticsResource(params.customer_id, await customerAnalytics(await ctx.tenantContext()));
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
