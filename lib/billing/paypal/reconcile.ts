// Reconciliation: the webhook events PayPal sent in the window (GET /v1/notifications/
// webhooks-events) that webhook_events lacks — a delivery lost or refused — replayed oldest first
// through the same pipeline a delivery takes. Events come from PayPal's authenticated API, so they
// need no signature. A dry run only lists them.
import "server-only";

import { getDb } from "../../db/client";
import type { ReconcileOptions, ReconcileReport } from "../sync-types";
import { receiveWebhook } from "../webhooks/intake";
import type { IncomingEvent } from "../webhooks/types";
import { paypalFetch } from "./client";
import { linkHref, paypalEvent, paypalLink, type PaypalEvent } from "./resources";
import { DAY_MS } from "@/lib/calendar";

const MAX_PAGES = 200;

/** PayPal keeps webhook events for a limited time; the default window looks back this far. */
export const DEFAULT_RECONCILE_DAYS = 3;

/** A listed event: its envelope, and the JSON exactly as PayPal sent it (what the pipeline stores). */
type Listed = PaypalEvent & { raw: unknown };

async function listEvents(start: Date, end: Date): Promise<Listed[]> {
  const events: Listed[] = [];
  let next: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response: { body: { events?: unknown[]; links?: unknown[] } | null } = next
      ? await paypalFetch("GET", next)
      : await paypalFetch("GET", "/v1/notifications/webhooks-events", {
          query: { page_size: 100, start_time: start.toISOString(), end_time: end.toISOString() },
        });
    for (const raw of response.body?.events ?? []) {
      const parsed = paypalEvent.safeParse(raw);
      if (parsed.success) events.push({ ...parsed.data, raw });
    }
    const links = (response.body?.links ?? []).flatMap((raw) => {
      const link = paypalLink.safeParse(raw);
      return link.success ? [link.data] : [];
    });
    next = linkHref(links, "next");
    if (!next) break;
  }
  return events;
}

function toIncoming(event: Listed): IncomingEvent {
  return {
    provider: "PAYPAL",
    eventId: event.id,
    type: event.event_type,
    createdAt: new Date(event.create_time),
    // Stored exactly as a delivery would be: the whole event.
    payload: event.raw,
  };
}

export async function reconcilePaypal(options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const start = new Date(now.getTime() - (options.days ?? DEFAULT_RECONCILE_DAYS) * DAY_MS);
  const listed = await listEvents(start, now);
  // Pages may overlap while new events arrive: one entry per id, oldest first.
  const byId = new Map(listed.map((event) => [event.id, event]));
  const events = [...byId.values()]
    .filter((event) => !Number.isNaN(new Date(event.create_time).getTime()))
    .sort((a, b) => Date.parse(a.create_time) - Date.parse(b.create_time) || (a.id < b.id ? -1 : 1));

  const db = await getDb();
  const known = new Set<string>();
  const ids = events.map((event) => event.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.webhookEvent.findMany({
      where: { provider: "PAYPAL", eventId: { in: ids.slice(i, i + 500) } },
      select: { eventId: true },
    });
    for (const row of rows) known.add(row.eventId);
  }
  const missing = events.filter((event) => !known.has(event.id));

  const report: ReconcileReport = {
    provider: "PAYPAL",
    checked: events.length,
    missing: missing.map((event) => ({
      eventId: event.id,
      type: event.event_type,
      createdAt: new Date(event.create_time),
    })),
    replayed: { processed: 0, duplicate: 0, ignored: 0, failed: 0 },
  };
  if (options.dryRun) return report;
  for (const event of missing) report.replayed[await receiveWebhook(toIncoming(event))] += 1;
  return report;
}
