// The webhook pipeline (DESIGN.md, "Webhooks"): a verified event is stored once under
// (provider, event id); allow-listed types go to their handler, which translates the payload into
// domain events; the ledger applies them and the event is marked processed in the same tenant
// transaction (process.ts). A duplicate changes nothing. A failure is recorded with a next attempt
// time and retried by the webhook workers and POST /api/cron/billing (and by the provider's own
// retries); operators can replay.
// The webhook routes store and answer, and workers process (queue.ts, worker.ts), unless
// WEBHOOK_PROCESSING=inline; receiveWebhook here stores and processes in one call (the inline
// mode, and callers in this process such as the local provider and reconciliation).
import "server-only";

import { getDb } from "../../db/client";
import type { PrismaClient, WebhookEvent } from "../../db/generated/client";
import { isUniqueViolation } from "@/lib/errors";
import { metrics } from "../../observability/metrics";
import { processStored, type IntakeOutcome } from "./process";
import { drainWebhooksOnce, storedEvent, WEBHOOK_LEASE_MS } from "./queue";
import type { IncomingEvent } from "./types";

export { RETRY_BACKOFF_MINUTES, type IntakeOutcome } from "./process";

export interface ReceiveOptions {
  db?: PrismaClient;
}

/**
 * Stores a verified event and processes it. A second delivery of a processed (or ignored) event is
 * a duplicate and changes nothing; a second delivery of a failed one is another attempt. The row is
 * stored leased, so no worker takes it while this call processes it.
 */
export async function receiveWebhook(event: IncomingEvent, options: ReceiveOptions = {}): Promise<IntakeOutcome> {
  const db = options.db ?? (await getDb());
  let row: WebhookEvent;
  try {
    row = await db.webhookEvent.create({
      data: storedEvent(event, new Date(Date.now() + WEBHOOK_LEASE_MS)),
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    row = await db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: event.provider, eventId: event.eventId } },
    });
    if (row.status === "PROCESSED" || row.status === "IGNORED") {
      metrics().webhooks.inc({ provider: event.provider, outcome: "duplicate" });
      return "duplicate";
    }
  }
  const outcome = await processStored(db, row);
  metrics().webhooks.inc({ provider: event.provider, outcome });
  return outcome;
}

/** Processes a stored event again (operator replay, scheduled retry). A processed event stays as it is. */
export async function replayWebhookEvent(id: string, options: ReceiveOptions = {}): Promise<IntakeOutcome> {
  const db = options.db ?? (await getDb());
  const row = await db.webhookEvent.findUniqueOrThrow({ where: { id } });
  if (row.status === "PROCESSED") return "duplicate";
  return processStored(db, row);
}

/**
 * One batch of what is due: failed events whose next attempt time has come, and stored events no
 * worker holds (not processed yet, or left by a worker that died). Returns how each went.
 */
export async function retryDueWebhooks(
  options: ReceiveOptions & { now?: Date; limit?: number } = {},
): Promise<Record<IntakeOutcome, number>> {
  return (await drainWebhooksOnce(options)).counts;
}
