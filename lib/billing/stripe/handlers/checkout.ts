// checkout.session.completed: links the Stripe customer to the tenant that started the checkout.
// The subscription a session created arrives with its own customer.subscription.* events.
import type Stripe from "stripe";

import type { EventHandler, HandlerRegistry } from "../../webhooks/types";
import { addressOf, eventObject, idOf } from "../map/common";
import { resolveTenant } from "./tenant";

const sessionCompleted: EventHandler = async (event, lookup) => {
  const session = eventObject<Stripe.Checkout.Session>(event);
  const customerId = idOf(session.customer);
  const tenantId = await resolveTenant(lookup, {
    tenantIds: [session.client_reference_id, session.metadata?.tenant_id],
    customer: session.customer,
  });
  if (!customerId) return { tenantId, events: [] };
  const details = session.customer_details;
  return {
    tenantId,
    events: [
      {
        kind: "customer",
        provider: "STRIPE",
        providerId: customerId,
        at: event.createdAt,
        deleted: false,
        email: details?.email ?? null,
        name: details?.name ?? null,
        address: addressOf(details?.address),
      },
    ],
  };
};

export const CHECKOUT_HANDLERS: HandlerRegistry = {
  "checkout.session.completed": sessionCompleted,
};
