"use server";
// "New payout": the form is checked first (intent "review": field errors, or the totals per
// currency to confirm), then sent (intent "send"). The form's nonce is the idempotency key, so a
// double submit sends one batch. operatorAction signs the caller in and answers 404-style for
// non-operators.
import { payoutInputFromForm, payoutTotals, type PayoutFormResult } from "@/lib/billing/admin-payouts";
import { createPayoutBatch } from "@/lib/billing/payouts";
import { formatMoney } from "@/lib/format";
import { operatorAction } from "@/lib/http/action";

export const payoutAction = operatorAction<PayoutFormResult>("admin.createPayout", async (operator, input) => {
  const batch = payoutInputFromForm(input);
  const totals = payoutTotals(batch);
  if (input.intent !== "send") return { data: { stage: "review", totals } };
  const { batchId, created } = await createPayoutBatch(operator, batch);
  const paid = totals.map((t) => formatMoney(t.total, t.currency)).join(" + ");
  return {
    message: created
      ? `Payout batch created: ${paid} to ${batch.items.length} payee${batch.items.length === 1 ? "" : "s"}.`
      : "That payout was already submitted; nothing more was sent.",
    data: { stage: "sent", totals, batchId },
  };
});
