// CHECKOUT.ORDER.APPROVED: the buyer approved a one-time order; it awaits capture.
import type { EventHandler } from "../../webhooks/types";
import { orderEvents } from "../orders-api";
import { paypalOrder } from "../resources";
import { resourceOf, stateTime } from "./shared";

export const orderApproved: EventHandler = async (event, lookup) => {
  const order = resourceOf(paypalOrder, event);
  const customId = order.purchase_units?.[0]?.custom_id;
  const tenantId = (await lookup.tenantById(customId)) ?? (await lookup.tenantByObject("order", "PAYPAL", order.id));
  return { tenantId, events: orderEvents(order, stateTime(order, event)) };
};
