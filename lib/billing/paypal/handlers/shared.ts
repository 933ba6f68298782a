// Helpers shared by the PayPal webhook handler families.
import type { z } from "zod";

import type { IncomingEvent } from "../../webhooks/types";
import { paypalTime } from "../resources";

/** The event's resource, parsed; a resource without what the handler needs fails the event. */
export function resourceOf<S extends z.ZodType>(schema: S, event: IncomingEvent): z.infer<S> {
  const resource = (event.payload as { resource?: unknown } | null)?.resource;
  const parsed = schema.safeParse(resource);
  if (!parsed.success)
    throw new Error(`${event.type}: unexpected resource (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data;
}

/** The time of the state a resource describes: its update time, else its creation, else the event's. */
export function stateTime(
  resource: { update_time?: string | null; create_time?: string | null },
  event: IncomingEvent,
): Date {
  return paypalTime(resource.update_time) ?? paypalTime(resource.create_time) ?? event.createdAt;
}
