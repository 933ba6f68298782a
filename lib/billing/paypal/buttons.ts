// The server side of the PayPal buttons (components/billing/paypal-buttons.tsx): the buttons ask
// for a subscription created here (so custom_id, plan and URLs are ours, never the browser's),
// and after the buyer approves in PayPal's window the subscription is re-read from PayPal and
// applied to the ledger at once, without waiting for the webhook.
import "server-only";

import { z } from "zod";

import { env } from "../../env";
import { AppError, parseInput } from "@/lib/errors";
import { requestIdFromTrace } from "../../observability/tracing";
import { actorOf, assertActive, assertCan, type TenantContext } from "../../tenancy/context";
import { CURRENCIES, INTERVALS, PAID_TIERS, priceKey } from "../catalog";
import { isPaypalConfigured } from "./client";
import { planIdForKey } from "./plans";
import {
  cancelPaypalSubscription,
  createPaypalSubscription,
  fetchPaypalSubscription,
  paypalSubscriptionProblem,
  refreshPaypalSubscription,
} from "./subscriptions";

export const paypalPlanChoice = z.object({
  tier: z.enum(PAID_TIERS, { error: "Choose a paid plan." }),
  interval: z.enum(INTERVALS, { error: "Choose monthly or yearly billing." }),
  currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
});

const subscriptionIdInput = z.object({
  subscriptionId: z.string().regex(/^[A-Za-z0-9-]{3,64}$/, "Not a PayPal subscription id."),
});

function requirePaypal(): void {
  if (!isPaypalConfigured()) throw new AppError("unavailable", "PayPal is not available on this installation.");
}

/** Creates the PayPal subscription the buttons open; returns its id. */
export async function startPaypalButtonSubscription(ctx: TenantContext, input: unknown): Promise<string> {
  assertCan(ctx, "billing:manage");
  assertActive(ctx);
  requirePaypal();
  const choice = parseInput(paypalPlanChoice, input);
  const now = new Date();
  const trialEnd =
    ctx.tenant.trialTier && ctx.tenant.trialEndsAt && ctx.tenant.trialEndsAt > now ? ctx.tenant.trialEndsAt : null;
  const back = new URL(`/t/${ctx.tenant.slug}/billing`, env.APP_URL).toString();
  const { id } = await createPaypalSubscription({
    tenantId: ctx.tenant.id,
    planId: await planIdForKey(priceKey(choice.tier, choice.interval, choice.currency)),
    startTime: trialEnd,
    email: ctx.user.email.includes("@") ? ctx.user.email : null,
    returnUrl: back,
    cancelUrl: back,
    // Each click is its own attempt: PayPal's window is opened for a fresh subscription.
    requestId: requestIdFromTrace(),
  });
  return id;
}

/**
 * After approval: re-reads the subscription (it must be this tenant's) and records it. One the
 * buyer's browser created or revised off the catalog (overridden plan, quantity, price) is
 * cancelled at PayPal and refused (400): it is never granted the tier.
 */
export async function confirmPaypalSubscription(ctx: TenantContext, input: unknown): Promise<void> {
  assertCan(ctx, "billing:manage");
  requirePaypal();
  const { subscriptionId } = parseInput(subscriptionIdInput, input);
  const sub = await fetchPaypalSubscription(subscriptionId);
  if (sub.custom_id !== ctx.tenant.id) throw AppError.notFound("No such PayPal subscription.");
  const problem = await paypalSubscriptionProblem(sub);
  if (problem) {
    await cancelPaypalSubscription(sub.id, "It does not match Tessera's price list.", `refuse-${sub.id}`);
    await refreshPaypalSubscription(ctx.tenant.id, subscriptionId, actorOf(ctx));
    throw new AppError(
      "bad_request",
      `This PayPal subscription was not accepted (${problem}) and was cancelled at PayPal; choose a plan again.`,
    );
  }
  const state = await refreshPaypalSubscription(ctx.tenant.id, subscriptionId, actorOf(ctx));
  if (!state) throw AppError.notFound("No such PayPal subscription.");
}
