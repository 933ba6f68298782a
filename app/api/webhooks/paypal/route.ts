// PayPal webhooks: verify the delivery (PayPal's API or the certificate, PAYPAL_WEBHOOK_VERIFICATION),
// store the event once, dispatch it (lib/billing/webhooks). 404 while PAYPAL_WEBHOOK_ID is unset.
import { paypalWebhookVerifier } from "@/lib/billing/paypal/verify";
import { webhookEndpoint } from "@/lib/http/webhook";
import { otherMethods } from "@/lib/http/methods";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = webhookEndpoint({ provider: "PAYPAL", verifier: paypalWebhookVerifier });

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
