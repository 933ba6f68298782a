// The input of a one-off invoice (the operator's "New invoice" form): tenant, currency, lines with
// unit prices as typed (priced by lib/billing/one-off-pricing.ts, which needs the currency), days
// until due, memo and the form's idempotency nonce.
import { z } from "zod";

import { formRows, type FormInput } from "@/lib/form-input";
import { CURRENCIES } from "../catalog";

const lineSchema = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(200, "At most 200 characters."),
  quantity: z.coerce
    .number({ error: "Enter a quantity." })
    .int("Use a whole number.")
    .min(1, "At least 1.")
    .max(10_000, "At most 10,000."),
  unitPrice: z.string().trim().min(1, "Enter a unit price."),
});

export const oneOffInvoiceSchema = z.object({
  tenantId: z.string({ error: "Choose a tenant." }).trim().min(1, "Choose a tenant.").max(64),
  currency: z.enum(CURRENCIES, { error: "Choose USD or EUR." }),
  lines: z.array(lineSchema).min(1, "Add at least one line.").max(20, "At most 20 lines."),
  daysUntilDue: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Use a whole number of days.")
    .min(0, "0 to 90 days.")
    .max(90, "0 to 90 days.")
    .default(30),
  memo: z.string().trim().max(500, "At most 500 characters.").optional(),
  nonce: z.string({ error: "This form has expired; reload the page." }).regex(/^[A-Za-z0-9_-]{16,64}$/, {
    error: "This form has expired; reload the page.",
  }),
});

export type OneOffInvoiceInput = z.input<typeof oneOffInvoiceSchema>;

/** The nested input from a flat form (`lines.N.field`). */
export function oneOffInvoiceInputFromForm(form: FormInput): OneOffInvoiceInput {
  return {
    tenantId: form.tenantId ?? "",
    currency: form.currency as OneOffInvoiceInput["currency"],
    lines: formRows(form, "lines") as OneOffInvoiceInput["lines"],
    daysUntilDue: form.daysUntilDue,
    memo: form.memo,
    nonce: form.nonce ?? "",
  };
}
