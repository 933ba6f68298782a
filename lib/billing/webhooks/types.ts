// The contract between the webhook pipeline (intake.ts) and the per-provider handler families
// (stripe/*.ts, paypal/*.ts, local.ts): a handler turns one stored event into domain events.
import type { BillingProvider } from "../../db/generated/enums";
import type { Translation } from "../events";

/** A verified event as the pipeline stores it. */
export interface IncomingEvent {
  provider: BillingProvider;
  eventId: string;
  type: string;
  /** The provider's creation time of the event. */
  createdAt: Date;
  /** The parsed JSON body (Stripe Event, PayPal webhook event, or the local provider's envelope). */
  payload: unknown;
}

/** How handlers find the tenant an object belongs to (platform-level reads, no tenant scope). */
export interface TenantLookup {
  /** The tenant id if such a tenant exists (ids taken from provider metadata are checked here). */
  tenantById(id: string | null | undefined): Promise<string | null>;
  tenantByStripeCustomer(customerId: string | null | undefined): Promise<string | null>;
  /** The tenant owning a ledger row of `model` with this provider id. */
  tenantByObject(
    model: "subscription" | "invoice" | "payment" | "order",
    provider: BillingProvider,
    providerId: string | null | undefined,
  ): Promise<string | null>;
}

export type EventHandler = (event: IncomingEvent, lookup: TenantLookup) => Promise<Translation>;

/** One provider's allow-list: event type → handler. Types not listed are stored and ignored. */
export type HandlerRegistry = Readonly<Record<string, EventHandler>>;
