// What the local provider does when time passes (called by the billing cron): a subscription
// whose period ended is canceled (cancel at period end), converted from its trial, or renewed with
// a new invoice and payment — the next period in advance plus the metered overage of the period
// that ended, as Stripe bills it. A card ending 0002 fails: the payment is FAILED and the subscription
// PAST_DUE, and later runs retry once a day. Dunning itself (the grace period, the downgrade) is
// derived by the ledger and done elsewhere. Every step has a deterministic event id, so two cron
// runs at once deliver duplicates, not double charges.
import "server-only";

import { getDb } from "../../db/client";
import type { Invoice, Subscription } from "../../db/generated/client";
import { withTenant } from "../../db/tenant";
import { logger } from "../../observability/logger";
import { flushTenantUsage } from "../../usage/flush";
import { isCurrency, isPaidTier } from "../catalog";
import { isLocalProviderEnabled } from "../provider-mode";
import type { InvoiceLine, TenantBillingEvent } from "../events";
import { billableUsageBetween, overageLines } from "../metering";
import { addInterval } from "@/lib/calendar";
import { planLabel } from "../proration";
import { formatDate } from "../../format";
import { subscriptionStateOf } from "../stored-subscription";
import { chargeOutcome } from "./cards";
import { deliverLocal } from "./deliver";
import {
  amountToCollect,
  creditBalance,
  invoiceNumberFor,
  invoiceState,
  invoiceStateFromRow,
  paymentState,
  planLine,
  readAccount,
  type LocalAccount,
} from "./state";
import { first } from "@/lib/indexed";
import { DAY_MS } from "@/lib/calendar";

export interface LocalRenewalReport {
  renewed: number;
  canceled: number;
  failed: number;
}

/** Stripe tells a customer three days before a trial ends. */
const TRIAL_NOTICE_MS = 3 * DAY_MS;
/** Failed renewals are retried once a day. */
export const RETRY_AFTER_MS = DAY_MS;

type Outcome = "renewed" | "canceled" | "failed" | "none";

interface Loaded {
  row: Subscription;
  slug: string;
  account: LocalAccount;
  balance: number;
  open: Invoice | null;
  attempts: { count: number; last: Date | null };
}

async function load(tenantId: string, providerId: string): Promise<Loaded | null> {
  return withTenant(tenantId, async (tx) => {
    const row = await tx.subscription.findFirst({ where: { provider: "LOCAL", providerId } });
    if (!row) return null;
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
    const open = await tx.invoice.findFirst({
      where: { provider: "LOCAL", subscriptionProviderId: providerId, status: "OPEN" },
      orderBy: { providerCreatedAt: "desc" },
    });
    const failures = open
      ? await tx.payment.aggregate({
          where: { provider: "LOCAL", invoiceProviderId: open.providerId, status: "FAILED" },
          _count: { _all: true },
          _max: { providerCreatedAt: true },
        })
      : null;
    return {
      row,
      slug: tenant.slug,
      account: await readAccount(tx),
      balance: await creditBalance(tx),
      open,
      attempts: { count: failures?._count._all ?? 0, last: failures?._max.providerCreatedAt ?? null },
    };
  });
}

function label(row: Subscription): string {
  return isPaidTier(row.tier) ? planLabel(row.tier, row.interval) : row.tier;
}

async function cancelAtEnd(loaded: Loaded, now: Date): Promise<Outcome> {
  const { row } = loaded;
  const end = row.currentPeriodEnd as Date;
  const state = subscriptionStateOf(row, now, { status: "CANCELED", canceledAt: end, cancelAtPeriodEnd: false });
  await deliverLocal(
    row.tenantId,
    `local:period_end:${row.providerId}:${end.getTime()}`,
    "subscription.canceled",
    [state],
    now,
  );
  return "canceled";
}

/** The metered usage of the period that ended (billed in arrears, like Stripe's metered prices). */
async function overageOf(row: Subscription): Promise<InvoiceLine[]> {
  if (!row.currentPeriodStart || !row.currentPeriodEnd || !isCurrency(row.currency)) return [];
  const [from, to, currency] = [row.currentPeriodStart, row.currentPeriodEnd, row.currency];
  try {
    // The last hours' calls may still be counters in Redis.
    await flushTenantUsage(row.tenantId);
  } catch (error) {
    logger.warn("local renewal: usage counters not flushed", { tenantId: row.tenantId, error });
  }
  const units = await withTenant(row.tenantId, (tx) => billableUsageBetween(tx, row.tenantId, row, from, to));
  return overageLines(units, currency, `${formatDate(from)} to ${formatDate(to)}`);
}

/** A new period: trial conversion or renewal, with its invoice and (when something is due) payment. */
async function renew(loaded: Loaded, now: Date): Promise<Outcome> {
  const { row, account, balance, slug } = loaded;
  const start = row.currentPeriodEnd as Date;
  const end = addInterval(start, row.interval);
  const invoiceId = `in_local_${row.providerId.replace(/^sub_local_/, "")}_${Math.floor(start.getTime() / 1000)}`;
  const number = await withTenant(row.tenantId, (tx) => invoiceNumberFor(tx, slug, invoiceId));
  const lines = [
    planLine(`${label(row)} from ${formatDate(start)} to ${formatDate(end)}`, row.unitAmount),
    ...(await overageOf(row)),
  ];
  const draft = {
    providerId: invoiceId,
    number,
    currency: row.currency,
    lines,
    subscriptionProviderId: row.providerId,
    periodStart: start,
    periodEnd: end,
    applied: Math.min(
      balance,
      lines.reduce((total, line) => total + line.amount, 0),
    ),
    at: now,
  };
  const collect = amountToCollect(draft);
  const charge = collect > 0 ? chargeOutcome(account.paymentMethod) : ({ ok: true } as const);
  const period = { currentPeriodStart: start, currentPeriodEnd: end };
  const events: TenantBillingEvent[] = [
    subscriptionStateOf(row, now, { ...period, status: charge.ok ? "ACTIVE" : "PAST_DUE" }),
    invoiceState(draft, charge.ok),
  ];
  if (collect > 0) {
    events.push(
      paymentState({
        providerId: `${invoiceId}:attempt:1`,
        invoiceProviderId: invoiceId,
        currency: row.currency,
        amount: collect,
        description: first(lines, "invoice line").description,
        failureMessage: charge.ok ? null : charge.message,
        at: now,
      }),
    );
  }
  await deliverLocal(
    row.tenantId,
    `local:renewal:${row.providerId}:${start.getTime()}`,
    charge.ok ? "subscription.renewed" : "payment.failed",
    events,
    now,
  );
  return charge.ok ? "renewed" : "failed";
}

/** Charges the open invoice of a past-due subscription again. */
async function retry(loaded: Loaded, now: Date): Promise<Outcome> {
  const { row, account, open, attempts } = loaded;
  if (!open) return "none";
  const attempt = attempts.count + 1;
  const charge = chargeOutcome(account.paymentMethod);
  const paid = invoiceStateFromRow(open, now, {
    status: "PAID",
    amountPaid: open.amountDue,
    amountDue: 0,
    paidAt: now,
  });
  const payment = paymentState({
    providerId: `${open.providerId}:attempt:${attempt}`,
    invoiceProviderId: open.providerId,
    currency: open.currency,
    amount: open.amountDue,
    description: paid.lines[0]?.description ?? `Invoice ${open.number ?? open.providerId}`,
    failureMessage: charge.ok ? null : charge.message,
    at: now,
  });
  const events: TenantBillingEvent[] = charge.ok
    ? [subscriptionStateOf(row, now, { status: "ACTIVE" }), paid, payment]
    : [payment];
  await deliverLocal(
    row.tenantId,
    `local:retry:${open.providerId}:${attempt}`,
    charge.ok ? "payment.succeeded" : "payment.failed",
    events,
    now,
  );
  return charge.ok ? "renewed" : "failed";
}

async function noticeTrialEnd(row: Subscription, now: Date): Promise<void> {
  const trialEnd = row.trialEnd as Date;
  await deliverLocal(
    row.tenantId,
    `local:trial_will_end:${row.providerId}:${trialEnd.getTime()}`,
    "trial.will_end",
    [
      {
        kind: "notice",
        notice: "trial_will_end",
        provider: "LOCAL",
        at: now,
        providerId: row.providerId,
        amount: row.unitAmount,
        currency: row.currency,
        dueAt: trialEnd,
        hostedUrl: null,
      },
    ],
    now,
  );
}

/** One subscription's step at `now`; `forceRetry` retries a past-due one without waiting a day. */
async function advance(tenantId: string, providerId: string, now: Date, forceRetry: boolean): Promise<Outcome> {
  const loaded = await load(tenantId, providerId);
  if (!loaded) return "none";
  const { row } = loaded;
  if (!["TRIALING", "ACTIVE", "PAST_DUE"].includes(row.status)) return "none";
  const ended = row.currentPeriodEnd !== null && row.currentPeriodEnd <= now;
  // Where simulation is off (a real provider configured, or production without one), a simulated
  // subscription left over from a demo does not renew on test cards: it ends with its period, and a
  // past-due one is not retried (dunning ends it after the grace period).
  const simulated = isLocalProviderEnabled();
  if (ended && (row.cancelAtPeriodEnd || !simulated)) return cancelAtEnd(loaded, now);
  if (!simulated) return "none";
  if (row.status === "PAST_DUE") {
    const due = !loaded.attempts.last || now.getTime() - loaded.attempts.last.getTime() >= RETRY_AFTER_MS;
    return forceRetry || due ? retry(loaded, now) : "none";
  }
  if (ended) return renew(loaded, now);
  if (row.status === "TRIALING" && row.trialEnd && row.trialEnd.getTime() - now.getTime() <= TRIAL_NOTICE_MS) {
    await noticeTrialEnd(row, now);
  }
  return "none";
}

/** Retries a workspace's past-due local subscriptions now (after a new card is saved). */
export async function retryLocalPastDue(tenantId: string, now = new Date()): Promise<LocalRenewalReport> {
  return advanceLocalSubscriptions(now, { tenantId, forceRetry: true, onlyPastDue: true });
}

export interface AdvanceOptions {
  /** Only this workspace's subscriptions (tests, the payment-method page). */
  tenantId?: string;
  forceRetry?: boolean;
  onlyPastDue?: boolean;
}

export async function advanceLocalSubscriptions(
  now = new Date(),
  options: AdvanceOptions = {},
): Promise<LocalRenewalReport> {
  const db = await getDb();
  const soon = new Date(now.getTime() + TRIAL_NOTICE_MS);
  const candidates = await db.subscription.findMany({
    where: {
      provider: "LOCAL",
      ...(options.tenantId ? { tenantId: options.tenantId } : {}),
      OR: options.onlyPastDue
        ? [{ status: "PAST_DUE" }]
        : [
            { status: { in: ["TRIALING", "ACTIVE", "PAST_DUE"] }, currentPeriodEnd: { lte: now } },
            { status: "PAST_DUE" },
            { status: "TRIALING", trialEnd: { lte: soon } },
          ],
    },
    select: { tenantId: true, providerId: true },
    orderBy: { currentPeriodEnd: "asc" },
    take: 500,
  });
  const report: LocalRenewalReport = { renewed: 0, canceled: 0, failed: 0 };
  for (const candidate of candidates) {
    try {
      const outcome = await advance(candidate.tenantId, candidate.providerId, now, options.forceRetry ?? false);
      if (outcome !== "none") report[outcome] += 1;
    } catch (error) {
      // One subscription's trouble must not stop the others; the cron runs again.
      logger.error("local renewal failed", { tenantId: candidate.tenantId, subscription: candidate.providerId, error });
    }
  }
  return report;
}
