"use server";
// The operator's acquisition spend (CAC): set one month, channel and currency, or remove an entry.
// operatorAction authenticates (404 for anyone but an operator); lib/analytics/acquisition
// validates, writes and audits in one transaction.
import { deleteAcquisitionSpend, setAcquisitionSpend } from "@/lib/analytics/acquisition";
import { operatorAction } from "@/lib/http/action";
import { formatMoney } from "@/lib/format";

export const setSpendAction = operatorAction("admin.analytics.spend.set", async (operator, input) => {
  const row = await setAcquisitionSpend(operator, {
    month: input.month ?? "",
    channel: input.channel ?? "",
    currency: input.currency ?? "",
    amount: input.amount ?? "",
    note: input.note || undefined,
  });
  return {
    message: `Spend for ${row.month}, ${row.channel}: ${formatMoney(row.amount, row.currency)}.`,
  };
});

export const deleteSpendAction = operatorAction("admin.analytics.spend.delete", async (operator, input) => {
  await deleteAcquisitionSpend(operator, input.id ?? "");
  return { message: "Spend entry removed." };
});
