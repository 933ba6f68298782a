"use server";
// The PayPal buttons' server actions. Each is a public endpoint: tenantAction authenticates,
// resolves the workspace from the bound slug and checks "billing:manage"; lib/billing/paypal
// creates the subscription server-side and records it once the buyer has approved it.
// Call as `createPaypalSubscriptionAction(slug, { status: "idle" }, { tier, interval, currency })`.
import { confirmPaypalSubscription, startPaypalButtonSubscription } from "@/lib/billing/paypal/buttons";
import { tenantAction } from "@/lib/http/action";

export const createPaypalSubscriptionAction = tenantAction<{ subscriptionId: string }>(
  "billing.paypal.create_subscription",
  "billing:manage",
  async (ctx, input) => ({ data: { subscriptionId: await startPaypalButtonSubscription(ctx, input) } }),
);

export const confirmPaypalSubscriptionAction = tenantAction(
  "billing.paypal.confirm_subscription",
  "billing:manage",
  async (ctx, input) => {
    await confirmPaypalSubscription(ctx, input);
    return { message: "Your PayPal subscription is active." };
  },
);
