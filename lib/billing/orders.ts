// One-time orders, provider-neutral: PayPal's Orders API when PayPal is configured, the local
// simulated order only where the simulated provider serves (no real provider configured at all:
// lib/billing/provider-mode.ts); otherwise the order routes answer 400. Every call records what it learnt in the tenant's ledger (an order;
// on capture also the payment and a paid invoice the portal lists). Idempotent: the caller's
// request id becomes PayPal-Request-Id (scoped to the tenant), so a retried create or capture
// never creates or charges twice.
import "server-only";

import { createHash } from "node:crypto";

import type { z } from "zod";

import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { createOrderBody as createOrderInput } from "./schemas/orders";
import type { Order } from "../db/generated/client";
import type { BillingProvider, OrderStatus } from "../db/generated/enums";
import { withTenant } from "../db/tenant";
import { env } from "../env";
import { AppError, parseInput } from "@/lib/errors";
import { logger } from "../observability/logger";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import type { Permission } from "../tenancy/permissions";
import type { TenantBillingEvent } from "./events";
import { localOrderCaptured, localOrderCreated } from "./local/orders";
import { applyAndFollowUp } from "./paypal/apply";
import { isPaypalConfigured, PaypalApiError } from "./paypal/client";
import { capturePaypalOrder, createPaypalOrder, fetchPaypalOrder, orderEvents } from "./paypal/orders-api";
import { isLocalProviderEnabled } from "./provider-mode";

export type CreateOrderInput = z.infer<typeof createOrderInput>;

export interface OrderView {
  /** The provider's order id (PayPal's, or the local order's). */
  id: string;
  provider: BillingProvider;
  status: OrderStatus;
  amount: number;
  currency: string;
  description: string | null;
  /** Where the buyer approves the order (PayPal); null once nothing is left to approve. */
  approveUrl: string | null;
  captureId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderAccess {
  /**
   * The public API's boundary already checked the caller's billing scope (a key's scopes never
   * exceed its creator's role), so the member-role check is not repeated.
   */
  scopeChecked?: boolean;
}

function authorize(ctx: TenantContext, permission: Permission, access: OrderAccess): void {
  if (!access.scopeChecked) assertCan(ctx, permission);
}

/**
 * The simulated order approves itself and its capture records a paid invoice: it may serve only
 * where the simulated provider does, never next to a real provider (it would mint revenue).
 */
function assertSimulatedOrders(): void {
  if (isLocalProviderEnabled()) return;
  throw new AppError("bad_request", "One-time orders need PayPal, which is not enabled on this installation.");
}

function digest(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
}

function view(row: Order): OrderView {
  return {
    id: row.providerId,
    provider: row.provider,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    approveUrl: row.status === "CREATED" ? row.approveUrl : null,
    captureId: row.captureProviderId,
    createdAt: row.providerCreatedAt,
    updatedAt: row.providerUpdatedAt,
  };
}

async function findOrder(tenantId: string, id: string): Promise<Order | null> {
  return withTenant(tenantId, (tx) =>
    tx.order.findFirst({ where: { providerId: id, provider: { in: ["PAYPAL", "LOCAL"] } } }),
  );
}

async function findOrderOrThrow(tenantId: string, id: string): Promise<Order> {
  const row = await findOrder(tenantId, id);
  if (!row) throw AppError.notFound("No such order.");
  return row;
}

/** Creates a one-time order; with PayPal the buyer then approves it at `approveUrl`. */
export async function createOrder(
  ctx: TenantContext,
  input: unknown,
  requestId: string,
  access: OrderAccess = {},
): Promise<OrderView> {
  authorize(ctx, "billing:manage", access);
  assertActive(ctx);
  const data = parseInput(createOrderInput, input);
  const tenantId = ctx.tenant.id;
  const reference = `ord_${digest(tenantId, requestId)}`;
  let providerId = reference;
  if (isPaypalConfigured()) {
    const back = (outcome: string) =>
      new URL(`/t/${ctx.tenant.slug}/billing?order=${reference}&paypal=${outcome}`, env.APP_URL).toString();
    const order = await createPaypalOrder({
      tenantId,
      reference,
      ...data,
      returnUrl: back("approved"),
      cancelUrl: back("canceled"),
      requestId: reference,
    });
    providerId = order.id;
    await applyAndFollowUp(tenantId, orderEvents(order, new Date()), actorOf(ctx));
  } else {
    assertSimulatedOrders();
    // The same request id again answers the order it created, whatever happened to it since.
    if (!(await findOrder(tenantId, reference))) {
      await applyAndFollowUp(tenantId, localOrderCreated({ id: reference, ...data }, new Date()), actorOf(ctx));
    }
  }
  await withTenant(tenantId, (tx) =>
    tx.order.updateMany({ where: { providerId, createdById: null }, data: { createdById: ctx.user.id } }),
  );
  return view(await findOrderOrThrow(tenantId, providerId));
}

async function paypalCaptureEvents(orderId: string, requestId: string): Promise<TenantBillingEvent[]> {
  try {
    return orderEvents(await capturePaypalOrder(orderId, requestId), new Date());
  } catch (error) {
    if (!(error instanceof PaypalApiError)) throw error;
    if (error.issue === "ORDER_ALREADY_CAPTURED") return orderEvents(await fetchPaypalOrder(orderId), new Date());
    if (error.issue === "ORDER_NOT_APPROVED") {
      throw new AppError("conflict", "The buyer has not approved this order yet: send them to its approve_url first.");
    }
    if (error.status === 404) throw AppError.notFound("PayPal does not know this order.");
    if (error.status === 422) throw new AppError("conflict", `PayPal refused the capture: ${error.message}`);
    throw error;
  }
}

/** Captures an approved order; capturing a completed order again answers it unchanged. */
export async function captureOrder(
  ctx: TenantContext,
  orderId: string,
  requestId: string,
  access: OrderAccess = {},
): Promise<OrderView> {
  authorize(ctx, "billing:manage", access);
  assertActive(ctx);
  const tenantId = ctx.tenant.id;
  const row = await findOrderOrThrow(tenantId, orderId);
  if (row.status === "COMPLETED") return view(row);
  if (row.status === "VOIDED" || row.status === "DENIED") {
    throw new AppError("conflict", `This order is ${row.status.toLowerCase()} and cannot be captured.`);
  }
  let events: TenantBillingEvent[];
  if (row.provider === "PAYPAL") {
    events = await paypalCaptureEvents(row.providerId, `cap_${digest(tenantId, row.providerId, requestId)}`);
  } else {
    assertSimulatedOrders();
    if (row.status !== "APPROVED") throw new AppError("conflict", "This order has not been approved yet.");
    const input = {
      id: row.providerId,
      amount: row.amount,
      currency: row.currency,
      description: row.description ?? "",
    };
    events = localOrderCaptured(input, row.providerCreatedAt, new Date());
  }
  await applyAndFollowUp(tenantId, events, actorOf(ctx));
  return view(await findOrderOrThrow(tenantId, orderId));
}

/** One order; a PayPal order still awaiting the buyer is re-read from PayPal first. */
export async function getOrder(ctx: TenantContext, orderId: string, access: OrderAccess = {}): Promise<OrderView> {
  authorize(ctx, "billing:read", access);
  const row = await findOrderOrThrow(ctx.tenant.id, orderId);
  if (row.provider === "PAYPAL" && (row.status === "CREATED" || row.status === "APPROVED") && isPaypalConfigured()) {
    try {
      await applyAndFollowUp(
        ctx.tenant.id,
        orderEvents(await fetchPaypalOrder(row.providerId), new Date()),
        actorOf(ctx),
      );
      return view(await findOrderOrThrow(ctx.tenant.id, orderId));
    } catch (error) {
      logger.warn("paypal: could not refresh an order", { orderId, error });
    }
  }
  return view(row);
}

/** The tenant's orders, newest first, by keyset cursor. */
export async function listOrders(
  ctx: TenantContext,
  page: { cursor?: string; limit?: number } = {},
  access: OrderAccess = {},
): Promise<{ data: OrderView[]; nextCursor: string | null }> {
  authorize(ctx, "billing:read", access);
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  if (page.cursor && !after)
    throw new AppError("validation_failed", "Not a cursor of this list.", { cursor: ["Pass next_cursor as is."] });
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.order.findMany({
      where: after
        ? {
            OR: [{ providerCreatedAt: { lt: after.at } }, { providerCreatedAt: after.at, id: { lt: after.id } }],
          }
        : {},
      orderBy: [{ providerCreatedAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
  );
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data: data.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(last.providerCreatedAt, last.id) : null,
  };
}
