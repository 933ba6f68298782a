// Whether the simulated (local) provider may serve, and whose money counts as revenue. Kept apart
// from provider-registry.ts (which imports every provider implementation) so the providers themselves can
// ask without an import cycle. Reads lib/env on every call: tests switch providers at run time.
import type { BillingProvider } from "../db/generated/enums";
import { env } from "../env";
import { AppError } from "@/lib/errors";

/** Whether Stripe or PayPal is configured (real money moves through this deployment). */
export function isRealProviderConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY) || Boolean(env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET);
}

/**
 * Why the local simulated provider is on or off:
 *  - "embedded": nothing configured, not a production PostgreSQL deployment (development, tests,
 *    the embedded default — also `next start` on PGlite);
 *  - "demo": BILLING_SIMULATED_CHECKOUT turned it on;
 *  - "real_provider": Stripe or PayPal is configured (off);
 *  - "production": NODE_ENV=production on PostgreSQL with no provider (off: nobody pays).
 */
export type LocalProviderMode = "embedded" | "demo" | "real_provider" | "production";

export function localProviderMode(): LocalProviderMode {
  if (isRealProviderConfigured()) return "real_provider";
  if (env.BILLING_SIMULATED_CHECKOUT) return "demo";
  if (env.NODE_ENV === "production" && env.DATABASE_URL) return "production";
  return "embedded";
}

export function isLocalProviderEnabled(): boolean {
  const mode = localProviderMode();
  return mode === "embedded" || mode === "demo";
}

/** Refuses (4xx) an operation of the simulated provider where it is off. */
export function assertLocalProviderEnabled(): void {
  if (isLocalProviderEnabled()) return;
  throw new AppError(
    "bad_request",
    localProviderMode() === "real_provider"
      ? "The simulated checkout is not available on this installation; pay with the configured payment provider."
      : "Payments are not configured on this installation; ask its operator to set up Stripe or PayPal.",
  );
}

/**
 * The providers whose money the revenue reports count: all of them, except the simulated one
 * once a real provider is configured (its rows are demo leftovers, not revenue).
 */
export function countedProviders(): BillingProvider[] {
  return isRealProviderConfigured() ? ["STRIPE", "PAYPAL"] : ["STRIPE", "PAYPAL", "LOCAL"];
}
