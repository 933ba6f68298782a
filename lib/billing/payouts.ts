// PayPal Payouts batches sent by operators (affiliate payments, refunds outside a capture). The
// form carries a nonce, like a one-off invoice's: the batch id is derived from it, so a double
// submit finds the batch the first one stored and sends nothing more. The batch and its items are
// stored first, with our ids as sender_batch_id / sender_item_id and the batch id as
// PayPal-Request-Id, so a retried send can never pay twice; PayPal's webhooks
// (PAYMENT.PAYOUTS-ITEM.*) then move each item's status. Without PayPal the batch is simulated
// (every item succeeds at once) — only where the simulated provider serves at all.
import "server-only";

import { createHash } from "node:crypto";

import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { getDb } from "../db/client";
import type { PayoutBatch, PayoutItem } from "../db/generated/client";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { logger } from "../observability/logger";
import type { SessionUser } from "../tenancy/context";
import { toPaypalValue } from "./paypal/amounts";
import { isPaypalConfigured, paypalFetch, PaypalApiError } from "./paypal/client";
import { isLocalProviderEnabled } from "./provider-mode";
import { first } from "@/lib/indexed";
import { payoutBatchInputSchema, type PayoutBatchInput } from "./schemas/payouts";

/** A batch with its items; `total` in minor units (stored as a bigint, exact as a number below 2^53). */
export type PayoutBatchWithItems = Omit<PayoutBatch, "total"> & { total: number; items: PayoutItem[] };

function withNumberTotal(batch: PayoutBatch & { items: PayoutItem[] }): PayoutBatchWithItems {
  return { ...batch, total: Number(batch.total) };
}

/** The batch's fields PayPal cares about, as it wants them. */
function payoutRequest(batch: PayoutBatchWithItems) {
  return {
    sender_batch_header: {
      sender_batch_id: batch.senderBatchId,
      recipient_type: "EMAIL",
      email_subject: "You have a payment from Tessera",
      ...(batch.note ? { email_message: batch.note } : {}),
    },
    items: batch.items.map((item) => ({
      recipient_type: "EMAIL",
      receiver: item.receiver,
      sender_item_id: item.senderItemId,
      recipient_wallet: "PAYPAL",
      amount: { currency: item.currency.toUpperCase(), value: toPaypalValue(item.amount, item.currency) },
      ...(item.note ? { note: item.note } : {}),
    })),
  };
}

/**
 * Sends a stored batch to PayPal (again, safely: same sender_batch_id and PayPal-Request-Id) and
 * records PayPal's batch id and status. A refusal is recorded and reported to the operator.
 */
export async function sendPayoutBatch(batchId: string): Promise<PayoutBatchWithItems> {
  const db = await getDb();
  const stored = await db.payoutBatch.findUnique({ where: { id: batchId }, include: { items: true } });
  if (!stored) throw AppError.notFound("No such payout batch.");
  const batch = withNumberTotal(stored);
  if (batch.provider !== "PAYPAL" || batch.providerBatchId) return batch;
  try {
    const response = await paypalFetch<{ batch_header?: { payout_batch_id?: string; batch_status?: string } }>(
      "POST",
      "/v1/payments/payouts",
      { body: payoutRequest(batch), requestId: batch.senderBatchId },
    );
    const header = response.body?.batch_header;
    const updated = await db.payoutBatch.update({
      where: { id: batch.id },
      data: { providerBatchId: header?.payout_batch_id ?? null, status: header?.batch_status ?? "PENDING" },
      include: { items: true },
    });
    return withNumberTotal(updated);
  } catch (error) {
    // PayPal refused it (4xx) or could not be reached: either way it is kept, and says so.
    const refused = error instanceof PaypalApiError && error.status < 500;
    await db.payoutBatch.update({ where: { id: batch.id }, data: { status: refused ? "DENIED" : "NOT_SENT" } });
    logger.warn("paypal: payout batch not sent", { batchId, error });
    throw new AppError(
      "unavailable",
      refused
        ? `PayPal refused the payout batch: ${error instanceof Error ? error.message : "unknown reason"}.`
        : "PayPal could not be reached; the batch is saved and can be sent again.",
    );
  }
}

/** The batch id of a form nonce: the same submitted form is the same batch. */
export function payoutBatchIdOf(nonce: string): string {
  return `pob_${createHash("sha256").update(`payout:${nonce}`).digest("hex").slice(0, 32)}`;
}

/** What a batch pays to whom: a repeated nonce must carry the same batch. */
function fingerprint(
  currency: string,
  note: string | null,
  items: { receiver: string; amount: number; currency: string; note: string | null; tenantId: string | null }[],
): string {
  const rows = items
    .map((i) => [i.receiver.toLowerCase(), i.amount, i.currency, i.note ?? "", i.tenantId ?? ""].join("|"))
    .sort();
  return JSON.stringify([currency, note ?? "", rows]);
}

/**
 * Stores the batch and sends it (sender_batch_id = our id); returns the batch id. A second submit
 * of the same form (same nonce) returns the stored batch: it is sent only if its first send never
 * reached PayPal (NOT_SENT), never twice at once.
 */
export async function createPayoutBatch(
  operator: SessionUser,
  input: PayoutBatchInput,
): Promise<{ batchId: string; created: boolean }> {
  if (!operator.isPlatformAdmin) throw AppError.notFound();
  const data = parseInput(payoutBatchInputSchema, input);
  const currency = first(data.items, "payout item").currency;
  if (data.items.some((item) => item.currency !== currency)) {
    throw new AppError("validation_failed", "A batch pays in one currency.", {
      items: ["Every payee of a batch is paid in the same currency."],
    });
  }
  const paypal = isPaypalConfigured();
  if (!paypal && !isLocalProviderEnabled()) {
    throw new AppError("bad_request", "Payouts need PayPal, which is not enabled on this installation.");
  }
  const db = await getDb();
  const tenantIds = [...new Set(data.items.flatMap((item) => (item.tenantId ? [item.tenantId] : [])))];
  if (tenantIds.length) {
    const known = new Set(
      (await db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true } })).map((t) => t.id),
    );
    const errors = Object.fromEntries(
      data.items.flatMap((item, i) =>
        item.tenantId && !known.has(item.tenantId) ? [[`items.${i}.tenantId`, ["No such workspace."]]] : [],
      ),
    );
    if (Object.keys(errors).length) throw new AppError("validation_failed", "Some fields are not valid.", errors);
  }
  const batchId = payoutBatchIdOf(data.nonce);
  const now = new Date();
  const items = data.items.map((item, index) => {
    // Item ids follow the batch's, so a repeated submit cannot make new ones either.
    const id = `poi_${batchId.slice(4)}_${index}`;
    return {
      id,
      senderItemId: id,
      tenantId: item.tenantId ?? null,
      receiver: item.receiver,
      currency: item.currency,
      amount: item.amount,
      note: item.note ?? null,
      // The local simulation pays at once.
      ...(paypal ? {} : { status: "SUCCESS" as const, providerItemId: `local_${id}`, providerUpdatedAt: now }),
    };
  });
  const total = data.items.reduce((sum, item) => sum + BigInt(item.amount), BigInt(0));
  try {
    await db.payoutBatch.create({
      data: {
        id: batchId,
        provider: paypal ? "PAYPAL" : "LOCAL",
        senderBatchId: batchId,
        providerBatchId: paypal ? null : `local_${batchId}`,
        status: paypal ? "CREATED" : "SUCCESS",
        currency,
        total,
        note: data.note ?? null,
        createdById: operator.id,
        items: { create: items },
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return resubmitted(batchId, fingerprint(currency, data.note ?? null, items));
  }
  logger.info("payout batch created", {
    batchId,
    operator: operator.email,
    items: items.length,
    provider: paypal ? "PAYPAL" : "LOCAL",
  });
  if (paypal) await sendPayoutBatch(batchId);
  return { batchId, created: true };
}

/** The same nonce again: the stored batch, if it is the same batch; sent again only if never sent. */
async function resubmitted(batchId: string, wanted: string): Promise<{ batchId: string; created: boolean }> {
  const db = await getDb();
  const existing = await db.payoutBatch.findUnique({ where: { id: batchId }, include: { items: true } });
  if (!existing) throw new AppError("conflict", "This payout is being created; reload the page to see it.");
  if (fingerprint(existing.currency, existing.note, existing.items) !== wanted) {
    throw new AppError("conflict", "This form already sent a different payout; reload the page to start a new one.");
  }
  // A first send that could not reach PayPal is the one case a repeat sends (same ids: safe).
  if (existing.status === "NOT_SENT") await sendPayoutBatch(batchId);
  return { batchId, created: false };
}

/** Batches with their items, newest first, by keyset cursor (the admin console's list). */
export async function listPayoutBatches(
  operator: Operator,
  page: { cursor?: string; limit?: number } = {},
): Promise<{ data: PayoutBatchWithItems[]; nextCursor: string | null }> {
  assertOperator(operator);
  const limit = Math.min(Math.max(page.limit ?? 20, 1), 100);
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const db = await getDb();
  const rows = await db.payoutBatch.findMany({
    where: after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { items: { orderBy: { createdAt: "asc" } } },
    take: limit + 1,
  });
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data: data.map(withNumberTotal),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
