// The local provider's events: it has no payload format of its own, so its "webhooks" carry the
// domain events directly ({ tenantId, events }). They go through the same pipeline (stored once,
// deduplicated, retried) as Stripe's and PayPal's.
import type { BillingEvent } from "../events";
import type { EventHandler, HandlerRegistry } from "./types";

const DATE_FIELDS = new Set([
  "at",
  "createdAt",
  "currentPeriodStart",
  "currentPeriodEnd",
  "trialEnd",
  "canceledAt",
  "periodStart",
  "periodEnd",
  "dueAt",
  "paidAt",
]);

export interface LocalEnvelope {
  tenantId: string;
  events: BillingEvent[];
}

/** Turns the stored JSON back into events (dates were stored as ISO strings). */
export function reviveEvents(raw: unknown): BillingEvent[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((event: Record<string, unknown>) => {
    const revived: Record<string, unknown> = { ...event };
    for (const [key, value] of Object.entries(event)) {
      if (DATE_FIELDS.has(key) && typeof value === "string") revived[key] = new Date(value);
    }
    return revived as unknown as BillingEvent;
  });
}

const passThrough: EventHandler = async (event, lookup) => {
  const envelope = event.payload as Partial<LocalEnvelope>;
  return { tenantId: await lookup.tenantById(envelope.tenantId), events: reviveEvents(envelope.events) };
};

/** The local provider's event types (lib/billing/local/provider.ts emits them). */
export const LOCAL_EVENT_TYPES = [
  "checkout.completed",
  "subscription.updated",
  "subscription.canceled",
  "subscription.renewed",
  "invoice.created",
  "payment.succeeded",
  "payment.failed",
  "payment.refunded",
  "order.updated",
  "customer.updated",
  "trial.will_end",
] as const;

export const LOCAL_HANDLERS: HandlerRegistry = Object.fromEntries(LOCAL_EVENT_TYPES.map((type) => [type, passThrough]));
