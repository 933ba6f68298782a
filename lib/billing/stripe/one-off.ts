// Placeholder (being written): one-off Stripe invoices (line items → finalised and sent).
import type { Currency } from "../catalog";

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
  void input;
  throw new Error("not implemented yet");
}
