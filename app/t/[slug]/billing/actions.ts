"use server";
// The billing portal's server actions: billing:manage for everything that changes billing. Each
// one hands the form to lib/billing, which validates it. Bind the slug: `action.bind(null, slug)`.
import type { CheckoutData, RedirectData } from "@/components/billing/action-types";
import { updateBillingProfile } from "@/lib/billing/account";
import { completeLocalCheckout, updateLocalPaymentMethod } from "@/lib/billing/local/checkout";
import type { PlanChangePreview } from "@/lib/billing/provider";
import {
  cancelSubscription,
  changePlan,
  paymentMethodUrl,
  previewPlanChange,
  resumeSubscription,
  startCheckout,
} from "@/lib/billing/subscriptions";
import { tenantAction, type FormInput } from "@/lib/http/action";

const card = (input: FormInput) => ({
  cardNumber: input.cardNumber ?? "",
  expiry: input.expiry ?? "",
  cvc: input.cvc ?? "",
  cardholder: input.cardholder ?? "",
});

export const startCheckoutAction = tenantAction<RedirectData>(
  "billing.start_checkout",
  "billing:manage",
  async (ctx, input) => ({ data: await startCheckout(ctx, input) }),
);

export const previewPlanChangeAction = tenantAction<PlanChangePreview>(
  "billing.preview_plan_change",
  "billing:manage",
  async (ctx, input) => ({ data: await previewPlanChange(ctx, input) }),
);

export const changePlanAction = tenantAction<RedirectData>(
  "billing.change_plan",
  "billing:manage",
  async (ctx, input) => {
    const result = await changePlan(ctx, input);
    return {
      message: result.redirectUrl ? "Approve the change with the payment provider." : "Plan changed.",
      data: result,
    };
  },
);

export const cancelSubscriptionAction = tenantAction("billing.cancel", "billing:manage", async (ctx, input) => {
  await cancelSubscription(ctx, input);
  return { message: "The subscription will end at the end of the current period." };
});

export const resumeSubscriptionAction = tenantAction("billing.resume", "billing:manage", async (ctx, input) => {
  await resumeSubscription(ctx, input);
  return { message: "The subscription continues." };
});

export const paymentMethodAction = tenantAction<RedirectData>(
  "billing.payment_method",
  "billing:manage",
  async (ctx) => ({ data: { redirectUrl: await paymentMethodUrl(ctx) } }),
);

export const updateBillingProfileAction = tenantAction(
  "billing.update_profile",
  "billing:manage",
  async (ctx, input) => {
    await updateBillingProfile(ctx, input);
    return { message: "Billing details saved." };
  },
);

/** The local provider's simulated checkout page. */
export const completeCheckoutAction = tenantAction<CheckoutData>(
  "billing.complete_checkout",
  "billing:manage",
  async (ctx, input) => {
    const result = await completeLocalCheckout(ctx, { ...card(input), session: input.session ?? "" });
    if (result.status === "declined") return { data: { redirectUrl: null, declined: result.message } };
    return { data: { redirectUrl: `/t/${ctx.tenant.slug}/billing?checkout=success`, declined: null } };
  },
);

/** The local provider's simulated payment-method page. */
export const updateLocalCardAction = tenantAction<RedirectData>(
  "billing.update_card",
  "billing:manage",
  async (ctx, input) => {
    await updateLocalPaymentMethod(ctx, { ...card(input), nonce: input.nonce ?? "" });
    return { message: "Payment method saved.", data: { redirectUrl: `/t/${ctx.tenant.slug}/billing?card=updated` } };
  },
);
