// The Stripe SDK, configured once. The API version is pinned (the SDK's own, so types and
// payloads agree); STRIPE_API_URL points it at stripe-mock or a test fake instead of api.stripe.com.
import Stripe from "stripe";

import { env } from "../../env";

export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

export interface StripeClientOptions {
  secretKey: string;
  /** e.g. "http://127.0.0.1:12111"; unset: api.stripe.com. */
  apiUrl?: string;
}

export function createStripeClient({ secretKey, apiUrl }: StripeClientOptions): Stripe {
  const target = apiUrl ? new URL(apiUrl) : null;
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "Tessera", url: "https://github.com/tessera" },
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === "https:" ? "443" : "80"),
          protocol: target.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

let client: Stripe | undefined;

export function isStripeConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY);
}

/** The process-wide client; throws when STRIPE_SECRET_KEY is unset (callers check isStripeConfigured()). */
export function stripe(): Stripe {
  // A client set by a test (setStripeClient) wins over the environment.
  if (client) return client;
  if (!env.STRIPE_SECRET_KEY) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY is unset).");
  client ??= createStripeClient({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL });
  return client;
}

/** Tests swap in a client pointed at their fake server. */
export function setStripeClient(next: Stripe | undefined): void {
  client = next;
}
