// Stripe Billing Meters: one meter event per MeterReport row (lib/billing/metering.ts). The row's
// identifier is both the event's identifier (Stripe counts an identifier once) and the
// Idempotency-Key, so a retried send, after a crash or a timeout, never counts twice.
import "server-only";

import { METERS, type MeterId } from "../catalog";
import { stripe } from "./client";

export interface StripeMeterEvent {
  meter: MeterId;
  customerId: string;
  identifier: string;
  /** The hour the usage belongs to; Stripe files the event in the billing period of this instant. */
  hour: Date;
  value: number;
}

export async function sendStripeMeterEvent(event: StripeMeterEvent): Promise<void> {
  await stripe().billing.meterEvents.create(
    {
      event_name: METERS[event.meter].eventName,
      payload: { stripe_customer_id: event.customerId, value: String(event.value) },
      identifier: event.identifier,
      timestamp: Math.floor(event.hour.getTime() / 1000),
    },
    { idempotencyKey: event.identifier },
  );
}
