// A verified webhook delivery on its way into the pipeline, shared by Stripe and PayPal: the
// verifier contract (a bad or missing signature is an InvalidWebhook: 400, nothing stored), the
// checks that make an event storable, and where it goes (stored and queued for a worker — queue.ts,
// worker.ts — or, with WEBHOOK_PROCESSING=inline, processed at once). The HTTP side (body limit,
// status codes, request id, span) is lib/http/webhook.ts's.
import "server-only";

import { textProblem, singleLineProblem } from "@/lib/text";
import { env } from "../../env";
import { receiveWebhook } from "./intake";
import { enqueueWebhook } from "./queue";
import { wakeWebhookWorker } from "./worker";
import type { IncomingEvent } from "./types";

/** Thrown by a verifier: the request is not a genuine delivery from the provider. */
export class InvalidWebhook extends Error {}

export type WebhookVerifier = (rawBody: string, headers: Headers) => Promise<IncomingEvent>;

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
export function storableEvent(event: IncomingEvent): IncomingEvent {
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

/**
 * Stores the event once and queues it for a worker ("queued", or "duplicate" for a redelivery), or
 * with WEBHOOK_PROCESSING=inline processes it now and answers the processing outcome.
 */
export async function acceptWebhook(event: IncomingEvent): Promise<string> {
  if (env.WEBHOOK_PROCESSING === "inline") return receiveWebhook(event);
  const outcome = await enqueueWebhook(event);
  if (outcome === "queued") wakeWebhookWorker();
  return outcome;
}
