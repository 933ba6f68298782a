// Verifies a Stripe webhook delivery: the Stripe-Signature header against STRIPE_WEBHOOK_SECRET
// (HMAC, no network and no secret key needed). null while the secret is unset: the route answers 404.
import Stripe from "stripe";

import { env } from "../../env";
import { InvalidWebhook, type WebhookVerifier } from "../webhooks/delivery";
import { fromUnix } from "./map/common";

export function stripeWebhookVerifier(): WebhookVerifier | null {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return null;
  return async (rawBody, headers) => {
    const signature = headers.get("stripe-signature");
    if (!signature) throw new InvalidWebhook("the Stripe-Signature header is missing.");
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      throw new InvalidWebhook("the signature does not match this endpoint's secret (or is too old).");
    }
    // A signed body can still be any JSON (null, a number): not an event, not a verification outage.
    const shape = (event && typeof event === "object" ? event : {}) as Partial<
      Pick<Stripe.Event, "id" | "type" | "created">
    >;
    if (typeof shape.id !== "string" || typeof shape.type !== "string" || typeof shape.created !== "number") {
      throw new InvalidWebhook("the body is not a Stripe event.");
    }
    return {
      provider: "STRIPE",
      eventId: shape.id,
      type: shape.type,
      createdAt: fromUnix(shape.created),
      payload: event,
    };
  };
}
