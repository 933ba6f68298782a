// The operator's payouts: the latest batches with their items, and the "New payout" form turned
// into createPayoutBatch's input (amounts typed in major units become exact minor units).
import "server-only";

import type { BillingProvider, PayoutStatus } from "../db/generated/enums";
import { formRows, type FormInput } from "@/lib/form-input";
import { AppError, fieldErrors, type FieldErrors } from "@/lib/errors";
import type { Operator } from "../tenancy/operator";
import { tenantNames } from "./admin";
import { MAX_MINOR_AMOUNT, parseMajorUnits } from "./money-input";
import { listPayoutBatches } from "./payouts";
import { payoutBatchInputSchema, type PayoutBatchInput } from "./schemas/payouts";

export interface PayoutItemRow {
  id: string;
  receiver: string;
  currency: string;
  amount: number;
  note: string | null;
  status: PayoutStatus;
  tenantId: string | null;
  tenantName: string | null;
  updatedAt: string;
}

export interface PayoutBatchRow {
  id: string;
  provider: BillingProvider;
  senderBatchId: string;
  providerBatchId: string | null;
  status: string;
  currency: string;
  total: number;
  note: string | null;
  createdAt: string;
  items: PayoutItemRow[];
}

/** The latest payout batches with their items, newest first, with the items' tenant names. */
export async function listPayoutBatchesForAdmin(operator: Operator, limit = 50): Promise<PayoutBatchRow[]> {
  const { data: batches } = await listPayoutBatches(operator, { limit });
  const names = await tenantNames(
    operator,
    batches.flatMap((b) => b.items.map((i) => i.tenantId)),
  );
  return batches.map((batch) => ({
    id: batch.id,
    provider: batch.provider,
    senderBatchId: batch.senderBatchId,
    providerBatchId: batch.providerBatchId,
    status: batch.status,
    currency: batch.currency,
    total: batch.total,
    note: batch.note,
    createdAt: batch.createdAt.toISOString(),
    items: batch.items.map((item) => ({
      id: item.id,
      receiver: item.receiver,
      currency: item.currency,
      amount: item.amount,
      note: item.note,
      status: item.status,
      tenantId: item.tenantId,
      tenantName: item.tenantId ? (names.get(item.tenantId)?.name ?? null) : null,
      updatedAt: item.updatedAt.toISOString(),
    })),
  }));
}

export interface PayoutTotal {
  currency: string;
  total: number;
  items: number;
}

/** What the "New payout" action answers: the totals to confirm, then the batch it created. */
export interface PayoutFormResult {
  stage: "review" | "sent";
  totals: PayoutTotal[];
  batchId?: string;
}

/**
 * The "New payout" form (`note`, `nonce`, `items.N.receiver|amount|currency|note|tenantId`) as the input of
 * createPayoutBatch: amounts typed in major units become exact minor units. Throws a validation
 * AppError whose field errors are keyed like the form's fields (`items.0.amount`).
 */
export function payoutInputFromForm(form: FormInput): PayoutBatchInput {
  const errors: FieldErrors = {};
  const rows = formRows(form, "items");
  const items = rows.map((row, index) => {
    const currency = row.currency ?? "";
    const amountText = (row.amount ?? "").trim();
    const minor = amountText ? parseMajorUnits(amountText, currency || "usd") : null;
    const key = `items.${index}.amount`;
    if (!amountText) errors[key] = ["Enter an amount."];
    else if (minor === null) errors[key] = ["Enter an amount like 25 or 25.50."];
    else if (minor > MAX_MINOR_AMOUNT) errors[key] = ["At most 1,000,000 per payee."];
    return {
      receiver: (row.receiver ?? "").trim(),
      // A placeholder keeps the schema from repeating the amount error reported above.
      amount: minor !== null && minor <= MAX_MINOR_AMOUNT ? minor : 1,
      currency,
      note: row.note?.trim() || undefined,
      tenantId: row.tenantId?.trim() || undefined,
    };
  });
  const parsed = payoutBatchInputSchema.safeParse({ note: form.note?.trim() || undefined, items, nonce: form.nonce });
  if (!parsed.success) {
    for (const [key, messages] of Object.entries(fieldErrors(parsed.error))) {
      if (!errors[key]) errors[key] = messages;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    throw new AppError("validation_failed", "Some payees are not valid.", errors);
  }
  return parsed.data;
}

/** What a batch pays, per currency, in minor units (for the confirmation). */
export function payoutTotals(input: PayoutBatchInput): PayoutTotal[] {
  const totals = new Map<string, { total: number; items: number }>();
  for (const item of input.items) {
    const current = totals.get(item.currency) ?? { total: 0, items: 0 };
    totals.set(item.currency, { total: current.total + item.amount, items: current.items + 1 });
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, value]) => ({ currency, ...value }));
}
