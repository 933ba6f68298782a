// Small helpers shared by the Stripe → domain mappers: Stripe's clock is whole Unix seconds, and
// expandable fields are either an id or the expanded object.
import type { Address } from "../../events";
import type { IncomingEvent } from "../../webhooks/types";

export const fromUnix = (seconds: number): Date => new Date(seconds * 1000);

export function fromUnixOrNull(seconds: number | null | undefined): Date | null {
  return typeof seconds === "number" ? fromUnix(seconds) : null;
}

export const toUnix = (date: Date): number => Math.floor(date.getTime() / 1000);

/** The id of an expandable field, whether Stripe sent the id or the expanded object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

/** The object a Stripe Event is about (`data.object`); throws on a payload that has none. */
export function eventObject<T>(event: IncomingEvent): T {
  const payload = event.payload as { data?: { object?: unknown } } | null;
  const object = payload?.data?.object;
  if (!object || typeof object !== "object") throw new Error(`Stripe event ${event.eventId} carries no data.object.`);
  return object as T;
}

interface StripeAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  postal_code?: string | null;
  state?: string | null;
  country?: string | null;
}

export function addressOf(address: StripeAddress | null | undefined): Address | null {
  if (!address) return null;
  return {
    line1: address.line1 ?? null,
    line2: address.line2 ?? null,
    city: address.city ?? null,
    postalCode: address.postal_code ?? null,
    state: address.state ?? null,
    country: address.country ?? null,
  };
}

/** Older API versions put the invoice id on charges and payment intents; read it when present. */
export function legacyInvoiceId(object: object): string | null {
  const invoice = (object as { invoice?: unknown }).invoice;
  if (typeof invoice === "string") return invoice;
  if (invoice && typeof invoice === "object" && typeof (invoice as { id?: unknown }).id === "string") {
    return (invoice as { id: string }).id;
  }
  return null;
}
