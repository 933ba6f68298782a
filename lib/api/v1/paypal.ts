// v1 routes for one-time PayPal orders (lib/billing/orders.ts): create, capture, read, list.
// Without PayPal configured the same routes serve the local simulated order (approved at once).
import { z } from "zod";

import { CURRENCIES } from "../../billing/catalog";
import { createOrderBody } from "@/lib/billing/schemas/orders";
import type { OrderView } from "../../billing/orders";
import { defineRoute } from "../define";
import { isoDateTime } from "@/lib/iso";
import { listOf, paginationQuery } from "./common";
import { keysetCursor } from "@/lib/cursor";
import { toApiEnum } from "./serializers";

const isoDate = z.iso.datetime();

export const apiOrderStatus = z
  .enum(["created", "approved", "completed", "voided", "denied"])
  .meta({ id: "OrderStatus", description: "created → (buyer approves) approved → (capture) completed." });

export const orderResource = z
  .object({
    id: z.string().describe("PayPal's order id (or the local order's id when PayPal is not configured)."),
    provider: z.enum(["paypal", "local"]),
    status: apiOrderStatus,
    amount: z.number().int().describe("Minor units, e.g. 1999 = 19.99."),
    currency: z.enum(CURRENCIES),
    description: z.string().nullable(),
    approve_url: z.string().nullable().describe("Send the buyer here to approve the order; null once approved."),
    capture_id: z.string().nullable(),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: "Order" });

export function toOrderResource(order: OrderView): z.input<typeof orderResource> {
  return {
    id: order.id,
    provider: order.provider === "PAYPAL" ? "paypal" : "local",
    status: toApiEnum(order.status),
    amount: order.amount,
    currency: order.currency as z.infer<typeof orderResource>["currency"],
    description: order.description,
    approve_url: order.approveUrl,
    capture_id: order.captureId,
    created_at: isoDateTime(order.createdAt),
    updated_at: isoDateTime(order.updatedAt),
  };
}

const orderParams = z.object({ id: z.string().min(1).max(64).describe("The order's id.") });

export const createPaypalOrder = defineRoute({
  operationId: "createPaypalOrder",
  method: "POST",
  path: "/api/v1/paypal/create-order",
  tag: "PayPal orders",
  summary: "Create a one-time order",
  description:
    "Creates a PayPal order (intent CAPTURE) the buyer approves at approve_url. Send an Idempotency-Key header " +
    "to make retries safe: the same key answers the same order. Without PayPal configured, a simulated order is " +
    "created already approved.",
  audience: "tenant",
  scope: "billing:write",
  body: createOrderBody,
  response: orderResource,
  status: 201,
});

export const capturePaypalOrder = defineRoute({
  operationId: "capturePaypalOrder",
  method: "POST",
  path: "/api/v1/paypal/orders/{id}/capture",
  tag: "PayPal orders",
  summary: "Capture an approved order",
  description:
    "Takes the payment; the order becomes completed and a paid invoice appears in the billing portal. " +
    "Capturing a completed order again answers it unchanged; an order the buyer has not approved answers 409.",
  audience: "tenant",
  scope: "billing:write",
  params: orderParams,
  response: orderResource,
  errors: ["not_found", "conflict"],
});

export const listPaypalOrders = defineRoute({
  operationId: "listPaypalOrders",
  method: "GET",
  path: "/api/v1/paypal/orders",
  tag: "PayPal orders",
  summary: "List orders",
  description: "Newest first.",
  audience: "tenant",
  scope: "billing:read",
  query: paginationQuery.extend({ cursor: keysetCursor }),
  response: listOf(orderResource, "Order"),
});

export const getPaypalOrder = defineRoute({
  operationId: "getPaypalOrder",
  method: "GET",
  path: "/api/v1/paypal/orders/{id}",
  tag: "PayPal orders",
  summary: "Get an order",
  description: "An order still awaiting the buyer is re-read from PayPal first.",
  audience: "tenant",
  scope: "billing:read",
  params: orderParams,
  response: orderResource,
  errors: ["not_found"],
});
