"use server";
// "New payout": the form is checked first (intent "review": field errors, or the totals per
// currency to confirm), then sent (intent "send"). operatorAction signs the caller in and answers
// 404-style for non-operators.
import { payoutInputFromForm, payoutTotals, type PayoutFormResult } from "@/lib/billing/admin-payouts";
import { createPayoutBatch } from "@/lib/billing/payouts";
import { formatMoney } from "@/lib/format";
import { operatorAction } from "@/lib/http/action";

export const payoutAction = operatorAction<PayoutFormResult>("admin.createPayout", async (operator, input) => {
  const batch = payoutInputFromForm(input);
  const totals = payoutTotals(batch);
  if (input.intent !== "send") return { data: { stage: "review", totals } };
  const { batchId } = await createPayoutBatch(operator, batch);
  const paid = totals.map((t) => formatMoney(t.total, t.currency)).join(" + ");
  return {
    message: `Payout batch created: ${paid} to ${batch.items.length} payee${batch.items.length === 1 ? "" : "s"}.`,
    data: { stage: "sent", totals, batchId },
  };
});
