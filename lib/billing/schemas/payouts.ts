// The input of a PayPal Payouts batch (the operator's "New payout" form, after
// lib/billing/admin-payouts.ts turned typed amounts into minor units): payees, amounts, currency,
// notes and the form's idempotency nonce.
import { z } from "zod";

export const payoutItemInputSchema = z.object({
  receiver: z.email("Enter the receiver's PayPal email."),
  /** Minor units. */
  amount: z.coerce.number().int().positive("Amount must be more than zero."),
  currency: z.enum(["usd", "eur"]),
  note: z.string().trim().max(200).optional(),
  tenantId: z.string().trim().min(1).optional(),
});

export const payoutBatchInputSchema = z.object({
  note: z.string().trim().max(200).optional(),
  items: z.array(payoutItemInputSchema).min(1, "Add at least one payee.").max(100),
  /** The form's idempotency key: the same nonce is the same batch, sent once. */
  nonce: z.string({ error: "This form has expired; reload the page." }).regex(/^[A-Za-z0-9_-]{16,64}$/, {
    error: "This form has expired; reload the page.",
  }),
});

export type PayoutBatchInput = z.infer<typeof payoutBatchInputSchema>;
