// The webhook queue: a verified delivery is stored with one deduplicating INSERT and answered at
// once; workers (lib/billing/webhooks/worker.ts, POST /api/cron/billing, `npm run worker`) claim
// stored events in batches and process them (process.ts). The queue is the webhook_events table:
//   - due: RECEIVED, or FAILED with its next attempt time passed, and not leased;
//   - a claim leases a batch (leaseUntil) inside a transaction that holds an advisory lock, so two
//     workers never claim the same event nor two events of one ordering key at once; a worker that
//     dies leaves its leases to run out, and the events are claimed again (exactly-once still holds:
//     processing locks the row and skips an event already processed);
//   - a batch applies each ordering key's events in provider time order — per-tenant (Stripe:
//     per-customer; PayPal: per-object) order: the keys that carry only one tenant's subscription,
//     invoice and payment states all in one transaction (claim.ts), the others concurrently, key by
//     key. The ledger's lifecycle ordering (lib/billing/ordering.ts) makes the outcome independent of
//     order anyway; the key keeps a tenant's notices and versions in provider order.
// A failed event does not hold back the later events of its key (it is retried on its back-off).
import "server-only";

import { getDb } from "../../db/client";
import { env } from "../../env";
import { assertOperator, type Operator } from "../../tenancy/operator";
import type { BillingProvider } from "../../db/generated/enums";
import type { Prisma, PrismaClient, WebhookEvent } from "../../db/generated/client";
import { metrics } from "../../observability/metrics";
import { newRowId } from "../ledger-table";
import { byProviderTime, processClaim } from "./claim";
import type { IntakeOutcome } from "./process";
import type { IncomingEvent } from "./types";

/** How long a claimed batch is a worker's before another may take it (a crashed worker's events). */
export const WEBHOOK_LEASE_MS = 60_000;
// Large claims: a claim's fixed costs (the claim itself, one transaction of about ten statements
// for all its tenants' subscription, invoice and payment states, claim.ts) are paid once per claim,
// and a key's events share its ledger lock, dunning and tier recomputation. 2,000 events take a few
// seconds, far inside the lease (measured: 500 → 2,000 took bench:webhooks' drain from 406 to 686
// events/s on the loaded machine).
export const WEBHOOK_BATCH_SIZE = 2000;
/** pg_advisory_xact_lock key serialising claims (any constant no other code uses). */
const CLAIM_LOCK = 0x7e55_0b0c;

export type EnqueueOutcome = "queued" | "duplicate";

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value !== ""
    ? value
    : value && typeof value === "object" && "id" in value
      ? text((value as { id: unknown }).id)
      : null;

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * What an event's order matters within, read from its payload (no database round trip): the Stripe
 * customer (one per tenant), else the tenant the object names, else the object; for PayPal the
 * tenant its custom id names, else the subscription, order or object; for the local provider the
 * tenant. null: the event is ordered with nothing else.
 */
export function orderingKeyOf(event: IncomingEvent): string | null {
  const payload = record(event.payload);
  let key: string | null = null;
  if (event.provider === "STRIPE") {
    const object = record(record(payload.data).object);
    const customer = object.object === "customer" ? text(object.id) : text(object.customer);
    const tenant = text(record(object.metadata).tenant_id) ?? text(object.client_reference_id);
    key = customer ? `customer:${customer}` : tenant ? `tenant:${tenant}` : text(object.id);
  } else if (event.provider === "PAYPAL") {
    const resource = record(payload.resource);
    const disputed = Array.isArray(resource.disputed_transactions) ? record(resource.disputed_transactions[0]) : {};
    const tenant = text(resource.custom_id) ?? text(resource.custom) ?? text(disputed.custom);
    const object =
      text(resource.billing_agreement_id) ??
      text(record(record(resource.supplementary_data).related_ids).order_id) ??
      text(resource.id);
    key = tenant ? `tenant:${tenant}` : object;
  } else {
    const tenant = text(payload.tenantId);
    key = tenant ? `tenant:${tenant}` : null;
  }
  return key ? `${event.provider}:${key}`.slice(0, 255) : null;
}

/** The stored row for an event, as intake writes it. */
export function storedEvent(event: IncomingEvent, leaseUntil: Date | null = null) {
  return {
    provider: event.provider,
    eventId: event.eventId,
    type: event.type,
    payload: json(event.payload),
    providerCreatedAt: event.createdAt,
    orderingKey: orderingKeyOf(event),
    leaseUntil,
  };
}

/**
 * Stores a verified event for the workers: one INSERT … ON CONFLICT DO NOTHING. A redelivery of an
 * event processed (or ignored) already is a duplicate; of one waiting or failed, it is queued (a
 * failed one becomes due now: the provider's redelivery is another attempt, as it was inline).
 * The statement is written out rather than `createMany` (the columns of `storedEvent`): on the
 * route's hot path, Prisma's planning of the bulk insert and two more copies of the payload (the
 * deep copy `json` makes, and Prisma's own serialisation) cost more than the insert itself.
 */
export async function enqueueWebhook(
  event: IncomingEvent,
  options: { db?: PrismaClient } = {},
): Promise<EnqueueOutcome> {
  const db = options.db ?? (await getDb());
  const count = await db.$executeRaw`
    INSERT INTO "webhook_events" ("id", "provider", "eventId", "type", "payload", "providerCreatedAt", "orderingKey")
    VALUES (${newRowId()}, ${event.provider}::"BillingProvider", ${event.eventId}, ${event.type},
            ${JSON.stringify(event.payload)}::jsonb, ${event.createdAt}, ${orderingKeyOf(event)})
    ON CONFLICT ("provider", "eventId") DO NOTHING`;
  let outcome: EnqueueOutcome = "queued";
  if (count === 0) {
    const where = { provider_eventId: { provider: event.provider, eventId: event.eventId } };
    const row = await db.webhookEvent.findUnique({ where, select: { id: true, status: true } });
    if (!row || row.status === "PROCESSED" || row.status === "IGNORED") outcome = "duplicate";
    else if (row.status === "FAILED") {
      await db.webhookEvent.updateMany({
        where: { id: row.id, status: "FAILED" },
        data: { nextAttemptAt: new Date() },
      });
    }
  }
  metrics().webhooks.inc({ provider: event.provider, outcome });
  return outcome;
}

function dueWhere(now: Date): Prisma.WebhookEventWhereInput {
  return {
    OR: [{ status: "RECEIVED" }, { status: "FAILED", nextAttemptAt: { lte: now } }],
    AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] }],
  };
}

export interface ClaimOptions {
  db?: PrismaClient;
  /** The time due-ness and leases are judged at (tests move it past a lease). */
  now?: Date;
  limit?: number;
  leaseMs?: number;
}

/**
 * Leases up to `limit` due events, oldest provider time first, leaving out events whose ordering key
 * another worker holds. Returns them sorted by provider time.
 */
export async function claimWebhookBatch(options: ClaimOptions = {}): Promise<WebhookEvent[]> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? WEBHOOK_LEASE_MS));
  const claimed = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`);
    const limit = options.limit ?? WEBHOOK_BATCH_SIZE;
    // More than the batch: candidates of keys another worker holds are passed over.
    const candidates = await tx.webhookEvent.findMany({
      where: dueWhere(now),
      orderBy: [{ providerCreatedAt: "asc" }, { receivedAt: "asc" }, { id: "asc" }],
      take: limit * 4,
      select: { id: true, orderingKey: true },
    });
    if (candidates.length === 0) return [];
    const keys = [...new Set(candidates.flatMap((c) => (c.orderingKey ? [c.orderingKey] : [])))];
    const held =
      keys.length === 0
        ? []
        : await tx.webhookEvent.findMany({
            where: { orderingKey: { in: keys }, status: { in: ["RECEIVED", "FAILED"] }, leaseUntil: { gt: now } },
            select: { orderingKey: true },
            distinct: ["orderingKey"],
          });
    const busy = new Set(held.map((h) => h.orderingKey));
    const ids = candidates
      .filter((c) => !c.orderingKey || !busy.has(c.orderingKey))
      .slice(0, limit)
      .map((c) => c.id);
    if (ids.length === 0) return [];
    return tx.webhookEvent.updateManyAndReturn({
      where: { AND: [{ id: { in: ids } }, dueWhere(now)] },
      data: { leaseUntil },
    });
  });
  return claimed.sort(byProviderTime);
}

export type OutcomeCounts = Record<IntakeOutcome, number>;
export const noOutcomes = (): OutcomeCounts => ({ processed: 0, duplicate: 0, ignored: 0, failed: 0 });

export interface ProcessOptions {
  db?: PrismaClient;
  /** Ordering keys processed at once (each key's events one at a time). */
  concurrency?: number;
  /** Called after each event (observability, tests). */
  onProcessed?: (row: WebhookEvent, outcome: IntakeOutcome) => void;
}

/**
 * Processes claimed events (claim.ts): the keys that only carry ledger rows of one tenant, all
 * tenants in one transaction; the rest key by key, `concurrency` keys at once, each key's events in
 * provider order.
 */
export async function processWebhookBatch(rows: WebhookEvent[], options: ProcessOptions = {}): Promise<OutcomeCounts> {
  const db = options.db ?? (await getDb());
  const groups = new Map<string, WebhookEvent[]>();
  for (const row of [...rows].sort(byProviderTime)) {
    const key = row.orderingKey ?? `#${row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const counts = noOutcomes();
  const report = (row: WebhookEvent, outcome: IntakeOutcome) => {
    counts[outcome] += 1;
    metrics().webhooks.inc({ provider: row.provider, outcome });
    options.onProcessed?.(row, outcome);
  };
  await processClaim(db, [...groups.values()], report, Math.max(1, options.concurrency ?? 8));
  return counts;
}

/** One claim and its processing; `claimed` 0 means nothing was due (or every due key was held). */
export async function drainWebhooksOnce(
  options: ClaimOptions & ProcessOptions = {},
): Promise<{ claimed: number; counts: OutcomeCounts }> {
  const rows = await claimWebhookBatch(options);
  if (rows.length === 0) return { claimed: 0, counts: noOutcomes() };
  return { claimed: rows.length, counts: await processWebhookBatch(rows, options) };
}

export interface QueueStats {
  /** Events due for processing now: stored and not processed yet, or failed and due for a retry. */
  backlog: number;
  /** Seconds the oldest of them has waited (since it arrived, or since its retry became due). */
  lagSeconds: number;
  /** Failed events waiting for a later retry (not due yet), and those waiting for an operator. */
  retrying: number;
  parked: number;
  byProvider: Partial<Record<BillingProvider, { backlog: number; lagSeconds: number }>>;
}

/** The queue's backlog and lag, per provider (the gauges and /admin/billing/webhooks). */
export async function webhookQueueStats(options: { db?: PrismaClient; now?: Date } = {}): Promise<QueueStats> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [fresh, due, retrying, parked] = await Promise.all([
    db.webhookEvent.groupBy({
      by: ["provider"],
      where: { status: "RECEIVED" },
      _count: { _all: true },
      _min: { receivedAt: true },
    }),
    db.webhookEvent.groupBy({
      by: ["provider"],
      where: { status: "FAILED", nextAttemptAt: { lte: now } },
      _count: { _all: true },
      _min: { nextAttemptAt: true },
    }),
    db.webhookEvent.count({ where: { status: "FAILED", nextAttemptAt: { gt: now } } }),
    db.webhookEvent.count({ where: { status: "FAILED", nextAttemptAt: null } }),
  ]);
  const byProvider: QueueStats["byProvider"] = {};
  const add = (provider: BillingProvider, count: number, since: Date | null) => {
    const entry = (byProvider[provider] ??= { backlog: 0, lagSeconds: 0 });
    entry.backlog += count;
    if (since) entry.lagSeconds = Math.max(entry.lagSeconds, Math.max(0, (now.getTime() - since.getTime()) / 1000));
  };
  for (const g of fresh) add(g.provider, g._count._all, g._min.receivedAt);
  for (const g of due) add(g.provider, g._count._all, g._min.nextAttemptAt);
  const entries = Object.values(byProvider);
  return {
    backlog: entries.reduce((sum, e) => sum + e.backlog, 0),
    lagSeconds: entries.reduce((max, e) => Math.max(max, e.lagSeconds), 0),
    retrying,
    parked,
    byProvider,
  };
}

const PROVIDERS: BillingProvider[] = ["STRIPE", "PAYPAL", "LOCAL"];

/** Sets the backlog and lag gauges from the database (on each scrape of /api/metrics). */
export async function refreshWebhookQueueGauges(): Promise<void> {
  const stats = await webhookQueueStats();
  const m = metrics();
  for (const provider of PROVIDERS) {
    m.webhookBacklog.set({ provider }, stats.byProvider[provider]?.backlog ?? 0);
    m.webhookLag.set({ provider }, stats.byProvider[provider]?.lagSeconds ?? 0);
  }
}

export interface WebhookQueueView extends Omit<QueueStats, "byProvider"> {
  /** WEBHOOK_PROCESSING: where events are processed. */
  mode: "worker" | "external" | "inline";
}

/** The queue as /admin/billing/webhooks shows it (operators only). */
export async function loadWebhookQueue(operator: Operator): Promise<WebhookQueueView> {
  assertOperator(operator);
  const { byProvider: _, ...stats } = await webhookQueueStats();
  return { ...stats, mode: env.WEBHOOK_PROCESSING };
}
