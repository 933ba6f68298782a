// One-off invoices raised by an operator (a setup fee, consulting days): provider-neutral. With
// Stripe configured the invoice is created, finalised and sent by Stripe; otherwise it is a LOCAL
// invoice, OPEN, delivered through the webhook pipeline like any other local event, and its PDF is
// rendered by Tessera. The form carries a nonce that becomes the idempotency key, so a double
// submit creates one invoice.
import "server-only";

import { randomUUID } from "node:crypto";

import { z } from "zod";

import { getDb } from "../db/client";
import type { BillingProvider } from "../db/generated/enums";
import { withTenant } from "../db/tenant";
import { minorUnitFactor } from "../format";
import { AppError, fieldErrors, type FieldErrors } from "@/lib/errors";
import type { FormInput } from "@/lib/form-input";
import { assertOperator, type Operator } from "../tenancy/operator";
import { writeAudit } from "../tenancy/audit";
import type { SessionUser } from "../tenancy/context";
import { CURRENCIES } from "./catalog";
import type { InvoiceState } from "./events";
import { isStripeConfigured } from "./stripe/client";
import { createStripeOneOffInvoice } from "./stripe/one-off";
import { receiveWebhook } from "./webhooks/intake";
import type { LocalEnvelope } from "./webhooks/local";
import { at, group } from "@/lib/indexed";
import { DAY_MS } from "@/lib/calendar";

/** Largest amount one line's unit price or a payout may carry, in minor units ($1,000,000.00). */
export const MAX_MINOR_AMOUNT = 100_000_000;
/** Largest invoice total, minor units (database columns are 32-bit). */
const MAX_INVOICE_TOTAL = 1_000_000_000;

/**
 * "1,234.5" → 123450 for a two-decimal currency, exactly (string arithmetic, never floats); null
 * when the text is not a positive amount with at most the currency's decimals.
 */
export function parseMajorUnits(value: string, currency: string): number | null {
  const text = value.trim().replace(/,/g, "");
  const decimals = minorUnitFactor(currency) === 1 ? 0 : 2;
  const match = /^(\d{1,10})(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return null;
  const minor = Number(match[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, "0") || "0");
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/**
 * Rows of a form with dynamic rows: `lines.0.description`, `lines.1.quantity`… → [{ description,
 * quantity }, …], ordered by index. Missing indexes become empty rows so error paths keep lining up
 * with the rows the person sees.
 */
export function formRows(form: FormInput, prefix: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})\\.([A-Za-z]+)$`);
  for (const [key, value] of Object.entries(form)) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    while (rows.length <= index) rows.push({});
    at(rows, index, "form row")[group(match, 2)] = value;
  }
  return rows;
}

/** A fresh idempotency nonce for a "New invoice" form. */
export function newInvoiceNonce(): string {
  return randomUUID();
}

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

export interface CreatedOneOffInvoice {
  provider: BillingProvider;
  providerId: string;
  number: string | null;
  tenantName: string;
  currency: string;
  total: number;
  hostedUrl: string | null;
  /** False when this nonce had already created the invoice (a double submit). */
  created: boolean;
}

function localNumber(nonce: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  return `INV-${day}-${nonce
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 8)
    .toUpperCase()}`;
}

function localInvoiceState(invoice: PricedInvoice, now: Date): InvoiceState {
  return {
    kind: "invoice",
    provider: "LOCAL",
    providerId: `inv_oneoff_${invoice.nonce}`,
    at: now,
    number: localNumber(invoice.nonce, now),
    status: "OPEN",
    currency: invoice.currency,
    subtotal: invoice.total,
    tax: 0,
    total: invoice.total,
    amountPaid: 0,
    amountDue: invoice.total,
    lines: invoice.lines,
    subscriptionProviderId: null,
    periodStart: null,
    periodEnd: null,
    dueAt: new Date(now.getTime() + invoice.daysUntilDue * DAY_MS),
    paidAt: null,
    hostedUrl: null,
    pdfUrl: null,
    createdAt: now,
  };
}

/** Records the operator's invoice in the tenant's audit log, once per invoice. */
async function auditOnce(
  operator: SessionUser,
  invoice: PricedInvoice,
  provider: BillingProvider,
  providerId: string,
): Promise<boolean> {
  return withTenant(invoice.tenantId, async (tx) => {
    const row = await tx.invoice.findUnique({
      where: { provider_providerId: { provider, providerId } },
      select: { id: true, number: true, dueAt: true },
    });
    const targetId = row?.id ?? providerId;
    const logged = await tx.auditLog.count({ where: { action: "billing.invoice_created", targetId } });
    if (logged > 0) return false;
    await writeAudit(
      tx,
      invoice.tenantId,
      { id: operator.id, email: operator.email },
      {
        action: "billing.invoice_created",
        targetType: "invoice",
        targetId,
        after: {
          provider,
          number: row?.number ?? null,
          currency: invoice.currency,
          total: invoice.total,
          lines: invoice.lines,
          dueAt: row?.dueAt?.toISOString() ?? null,
          memo: invoice.memo,
        },
      },
    );
    return true;
  });
}

async function billableTenant(tenantId: string): Promise<{ id: string; name: string }> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { id: true, name: true, status: true },
  });
  if (!tenant || tenant.status === "DELETED") {
    throw new AppError("validation_failed", "Some fields are not valid.", { tenantId: ["Choose an existing tenant."] });
  }
  return tenant;
}

/** What the operator confirms before the invoice is created. */
export interface OneOffInvoiceReview {
  provider: BillingProvider;
  tenantName: string;
  currency: string;
  lines: PricedInvoice["lines"];
  total: number;
  dueAt: string;
}

/** Checks the input as createOneOffInvoice would and summarises it; writes nothing. */
/** The priced invoice to confirm (operators only: it reads the tenant's name). */
export async function reviewOneOffInvoice(
  operator: Operator,
  input: unknown,
  now = new Date(),
): Promise<OneOffInvoiceReview> {
  assertOperator(operator);
  const invoice = priceOneOffInvoice(input);
  const tenant = await billableTenant(invoice.tenantId);
  return {
    provider: isStripeConfigured() ? "STRIPE" : "LOCAL",
    tenantName: tenant.name,
    currency: invoice.currency,
    lines: invoice.lines,
    total: invoice.total,
    dueAt: new Date(now.getTime() + invoice.daysUntilDue * DAY_MS).toISOString(),
  };
}

/** Creates a one-off invoice for a tenant (operators only; the caller authorises). */
export async function createOneOffInvoice(
  operator: SessionUser,
  input: unknown,
  now = new Date(),
): Promise<CreatedOneOffInvoice> {
  if (!operator.isPlatformAdmin) throw AppError.notFound();
  const invoice = priceOneOffInvoice(input);
  const tenant = await billableTenant(invoice.tenantId);
  const db = await getDb();

  if (isStripeConfigured()) {
    const result = await createStripeOneOffInvoice({
      tenantId: tenant.id,
      currency: invoice.currency,
      lines: invoice.lines.map(({ description, quantity, unitAmount }) => ({ description, quantity, unitAmount })),
      daysUntilDue: invoice.daysUntilDue,
      memo: invoice.memo,
      idempotencyKey: `oneoff-invoice:${invoice.nonce}`,
    });
    // Stripe answers a repeated idempotency key with the same invoice: the audit entry tells them apart.
    const created = await auditOnce(operator, invoice, "STRIPE", result.providerId);
    const row = await db.invoice.findUnique({
      where: { provider_providerId: { provider: "STRIPE", providerId: result.providerId } },
      select: { number: true },
    });
    return {
      provider: "STRIPE",
      providerId: result.providerId,
      number: row?.number ?? null,
      tenantName: tenant.name,
      currency: invoice.currency,
      total: invoice.total,
      hostedUrl: result.hostedUrl,
      created,
    };
  }

  const state = localInvoiceState(invoice, now);
  const envelope: LocalEnvelope = { tenantId: tenant.id, events: [state] };
  const outcome = await receiveWebhook({
    provider: "LOCAL",
    eventId: `evt_oneoff_${invoice.nonce}`,
    type: "invoice.created",
    createdAt: now,
    payload: JSON.parse(JSON.stringify(envelope)),
  });
  if (outcome === "failed" || outcome === "ignored") {
    throw new AppError("unavailable", "The invoice could not be recorded right now; it will be retried.");
  }
  if (outcome === "processed") await auditOnce(operator, invoice, "LOCAL", state.providerId);
  const row = await db.invoice.findUniqueOrThrow({
    where: { provider_providerId: { provider: "LOCAL", providerId: state.providerId } },
    select: { number: true, total: true, currency: true },
  });
  return {
    provider: "LOCAL",
    providerId: state.providerId,
    number: row.number,
    tenantName: tenant.name,
    currency: row.currency,
    total: row.total,
    hostedUrl: null,
    created: outcome === "processed",
  };
}
