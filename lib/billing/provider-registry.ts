// The provider registry: which payment providers this deployment offers, chosen from the environment in one place:
// Stripe when STRIPE_SECRET_KEY is set, PayPal when PAYPAL_CLIENT_ID/SECRET are. The local
// simulated provider (test cards, no money) serves only where no real provider is configured at
// all — the embedded default — and never in production on PostgreSQL unless
// BILLING_SIMULATED_CHECKOUT turns it on for a demo: simulated money must never stand in for a
// tenant's real payment.
import type { BillingProvider } from "../db/generated/enums";
import { env } from "../env";
import { localProvider } from "./local/provider";
import { paypalProvider } from "./paypal/provider";
import type { SubscriptionProvider } from "./provider";
import { isLocalProviderEnabled } from "./provider-mode";
import { stripeProvider } from "./stripe/provider";

const PROVIDERS: Record<BillingProvider, SubscriptionProvider> = {
  STRIPE: stripeProvider,
  PAYPAL: paypalProvider,
  LOCAL: localProvider,
};

/**
 * The providers a customer can start a subscription with, in the order their buttons show; empty
 * when payments are not configured (the billing page says so).
 */
export function enabledProviders(): BillingProvider[] {
  const enabled: BillingProvider[] = [];
  if (env.STRIPE_SECRET_KEY) enabled.push("STRIPE");
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) enabled.push("PAYPAL");
  if (enabled.length === 0 && isLocalProviderEnabled()) enabled.push("LOCAL");
  return enabled;
}

/** The implementation that manages subscriptions created with `provider`. */
export function subscriptionProvider(provider: BillingProvider): SubscriptionProvider {
  return PROVIDERS[provider];
}
