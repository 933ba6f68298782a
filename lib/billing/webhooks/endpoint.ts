// The HTTP side of a webhook route, shared by Stripe and PayPal: read the raw body (at most
// BODY_LIMITS.webhook bytes: 413 beyond, checked before reading when Content-Length says so), let the
// provider verify it (a bad or missing signature answers 400 and stores nothing), hand the event
// to the pipeline, answer 2xx with the outcome. Only a failure to store the event answers 5xx,
// so the provider delivers it again.
import "server-only";

import { NextResponse } from "next/server";

import type { BillingProvider } from "../../db/generated/enums";
import { BODY_LIMITS, readBodyText } from "../../http/body";
import { AppError } from "../../http/errors";
import { newRequestId } from "../../http/request";
import { errorResponse } from "../../http/route";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { receiveWebhook } from "./intake";
import type { IncomingEvent } from "./types";

/** Thrown by a verifier: the request is not a genuine delivery from the provider. */
export class InvalidWebhook extends Error {}

export type WebhookVerifier = (rawBody: string, headers: Headers) => Promise<IncomingEvent>;

export interface WebhookEndpointOptions {
  provider: BillingProvider;
  /** null while the provider is not configured: the endpoint answers 404. */
  verifier: () => WebhookVerifier | null;
}

export function webhookEndpoint({ provider, verifier }: WebhookEndpointOptions) {
  return async (request: Request): Promise<Response> => {
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
      event = await verify(raw, request.headers);
    } catch (error) {
      metrics().webhooks.inc({ provider, outcome: "rejected" });
      if (!(error instanceof InvalidWebhook))
        logger.error("webhook verification failed", { provider, requestId, error });
      return errorResponse(
        error instanceof InvalidWebhook
          ? new AppError("bad_request", `Invalid webhook: ${error.message}`)
          : new AppError("unavailable", "Could not verify the webhook right now; deliver it again later."),
        requestId,
      );
    }
    try {
      const outcome = await receiveWebhook(event);
      return NextResponse.json(
        { received: true, id: event.eventId, outcome },
        { headers: { "x-request-id": requestId, "cache-control": "no-store" } },
      );
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
