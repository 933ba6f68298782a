// The local provider's "webhooks": its domain events go through the same pipeline as Stripe's and
// PayPal's (stored once under a deterministic event id, deduplicated, applied by the ledger,
// retried on failure), so a double submit of the same operation is a duplicate.
import "server-only";

import { AppError } from "@/lib/errors";
import type { TenantBillingEvent } from "../events";
import { receiveWebhook, type IntakeOutcome } from "../webhooks/intake";
import type { LOCAL_EVENT_TYPES } from "../webhooks/local";

export type LocalEventType = (typeof LOCAL_EVENT_TYPES)[number];

/** Delivers `events` for `tenantId` as one local event; throws when the ledger could not apply them. */
export async function deliverLocal(
  tenantId: string,
  eventId: string,
  type: LocalEventType,
  events: TenantBillingEvent[],
  createdAt: Date,
): Promise<IntakeOutcome> {
  const outcome = await receiveWebhook({
    provider: "LOCAL",
    eventId,
    type,
    createdAt,
    // Stored as JSON (dates as ISO strings); lib/billing/webhooks/local.ts revives them.
    payload: JSON.parse(JSON.stringify({ tenantId, events })),
  });
  if (outcome === "failed") {
    throw new AppError("unavailable", "The billing change could not be recorded right now; it will be retried.");
  }
  return outcome;
}
