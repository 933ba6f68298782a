// The HTTP side of a webhook route, shared by Stripe and PayPal: read the raw body (at most
// BODY_LIMITS.webhook bytes: 413 beyond, checked before reading when Content-Length says so), let the
// provider verify it (a bad or missing signature answers 400 and stores nothing), store the event
// (one deduplicating insert) and answer 2xx at once with outcome "queued" (or "duplicate"): a
// worker processes it (lib/billing/webhooks/queue.ts, worker.ts). With WEBHOOK_PROCESSING=inline the
// event is processed before answering, with the processing outcome. Only a failure to store the
// event answers 5xx, so the provider delivers it again. The delivery rules (what is storable, where
// it goes) are lib/billing/webhooks/delivery.ts's.
import "server-only";

import { NextResponse } from "next/server";

import type { BillingProvider } from "../db/generated/enums";
import { acceptWebhook, InvalidWebhook, storableEvent, type WebhookVerifier } from "../billing/webhooks/delivery";
import type { IncomingEvent } from "../billing/webhooks/types";
import { AppError } from "@/lib/errors";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { withSpan, type Span } from "../observability/tracing";
import { BODY_LIMITS, readBodyText } from "./body";
import { newRequestId } from "./request";
import { errorResponse } from "./route";

export interface WebhookEndpointOptions {
  provider: BillingProvider;
  /** null while the provider is not configured: the endpoint answers 404. */
  verifier: () => WebhookVerifier | null;
}

export function webhookEndpoint({ provider, verifier }: WebhookEndpointOptions) {
  const name = `webhook ${provider.toLowerCase()}`;
  return (request: Request): Promise<Response> =>
    withSpan(name, { "tessera.webhook.provider": provider.toLowerCase() }, async (span) => {
      const response = await handleDelivery(provider, verifier, request, span);
      span.setAttribute("http.response.status_code", response.status);
      return response;
    });
}

async function handleDelivery(
  provider: BillingProvider,
  verifier: WebhookEndpointOptions["verifier"],
  request: Request,
  span: Span,
): Promise<Response> {
  const requestId = request.headers.get("x-request-id") ?? newRequestId();
  const verify = verifier();
  if (!verify)
    return errorResponse(AppError.notFound(`${provider.toLowerCase()} webhooks are not configured.`), requestId);
  let raw: string;
  try {
    // Bounded: a delivery over the limit is refused by its Content-Length before it is read,
    // or as soon as it has streamed past the limit.
    raw = await readBodyText(request, BODY_LIMITS.webhook);
  } catch (error) {
    metrics().webhooks.inc({ provider, outcome: "rejected" });
    return errorResponse(error, requestId);
  }
  let event: IncomingEvent;
  try {
    event = storableEvent(await verify(raw, request.headers));
  } catch (error) {
    metrics().webhooks.inc({ provider, outcome: "rejected" });
    if (!(error instanceof InvalidWebhook)) logger.error("webhook verification failed", { provider, requestId, error });
    return errorResponse(
      error instanceof InvalidWebhook
        ? new AppError("bad_request", `Invalid webhook: ${error.message}`)
        : new AppError("unavailable", "Could not verify the webhook right now; deliver it again later."),
      requestId,
    );
  }
  // The event's type and id are the provider's (no personal data); its tenant comes from intake.
  span.setAttributes({ "tessera.webhook.event_type": event.type, "tessera.webhook.event_id": event.eventId });
  try {
    const outcome = await acceptWebhook(event);
    span.setAttribute("tessera.webhook.outcome", outcome);
    return NextResponse.json(
      { received: true, id: event.eventId, outcome },
      { headers: { "x-request-id": requestId, "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
