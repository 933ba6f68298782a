// One-off Stripe invoices (an operator bills a tenant for something outside its plan): a draft
// invoice, its line items, finalised and emailed by Stripe. Each step's Idempotency-Key derives
// from the caller's key, so retrying after a failure half-way resumes instead of duplicating.
import "server-only";

import Stripe from "stripe";

import type { Currency } from "../catalog";
import { stripe } from "./client";
import { ensureStripeCustomer } from "./customer";
import { applyApiResponse } from "./ledger-apply";
import { invoiceStateOf } from "./map/invoice";

export interface OneOffLine {
  description: string;
  quantity: number;
  /** Minor units per unit. */
  unitAmount: number;
}

export interface StripeOneOffInvoiceInput {
  tenantId: string;
  currency: Currency;
  lines: OneOffLine[];
  daysUntilDue: number;
  memo: string | null;
  /** Every Stripe write of this invoice derives its Idempotency-Key from this. */
  idempotencyKey: string;
}

/** Creates, finalises and sends the invoice; the ledger row is written before returning. */
export async function createStripeOneOffInvoice(
  input: StripeOneOffInvoiceInput,
): Promise<{ providerId: string; hostedUrl: string | null }> {
  const client = stripe();
  const key = input.idempotencyKey;
  const customer = await ensureStripeCustomer({ tenantId: input.tenantId });
  const draft = await client.invoices.create(
    {
      customer,
      collection_method: "send_invoice",
      days_until_due: input.daysUntilDue,
      currency: input.currency,
      ...(input.memo ? { description: input.memo } : {}),
      metadata: { tenant_id: input.tenantId },
      auto_advance: false,
      // Only the lines below: pending items of the customer (prorations) stay for their subscription.
      pending_invoice_items_behavior: "exclude",
    },
    { idempotencyKey: `${key}:create` },
  );
  const invoiceId = draft.id;
  if (!invoiceId) throw new Error("Stripe returned an invoice without an id.");
  for (const [n, line] of input.lines.entries()) {
    await client.invoiceItems.create(
      {
        customer,
        invoice: invoiceId,
        currency: input.currency,
        description: line.description,
        quantity: line.quantity,
        unit_amount_decimal: Stripe.Decimal.from(line.unitAmount),
        metadata: { tenant_id: input.tenantId },
      },
      { idempotencyKey: `${key}:item:${n}` },
    );
  }
  const finalized = await client.invoices.finalizeInvoice(
    invoiceId,
    { auto_advance: false },
    { idempotencyKey: `${key}:finalize` },
  );
  const sent = await client.invoices.sendInvoice(invoiceId, {}, { idempotencyKey: `${key}:send` });
  await applyApiResponse(input.tenantId, sent, (at) => invoiceStateOf(sent, at));
  return { providerId: invoiceId, hostedUrl: sent.hosted_invoice_url ?? finalized.hosted_invoice_url ?? null };
}
