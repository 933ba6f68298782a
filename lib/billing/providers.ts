// Which payment providers this deployment offers, chosen from the environment in one place:
// Stripe when STRIPE_SECRET_KEY is set, PayPal when PAYPAL_CLIENT_ID/SECRET are, and the local
// simulated provider when neither is (the embedded default: everything works offline).
import type { BillingProvider } from "../db/generated/enums";
import { env } from "../env";
import { localProvider } from "./local/provider";
import { paypalProvider } from "./paypal/provider";
import type { SubscriptionProvider } from "./provider";
import { stripeProvider } from "./stripe/provider";

const PROVIDERS: Record<BillingProvider, SubscriptionProvider> = {
  STRIPE: stripeProvider,
  PAYPAL: paypalProvider,
  LOCAL: localProvider,
};

/** The providers a customer can start a subscription with, in the order their buttons show. */
export function enabledProviders(): BillingProvider[] {
  const enabled: BillingProvider[] = [];
  if (env.STRIPE_SECRET_KEY) enabled.push("STRIPE");
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) enabled.push("PAYPAL");
  return enabled.length ? enabled : ["LOCAL"];
}

/** The implementation that manages subscriptions created with `provider`. */
export function subscriptionProvider(provider: BillingProvider): SubscriptionProvider {
  return PROVIDERS[provider];
}

export const PROVIDER_LABELS: Record<BillingProvider, string> = {
  STRIPE: "Stripe",
  PAYPAL: "PayPal",
  LOCAL: "Local (simulated)",
};
