// What the local provider reads back from the ledger before it emits events (the ledger is its
// only storage: it plays the provider's side), and the builders for the events it emits.
import "server-only";

import { createHash } from "node:crypto";

import type { Invoice } from "../../db/generated/client";
import type { TenantTx } from "../../db/tenant";
import {
  readInvoiceLines,
  type Address,
  type CustomerState,
  type InvoiceLine,
  type InvoiceState,
  type PaymentMethodSummary,
  type PaymentState,
} from "../events";
import { readAddress } from "../account";
import { nextAt } from "../stored-subscription";
import { readPaymentMethod } from "./cards";

/** A short, stable id fragment derived from an operation's idempotency key. */
export function opId(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 24);
}

export function customerIdFor(tenantId: string): string {
  return `cus_local_${tenantId}`;
}

export interface LocalAccount {
  email: string | null;
  name: string | null;
  address: Address | null;
  paymentMethod: PaymentMethodSummary | null;
  providerUpdatedAt: Date | null;
}

export async function readAccount(tx: TenantTx): Promise<LocalAccount> {
  const account = await tx.billingAccount.findFirst({});
  return {
    email: account?.email ?? null,
    name: account?.name ?? null,
    address: readAddress(account?.address),
    paymentMethod: readPaymentMethod(account?.paymentMethod),
    providerUpdatedAt: account?.providerUpdatedAt ?? null,
  };
}

/**
 * The customer as the local provider knows it: the profile on file (so applying it changes
 * nothing but the payment method) and, when given, a new card.
 */
export function customerState(
  tenantId: string,
  account: LocalAccount,
  at: Date,
  fallback: { email: string; name: string },
  paymentMethod?: PaymentMethodSummary,
): CustomerState {
  return {
    kind: "customer",
    provider: "LOCAL",
    providerId: customerIdFor(tenantId),
    at: nextAt(at, account.providerUpdatedAt),
    deleted: false,
    email: account.email ?? fallback.email,
    name: account.name ?? fallback.name,
    address: account.address,
    ...(paymentMethod ? { paymentMethod } : {}),
  };
}

/** The invoice's number if it has one already, otherwise the workspace's next ("ACME-0003"). */
export async function invoiceNumberFor(tx: TenantTx, slug: string, providerId: string): Promise<string> {
  const existing = await tx.invoice.findFirst({ where: { provider: "LOCAL", providerId }, select: { number: true } });
  if (existing?.number) return existing.number;
  const count = await tx.invoice.count({ where: { provider: "LOCAL" } });
  const prefix =
    slug
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 8) || "INV";
  return `${prefix}-${String(count + 1).padStart(4, "0")}`;
}

/**
 * Credit the workspace holds from downgrades (invoices with a negative total), less what later
 * invoices have used (their total minus what was paid or is due). Derived, never stored.
 */
export async function creditBalance(tx: TenantTx): Promise<number> {
  const invoices = await tx.invoice.findMany({
    where: { provider: "LOCAL", status: { in: ["OPEN", "PAID"] } },
    select: { total: true, amountPaid: true, amountDue: true },
  });
  let balance = 0;
  for (const invoice of invoices) {
    if (invoice.total < 0) balance += -invoice.total;
    else balance -= Math.max(0, invoice.total - invoice.amountPaid - invoice.amountDue);
  }
  return Math.max(0, balance);
}

export interface InvoiceDraft {
  providerId: string;
  number: string;
  currency: string;
  lines: InvoiceLine[];
  subscriptionProviderId: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** Credit from the balance used on this invoice. */
  applied: number;
  at: Date;
}

/** What is left to collect on an invoice after the balance is applied. */
export function amountToCollect(draft: Pick<InvoiceDraft, "lines" | "applied">): number {
  const total = draft.lines.reduce((sum, line) => sum + line.amount, 0);
  return Math.max(0, total - draft.applied);
}

/** The invoice as paid (`paid`), or open with the amount still due. */
export function invoiceState(draft: InvoiceDraft, paid: boolean): InvoiceState {
  const total = draft.lines.reduce((sum, line) => sum + line.amount, 0);
  const collect = amountToCollect(draft);
  return {
    kind: "invoice",
    provider: "LOCAL",
    providerId: draft.providerId,
    at: draft.at,
    number: draft.number,
    status: paid ? "PAID" : "OPEN",
    currency: draft.currency,
    subtotal: total,
    tax: 0,
    total,
    amountPaid: paid ? collect : 0,
    amountDue: paid ? 0 : collect,
    lines: draft.lines,
    subscriptionProviderId: draft.subscriptionProviderId,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    dueAt: draft.at,
    paidAt: paid ? draft.at : null,
    hostedUrl: null,
    pdfUrl: null,
    createdAt: draft.at,
  };
}

/** A stored invoice as a state again, with `changes` (a retried invoice paid, an open one voided). */
export function invoiceStateFromRow(
  row: Invoice,
  at: Date,
  changes: Partial<Pick<InvoiceState, "status" | "amountPaid" | "amountDue" | "paidAt">>,
): InvoiceState {
  return {
    kind: "invoice",
    provider: "LOCAL",
    providerId: row.providerId,
    at: nextAt(at, row.providerUpdatedAt),
    number: row.number,
    status: row.status,
    currency: row.currency,
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    amountPaid: row.amountPaid,
    amountDue: row.amountDue,
    lines: readInvoiceLines(row.lines),
    subscriptionProviderId: row.subscriptionProviderId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    dueAt: row.dueAt,
    paidAt: row.paidAt,
    hostedUrl: null,
    pdfUrl: null,
    createdAt: row.providerCreatedAt,
    ...changes,
  };
}

export function paymentState(input: {
  providerId: string;
  invoiceProviderId: string;
  currency: string;
  amount: number;
  description: string;
  failureMessage: string | null;
  at: Date;
}): PaymentState {
  const failed = input.failureMessage !== null;
  return {
    kind: "payment",
    provider: "LOCAL",
    providerId: input.providerId,
    at: input.at,
    status: failed ? "FAILED" : "SUCCEEDED",
    currency: input.currency,
    amount: input.amount,
    amountRefunded: null,
    disputed: null,
    invoiceProviderId: input.invoiceProviderId,
    orderProviderId: null,
    description: input.description,
    failureMessage: input.failureMessage,
    paidAt: failed ? null : input.at,
    createdAt: input.at,
  };
}

export function planLine(description: string, amount: number): InvoiceLine {
  return { description, quantity: 1, unitAmount: amount, amount };
}
