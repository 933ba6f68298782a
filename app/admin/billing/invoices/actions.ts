"use server";
// "New invoice": checked first (intent "review": field errors, or the priced invoice to confirm),
// then created (intent "send"). The form's nonce is the idempotency key, so a double submit
// creates one invoice. operatorAction signs the caller in and answers 404-style for non-operators.
import {
  createOneOffInvoice,
  newInvoiceNonce,
  reviewOneOffInvoice,
  type OneOffInvoiceReview,
} from "@/lib/billing/one-off-invoices";
import { oneOffInvoiceInputFromForm } from "@/lib/billing/schemas/one-off-invoices";
import { formatMoney } from "@/lib/format";
import { operatorAction } from "@/lib/http/action";

export interface InvoiceFormResult {
  stage: "review" | "sent";
  review?: OneOffInvoiceReview;
  /** After a creation: the nonce for the next invoice from this form. */
  nextNonce?: string;
}

export const createInvoiceAction = operatorAction<InvoiceFormResult>("admin.createInvoice", async (operator, input) => {
  const invoice = oneOffInvoiceInputFromForm(input);
  if (input.intent !== "send") {
    return { data: { stage: "review", review: await reviewOneOffInvoice(operator, invoice) } };
  }
  const created = await createOneOffInvoice(operator, invoice);
  const amount = formatMoney(created.total, created.currency);
  return {
    message: created.created
      ? `Invoice ${created.number ?? ""} for ${amount} created for ${created.tenantName}.`.replace("  ", " ")
      : `That invoice was already created (${created.number ?? created.providerId}); nothing was added.`,
    data: { stage: "sent", nextNonce: newInvoiceNonce() },
  };
});
