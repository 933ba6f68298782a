// Placeholder (being written): PayPal Payouts batches sent by operators.
import { z } from "zod";

import type { SessionUser } from "../tenancy/context";

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
});

export type PayoutBatchInput = z.infer<typeof payoutBatchInputSchema>;

/** Sends a batch (sender_batch_id = our id) and records it; returns the batch id. */
export async function createPayoutBatch(operator: SessionUser, input: PayoutBatchInput): Promise<{ batchId: string }> {
  void operator;
  void input;
  throw new Error("not implemented yet");
}
