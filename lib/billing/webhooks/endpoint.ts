// The HTTP side of a webhook route, shared by Stripe and PayPal: read the raw body (at most
// BODY_LIMITS.webhook bytes: 413 beyond, checked before reading when Content-Length says so), let the
// provider verify it (a bad or missing signature answers 400 and stores nothing), store the event
// (one deduplicating insert) and answer 2xx at once with outcome "queued" (or "duplicate"): a
// worker processes it (queue.ts, worker.ts). With WEBHOOK_PROCESSING=inline the event is processed
// before answering, with the processing outcome. Only a failure to store the event answers 5xx,
// so the provider delivers it again.
import "server-only";

import { NextResponse } from "next/server";

import type { BillingProvider } from "../../db/generated/enums";
import { BODY_LIMITS, readBodyText } from "../../http/body";
import { AppError } from "@/lib/errors";
import { singleLineProblem, textProblem } from "@/lib/text";
import { newRequestId } from "../../http/request";
import { errorResponse } from "../../http/route";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { env } from "../../env";
import { withSpan, type Span } from "../../observability/tracing";
import { receiveWebhook } from "./intake";
import { enqueueWebhook } from "./queue";
import { wakeWebhookWorker } from "./worker";
import type { IncomingEvent } from "./types";

/** Thrown by a verifier: the request is not a genuine delivery from the provider. */
export class InvalidWebhook extends Error {}

export type WebhookVerifier = (rawBody: string, headers: Headers) => Promise<IncomingEvent>;

export interface WebhookEndpointOptions {
  provider: BillingProvider;
  /** null while the provider is not configured: the endpoint answers 404. */
  verifier: () => WebhookVerifier | null;
}

// A provider's event time is trusted for ordering; one outside these bounds is not a real event.
const EARLIEST_EVENT = Date.parse("2000-01-01T00:00:00Z");
const FUTURE_SLACK_MS = 86_400_000;

/** Replaces what PostgreSQL cannot store in text or JSON (NUL, lone surrogates) with U+FFFD. */
function storableText(value: string): string {
  return value.replace(/\u0000/g, "\ufffd").toWellFormed();
}

function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return storableText(value);
  if (!value || typeof value !== "object" || depth > 100) return value;
  if (Array.isArray(value)) return value.map((item) => storableJson(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [storableText(key), storableJson(inner, depth + 1)]),
  );
}

/**
 * A verified event as it can be stored: a genuine delivery may still carry text PostgreSQL
 * refuses (a customer's name with a NUL, say) — replaced, so that it does not fail to store and
 * come back forever — while an id, type or time no real event has is refused (400, nothing stored).
 */
function storable(event: IncomingEvent): IncomingEvent {
  const time = event.createdAt.getTime();
  if (Number.isNaN(time) || time < EARLIEST_EVENT || time > Date.now() + FUTURE_SLACK_MS) {
    throw new InvalidWebhook("the event's creation time is not a plausible time");
  }
  for (const [field, value] of [
    ["id", event.eventId],
    ["type", event.type],
  ] as const) {
    if (!value || value.length > 255 || textProblem(value) || singleLineProblem(value)) {
      throw new InvalidWebhook(`the event ${field} is not a plain string of at most 255 characters`);
    }
  }
  return { ...event, payload: storableJson(event.payload) };
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
    event = storable(await verify(raw, request.headers));
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
    let outcome: string;
    if (env.WEBHOOK_PROCESSING === "inline") outcome = await receiveWebhook(event);
    else {
      outcome = await enqueueWebhook(event);
      if (outcome === "queued") wakeWebhookWorker();
    }
    span.setAttribute("tessera.webhook.outcome", outcome);
    return NextResponse.json(
      { received: true, id: event.eventId, outcome },
      { headers: { "x-request-id": requestId, "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
