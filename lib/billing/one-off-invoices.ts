// One-off invoices raised by an operator (a setup fee, consulting days): provider-neutral. With
// Stripe configured the invoice is created, finalised and sent by Stripe; otherwise it is a LOCAL
// invoice, OPEN, delivered through the webhook pipeline like any other local event, and its PDF is
// rendered by Tessera. The form carries a nonce that becomes the idempotency key, so a double
// submit creates one invoice. This module dispatches; the input is schemas/one-off-invoices.ts's,
// the pricing one-off-pricing.ts's and typed amounts money-input.ts's.
import "server-only";

import { randomUUID } from "node:crypto";

import { getDb } from "../db/client";
import type { BillingProvider } from "../db/generated/enums";
import { withTenant } from "../db/tenant";
import { AppError } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { writeAudit } from "../tenancy/audit";
import type { SessionUser } from "../tenancy/context";
import type { InvoiceState } from "./events";
import { priceOneOffInvoice, type PricedInvoice } from "./one-off-pricing";
import { isStripeConfigured } from "./stripe/client";
import { createStripeOneOffInvoice } from "./stripe/one-off";
import { receiveWebhook } from "./webhooks/intake";
import type { LocalEnvelope } from "./webhooks/local";
import { DAY_MS } from "@/lib/calendar";

/** A fresh idempotency nonce for a "New invoice" form. */
export function newInvoiceNonce(): string {
  return randomUUID();
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
