// The webhook pipeline (DESIGN.md, "Webhooks"): a verified event is stored once under
// (provider, event id); allow-listed types go to their handler, which translates the payload into
// domain events; the ledger applies them and the event is marked processed in the same tenant
// transaction. A duplicate changes nothing. A failure is recorded with a next attempt time and
// retried by POST /api/cron/billing (and by the provider's own retries); operators can replay.
import "server-only";

import { bumpAuthEpoch } from "../../api-keys/epoch";
import { getDb } from "../../db/client";
import type { BillingProvider, WebhookStatus } from "../../db/generated/enums";
import type { Prisma, PrismaClient, WebhookEvent } from "../../db/generated/client";
import { withTenant } from "../../db/tenant";
import { isUniqueViolation } from "@/lib/errors";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { annotateSpan, withSpan } from "../../observability/tracing";
import type { PayoutItemState, TenantBillingEvent } from "../events";
import { applyBillingEvents, type LedgerEffects } from "../ledger";
import { notifyBillingContacts } from "../notify";
import { applyPayoutItem } from "../payout-ledger";
import { LOCAL_HANDLERS } from "./local";
import { tenantLookup } from "./lookup";
import { PAYPAL_HANDLERS } from "../paypal/webhooks";
import { STRIPE_HANDLERS } from "../stripe/webhooks";
import type { HandlerRegistry, IncomingEvent } from "./types";

export type IntakeOutcome = "processed" | "duplicate" | "ignored" | "failed";

const REGISTRIES: Record<BillingProvider, HandlerRegistry> = {
  STRIPE: STRIPE_HANDLERS,
  PAYPAL: PAYPAL_HANDLERS,
  LOCAL: LOCAL_HANDLERS,
};

/** Minutes to wait before each automatic retry; after the last one the event waits for an operator. */
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120, 720, 1440] as const;

class RetryLater extends Error {}

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

function nextAttempt(attempts: number, now: Date): Date | null {
  const minutes = RETRY_BACKOFF_MINUTES[attempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}

/**
 * Records a failed attempt — unless the event was processed meanwhile (a concurrent delivery of
 * the same event succeeded): the update is conditional, so a failure never overwrites PROCESSED.
 */
async function markFailed(db: PrismaClient, row: WebhookEvent, error: unknown): Promise<IntakeOutcome> {
  const attempts = row.attempts + 1;
  const now = new Date();
  const { count } = await db.webhookEvent.updateMany({
    where: { id: row.id, status: { not: "PROCESSED" } },
    data: { status: "FAILED", attempts, lastError: errorText(error), nextAttemptAt: nextAttempt(attempts, now) },
  });
  if (count === 0) return "duplicate";
  logger.warn("webhook event failed", {
    provider: row.provider,
    eventId: row.eventId,
    type: row.type,
    error: errorText(error),
  });
  return "failed";
}

/** Marks an event ignored, unless it was processed meanwhile. */
async function markIgnored(db: PrismaClient, row: WebhookEvent, tenantId: string | null = null): Promise<void> {
  await db.webhookEvent.updateMany({
    where: { id: row.id, status: { not: "PROCESSED" } },
    data: { status: "IGNORED", processedAt: new Date(), ...(tenantId ? { tenantId } : {}) },
  });
}

function toIncoming(row: WebhookEvent): IncomingEvent {
  return {
    provider: row.provider,
    eventId: row.eventId,
    type: row.type,
    createdAt: row.providerCreatedAt,
    payload: row.payload,
  };
}

const processedMark = (tenantId: string | null, attempts: number) => ({
  status: "PROCESSED" as WebhookStatus,
  processedAt: new Date(),
  tenantId,
  attempts: attempts + 1,
  lastError: null,
  nextAttemptAt: null,
});

async function lockedStatus(
  tx: { $queryRaw: PrismaClient["$queryRaw"] },
  id: string,
): Promise<WebhookStatus | undefined> {
  const rows = await tx.$queryRaw<
    { status: WebhookStatus }[]
  >`SELECT status FROM webhook_events WHERE id = ${id} FOR UPDATE`;
  return rows[0]?.status;
}

async function afterCommit(tenantId: string, effects: LedgerEffects): Promise<void> {
  try {
    if (effects.limitsChanged) await bumpAuthEpoch(tenantId);
    for (const notice of effects.notices) await notifyBillingContacts(tenantId, notice);
  } catch (error) {
    logger.error("billing follow-up failed", { tenantId, error });
  }
}

/** Runs one stored event through its handler and the ledger. */
/** Processes a stored event inside a "webhook.process" span (type, attempt, tenant, outcome). */
function processStored(db: PrismaClient, row: WebhookEvent): Promise<IntakeOutcome> {
  const attributes = {
    "tessera.webhook.provider": row.provider.toLowerCase(),
    "tessera.webhook.event_type": row.type,
    "tessera.webhook.attempt": row.attempts + 1,
  };
  return withSpan("webhook.process", attributes, async (span) => {
    const outcome = await processStoredEvent(db, row);
    span.setAttribute("tessera.webhook.outcome", outcome);
    return outcome;
  });
}

async function processStoredEvent(db: PrismaClient, row: WebhookEvent): Promise<IntakeOutcome> {
  const handler = REGISTRIES[row.provider][row.type];
  if (!handler) {
    await markIgnored(db, row);
    return "ignored";
  }
  try {
    const translation = await handler(toIncoming(row), tenantLookup(db));
    if (translation.tenantId) annotateSpan({ "tessera.tenant_id": translation.tenantId });
    const tenantEvents = translation.events.filter((e): e is TenantBillingEvent => e.kind !== "payout_item");
    const payoutEvents = translation.events.filter((e): e is PayoutItemState => e.kind === "payout_item");
    if (translation.events.length === 0) {
      await markIgnored(db, row, translation.tenantId);
      return "ignored";
    }
    if (tenantEvents.length > 0) {
      const tenantId = translation.tenantId;
      if (!tenantId) throw new RetryLater("No tenant is linked to this event's customer or object yet.");
      const actor = { id: null, email: `${row.provider.toLowerCase()} webhook` };
      const effects = await withTenant(tenantId, async (tx) => {
        if ((await lockedStatus(tx, row.id)) === "PROCESSED") return null;
        const applied = await applyBillingEvents(tx, tenantId, tenantEvents, actor);
        for (const payout of payoutEvents) {
          if (!(await applyPayoutItem(tx as unknown as Prisma.TransactionClient, payout))) {
            throw new RetryLater(`Unknown payout item ${payout.providerItemId}.`);
          }
        }
        await tx.webhookEvent.update({ where: { id: row.id }, data: processedMark(tenantId, row.attempts) });
        return applied;
      });
      if (!effects) return "duplicate";
      await afterCommit(tenantId, effects);
      return "processed";
    }
    const done = await db.$transaction(async (tx) => {
      if ((await lockedStatus(tx, row.id)) === "PROCESSED") return false;
      for (const payout of payoutEvents) {
        if (!(await applyPayoutItem(tx, payout))) throw new RetryLater(`Unknown payout item ${payout.providerItemId}.`);
      }
      await tx.webhookEvent.update({ where: { id: row.id }, data: processedMark(translation.tenantId, row.attempts) });
      return true;
    });
    return done ? "processed" : "duplicate";
  } catch (error) {
    return markFailed(db, row, error);
  }
}

export interface ReceiveOptions {
  db?: PrismaClient;
}

/**
 * Stores a verified event and processes it. A second delivery of a processed (or ignored) event is
 * a duplicate and changes nothing; a second delivery of a failed one is another attempt.
 */
export async function receiveWebhook(event: IncomingEvent, options: ReceiveOptions = {}): Promise<IntakeOutcome> {
  const db = options.db ?? (await getDb());
  let row: WebhookEvent;
  try {
    row = await db.webhookEvent.create({
      data: {
        provider: event.provider,
        eventId: event.eventId,
        type: event.type,
        payload: json(event.payload),
        providerCreatedAt: event.createdAt,
      },
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
 * Retries failed events whose next attempt is due, and events left RECEIVED by a crash between
 * storing and processing. Returns how each went.
 */
export async function retryDueWebhooks(
  options: ReceiveOptions & { now?: Date; limit?: number } = {},
): Promise<Record<IntakeOutcome, number>> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const stale = new Date(now.getTime() - 5 * 60_000);
  const due = await db.webhookEvent.findMany({
    where: {
      OR: [
        { status: "FAILED", nextAttemptAt: { lte: now } },
        { status: "RECEIVED", receivedAt: { lte: stale } },
      ],
    },
    orderBy: { providerCreatedAt: "asc" },
    take: options.limit ?? 100,
  });
  const counts: Record<IntakeOutcome, number> = { processed: 0, duplicate: 0, ignored: 0, failed: 0 };
  for (const row of due) counts[await processStored(db, row)] += 1;
  return counts;
}
