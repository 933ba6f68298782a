// Stripe webhooks: verify the signature, store the event once, dispatch it (lib/billing/webhooks).
import { stripeWebhookVerifier } from "@/lib/billing/stripe/verify";
import { webhookEndpoint } from "@/lib/billing/webhooks/endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = webhookEndpoint({ provider: "STRIPE", verifier: stripeWebhookVerifier });
