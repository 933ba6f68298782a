// Pricing a one-off invoice: validates the input (every field's errors at once, unit prices
// included) and turns typed unit prices into exact minor units, line amounts and the total.
import { AppError, fieldErrors, type FieldErrors } from "@/lib/errors";
import type { CURRENCIES } from "./catalog";
import { MAX_MINOR_AMOUNT, parseMajorUnits } from "./money-input";
import { oneOffInvoiceSchema } from "./schemas/one-off-invoices";

/** Largest invoice total, minor units (database columns are 32-bit). */
const MAX_INVOICE_TOTAL = 1_000_000_000;

export interface PricedInvoice {
  tenantId: string;
  currency: (typeof CURRENCIES)[number];
  lines: { description: string; quantity: number; unitAmount: number; amount: number }[];
  total: number;
  daysUntilDue: number;
  memo: string | null;
  nonce: string;
}

/** Validates and prices the input; throws a validation AppError with every field's errors. */
export function priceOneOffInvoice(input: unknown): PricedInvoice {
  const parsed = oneOffInvoiceSchema.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  // Unit prices need the currency; check them even when other fields failed, so every error shows at once.
  const raw = (input ?? {}) as { currency?: unknown; lines?: unknown };
  const currency = typeof raw.currency === "string" && raw.currency ? raw.currency : "usd";
  const rawLines = Array.isArray(raw.lines) ? (raw.lines as { unitPrice?: unknown }[]) : [];
  const unitAmounts = rawLines.map((line, index) => {
    const text = typeof line?.unitPrice === "string" ? line.unitPrice : "";
    if (!text.trim()) return null;
    const minor = parseMajorUnits(text, currency);
    const key = `lines.${index}.unitPrice`;
    if (minor === null) (errors[key] ??= []).push("Enter a price like 120 or 120.50.");
    else if (minor > MAX_MINOR_AMOUNT) (errors[key] ??= []).push("At most 1,000,000 per unit.");
    return minor;
  });
  if (!parsed.success || Object.keys(errors).length > 0) {
    throw new AppError("validation_failed", "Some fields are not valid.", errors);
  }
  const lines = parsed.data.lines.map((line, index) => {
    const unitAmount = unitAmounts[index] ?? 0;
    return { description: line.description, quantity: line.quantity, unitAmount, amount: unitAmount * line.quantity };
  });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  if (total > MAX_INVOICE_TOTAL) {
    throw new AppError("validation_failed", "Some fields are not valid.", {
      lines: ["The invoice total is too large; split it into several invoices."],
    });
  }
  return { ...parsed.data, lines, total, memo: parsed.data.memo || null };
}
