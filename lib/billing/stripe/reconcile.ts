// Reconciliation (npm run billing:reconcile): lists the allow-listed events Stripe has for the
// last `days` days, finds those the webhook log lacks (a delivery lost, an endpoint down longer
// than Stripe retries) and, unless it is a dry run, feeds them through the normal pipeline,
// oldest first.
import "server-only";

import type Stripe from "stripe";

import { getDb } from "../../db/client";
import type { ReconcileOptions, ReconcileReport } from "../sync-types";
import { receiveWebhook } from "../webhooks/intake";
import { stripe } from "./client";
import { fromUnix, toUnix } from "./map/common";
import { STRIPE_EVENT_TYPES } from "./webhooks";
import { addDays } from "@/lib/calendar";

/** Stripe filters at most 20 types per list request. */
const TYPES_PER_REQUEST = 20;
/** Ids per lookup query against webhook_events. */
const IDS_PER_QUERY = 500;

async function listEvents(since: Date): Promise<Stripe.Event[]> {
  const byId = new Map<string, Stripe.Event>();
  for (let i = 0; i < STRIPE_EVENT_TYPES.length; i += TYPES_PER_REQUEST) {
    const types = STRIPE_EVENT_TYPES.slice(i, i + TYPES_PER_REQUEST);
    for await (const event of stripe().events.list({ types, created: { gte: toUnix(since) }, limit: 100 })) {
      byId.set(event.id, event);
    }
  }
  return [...byId.values()];
}

async function storedIds(ids: string[]): Promise<Set<string>> {
  const db = await getDb();
  const stored = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db.webhookEvent.findMany({
      where: { provider: "STRIPE", eventId: { in: ids.slice(i, i + IDS_PER_QUERY) } },
      select: { eventId: true },
    });
    for (const row of rows) stored.add(row.eventId);
  }
  return stored;
}

export async function reconcileStripe(options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  const events = await listEvents(addDays(now, -days));
  const stored = await storedIds(events.map((e) => e.id));
  const missing = events
    .filter((event) => !stored.has(event.id))
    .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const report: ReconcileReport = {
    provider: "STRIPE",
    checked: events.length,
    missing: missing.map((event) => ({ eventId: event.id, type: event.type, createdAt: fromUnix(event.created) })),
    replayed: { processed: 0, duplicate: 0, ignored: 0, failed: 0 },
  };
  if (options.dryRun) return report;
  for (const event of missing) {
    const outcome = await receiveWebhook({
      provider: "STRIPE",
      eventId: event.id,
      type: event.type,
      createdAt: fromUnix(event.created),
      payload: event,
    });
    report.replayed[outcome] += 1;
  }
  return report;
}
