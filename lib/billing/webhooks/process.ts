// Processing one stored webhook event (DESIGN.md, "Webhooks"): allow-listed types go to their
// handler, which translates the payload into domain events; the ledger applies them and the event
// is marked processed in the same tenant transaction, after locking the event's row and checking it
// is not processed yet — so however many deliveries, workers or replays reach one event, its effects
// are applied once. A failure is recorded with a next attempt time (RETRY_BACKOFF_MINUTES). Every
// final write releases the event's lease (lib/billing/webhooks/queue.ts).
import "server-only";

import { bumpAuthEpoch } from "../../api-keys/epoch";
import type { BillingProvider, WebhookStatus } from "../../db/generated/enums";
import type { Prisma, PrismaClient, WebhookEvent } from "../../db/generated/client";
import { withTenant } from "../../db/tenant";
import { logger } from "../../observability/logger";
import { annotateSpan, withSpan } from "../../observability/tracing";
import type { PayoutItemState, TenantBillingEvent } from "../events";
import { applyBillingEvents, type LedgerEffects } from "../ledger";
import { notifyBillingContacts } from "../notify";
import { applyPayoutItem } from "../payout-ledger";
import { LOCAL_HANDLERS } from "./local";
import { tenantLookup } from "./lookup";
import { PAYPAL_HANDLERS } from "../paypal/webhooks";
import { STRIPE_HANDLERS } from "../stripe/webhooks";
import type { HandlerRegistry, IncomingEvent, TenantLookup } from "./types";

export type IntakeOutcome = "processed" | "duplicate" | "ignored" | "failed";

export const REGISTRIES: Record<BillingProvider, HandlerRegistry> = {
  STRIPE: STRIPE_HANDLERS,
  PAYPAL: PAYPAL_HANDLERS,
  LOCAL: LOCAL_HANDLERS,
};

/** Minutes to wait before each automatic retry; after the last one the event waits for an operator. */
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120, 720, 1440] as const;

class RetryLater extends Error {}

export function errorText(error: unknown): string {
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
    data: {
      status: "FAILED",
      attempts,
      lastError: errorText(error),
      nextAttemptAt: nextAttempt(attempts, now),
      leaseUntil: null,
    },
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
    data: { status: "IGNORED", processedAt: new Date(), leaseUntil: null, ...(tenantId ? { tenantId } : {}) },
  });
}

export function toIncoming(row: WebhookEvent): IncomingEvent {
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
  leaseUntil: null,
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

export async function afterCommit(tenantId: string, effects: LedgerEffects): Promise<void> {
  try {
    if (effects.limitsChanged) await bumpAuthEpoch(tenantId);
    for (const notice of effects.notices) await notifyBillingContacts(tenantId, notice);
  } catch (error) {
    logger.error("billing follow-up failed", { tenantId, error });
  }
}

/** Runs one stored event through its handler and the ledger, in a "webhook.process" span. */
export function processStored(db: PrismaClient, row: WebhookEvent): Promise<IntakeOutcome> {
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

export interface Translated {
  row: WebhookEvent;
  tenantId: string;
  events: TenantBillingEvent[];
}

/** Translations of one key's events running at once. */
export const TRANSLATE_CONCURRENCY = 8;

/** `fn` over `items` with at most `width` running at once; results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/**
 * Applies several translated events of one tenant in one tenant transaction (one ledger lock, one
 * dunning and tier recomputation, one processed mark for all): what makes a worker's batch cheaper
 * than the same events one by one. Rows processed meanwhile are skipped (duplicates). Throws when
 * any event fails to apply: nothing is written, and the caller processes the rows one by one.
 */
async function applyTenantBatch(
  tenantId: string,
  batch: Translated[],
): Promise<{ processed: WebhookEvent[]; duplicate: WebhookEvent[] }> {
  const first = batch[0];
  if (!first) return { processed: [], duplicate: [] };
  const actor = { id: null, email: `${first.row.provider.toLowerCase()} webhook` };
  const ids = batch.map((b) => b.row.id);
  const result = await withTenant(tenantId, async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string; status: WebhookStatus }[]
    >`SELECT id, status FROM webhook_events WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
    const done = new Set(locked.filter((r) => r.status === "PROCESSED").map((r) => r.id));
    const todo = batch.filter((b) => !done.has(b.row.id));
    if (todo.length === 0) return { effects: null, todo };
    const effects = await applyBillingEvents(
      tx,
      tenantId,
      todo.flatMap((b) => b.events),
      actor,
    );
    await tx.webhookEvent.updateMany({
      where: { id: { in: todo.map((b) => b.row.id) } },
      data: {
        status: "PROCESSED",
        processedAt: new Date(),
        tenantId,
        attempts: { increment: 1 },
        lastError: null,
        nextAttemptAt: null,
        leaseUntil: null,
      },
    });
    return { effects, todo };
  });
  if (result.effects) await afterCommit(tenantId, result.effects);
  const processed = new Set(result.todo.map((b) => b.row.id));
  return {
    processed: result.todo.map((b) => b.row),
    duplicate: batch.filter((b) => !processed.has(b.row.id)).map((b) => b.row),
  };
}

/**
 * Tenant lookups for a claim's events, which mostly ask the same question (the same customer, the
 * same tenant id), many at once: one query answers every question asked while it runs; a tenant
 * found is remembered for the rest of the claim; "not found" is asked again later, since an earlier
 * event may link it.
 */
export function rememberedLookup(lookup: TenantLookup): TenantLookup {
  const asked = new Map<string, Promise<string | null>>();
  const remember =
    <A extends unknown[]>(name: string, ask: (...args: A) => Promise<string | null>) =>
    (...args: A): Promise<string | null> => {
      const key = JSON.stringify([name, ...args]);
      const known = asked.get(key);
      if (known) return known;
      const answer = ask(...args).then(
        (tenantId) => {
          if (!tenantId) asked.delete(key);
          return tenantId;
        },
        (error: unknown) => {
          asked.delete(key);
          throw error;
        },
      );
      asked.set(key, answer);
      return answer;
    };
  return {
    tenantById: remember("id", lookup.tenantById),
    tenantByStripeCustomer: remember("customer", lookup.tenantByStripeCustomer),
    tenantByObject: remember("object", lookup.tenantByObject),
  };
}

/**
 * An event's ledger events when it has some and names its tenant (null otherwise, and when the
 * handler fails: processStored translates it again and records what fails).
 */
export async function translateEvent(row: WebhookEvent, lookup: TenantLookup): Promise<Translated | null> {
  const handler = REGISTRIES[row.provider][row.type];
  if (!handler) return null;
  try {
    const translation = await handler(toIncoming(row), lookup);
    const onlyTenant = translation.events.every((e) => e.kind !== "payout_item");
    if (translation.events.length > 0 && onlyTenant && translation.tenantId) {
      return { row, tenantId: translation.tenantId, events: translation.events as TenantBillingEvent[] };
    }
  } catch {
    // processStored translates it again and records what fails
  }
  return null;
}

/**
 * Processes the events of one ordering key, in the order given (provider order), with the outcome of
 * each reported as it is known. Consecutive events that translate into ledger events of one tenant
 * are applied together (applyTenantBatch); anything else — an event not on the allow-list, one whose
 * translation fails (its tenant may be linked by an earlier event of the batch: it is translated
 * again after those are applied), payouts, another tenant — first applies what was gathered, then
 * goes through processStored alone. Outcomes and effects are those of processing one by one.
 */
export async function processOrderedGroup(
  db: PrismaClient,
  rows: WebhookEvent[],
  report: (row: WebhookEvent, outcome: IntakeOutcome) => void,
  /** The rows' translations when the caller has them already (translateEvent, in the rows' order). */
  known?: readonly (Translated | null)[],
): Promise<void> {
  const lookup = rememberedLookup(tenantLookup(db));
  let pending: Translated[] = [];
  let pendingTenant: string | null = null;
  const flush = async () => {
    const batch = pending;
    const tenantId = pendingTenant;
    pending = [];
    pendingTenant = null;
    if (batch.length === 0 || !tenantId) return;
    if (batch.length > 1) {
      try {
        const { processed, duplicate } = await applyTenantBatch(tenantId, batch);
        for (const row of processed) report(row, "processed");
        for (const row of duplicate) report(row, "duplicate");
        return;
      } catch (error) {
        logger.warn("webhook batch failed; processing its events one by one", { tenantId, error: errorText(error) });
      }
    }
    for (const { row } of batch) report(row, await processStored(db, row));
  };
  // Translations first, several at once (a handler may ask the provider's API, e.g. invoice.paid
  // for its paying charge): they read only tenant links, which earlier events of the key may create —
  // an event whose tenant is not linked yet is translated again, alone, after those are applied.
  const translations = known ?? (await mapBounded(rows, TRANSLATE_CONCURRENCY, (row) => translateEvent(row, lookup)));
  for (const [i, row] of rows.entries()) {
    const translated = translations[i] ?? null;
    const tenantId = translated?.tenantId ?? null;
    if (translated && (pendingTenant === null || pendingTenant === tenantId)) {
      pending.push(translated);
      pendingTenant = tenantId;
      continue;
    }
    await flush();
    if (translated) {
      pending.push(translated);
      pendingTenant = tenantId;
    } else report(row, await processStored(db, row));
  }
  await flush();
}
