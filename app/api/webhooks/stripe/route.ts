// Stripe webhooks: verify the signature, store the event once, dispatch it (lib/billing/webhooks).
import { stripeWebhookVerifier } from "@/lib/billing/stripe/verify";
import { webhookEndpoint } from "@/lib/http/webhook";
import { otherMethods } from "@/lib/http/methods";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = webhookEndpoint({ provider: "STRIPE", verifier: stripeWebhookVerifier });

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
