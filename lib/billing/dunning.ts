// Dunning and the billing cron (POST /api/cron/billing). The ledger derives who is past due
// (BillingAccount.pastDueSince / graceEndsAt, from failed payments); this job acts on it once the
// grace period has passed: it cancels the live subscriptions at their provider, records the
// cancellation in the ledger at once (the provider's webhook confirms it later; newer-wins keeps
// whichever is later), which moves the tenant to FREE, writes an audit entry per subscription,
// bumps the auth epoch so API limits follow immediately, and emails the billing contacts.
// The audit entry keyed by subscription id makes it idempotent: a second run does nothing more.
import "server-only";

import { bumpAuthEpoch } from "../api-keys/epoch";
import { getDb } from "../db/client";
import type { Subscription } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { sendEmail } from "../email/send";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { writeAudit, type Actor } from "../tenancy/audit";
import type { SubscriptionState } from "./events";
import { applyBillingEvents, DUNNING_GRACE_DAYS, LIVE_STATUSES, lockTenantLedger, syncTenantTier } from "./ledger";
import { advanceLocalSubscriptions } from "./local/renewals";
import { billingContacts } from "./notify";
import { cancelDuePaypalSubscriptions } from "./paypal/provider";
import type { SubscriptionRef } from "./provider";
import { subscriptionProvider } from "./provider-registry";
import { subscriptionRefOf, subscriptionStateOf } from "./stored-subscription";
import { retryDueWebhooks, type IntakeOutcome } from "./webhooks/intake";

const DUNNING_ACTOR: Actor = { id: null, email: "billing dunning" };
export const DUNNING_AUDIT_ACTION = "billing.dunning_canceled";
const RETRY_BATCH = 100;
const RETRY_BATCHES_PER_RUN = 20;

/** One step's result, or why it failed (the other steps still run). */
export type StepResult<T> = T | { error: string };

async function step<T>(name: string, run: () => Promise<T>): Promise<StepResult<T>> {
  try {
    return await run();
  } catch (error) {
    logger.error("billing job step failed", { step: name, error });
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Retries every due webhook, in batches, until none is left (or a bounded number of batches ran). */
async function retryAllDueWebhooks(now: Date): Promise<Record<IntakeOutcome, number>> {
  const total: Record<IntakeOutcome, number> = { processed: 0, duplicate: 0, ignored: 0, failed: 0 };
  for (let batch = 0; batch < RETRY_BATCHES_PER_RUN; batch += 1) {
    const counts = await retryDueWebhooks({ now, limit: RETRY_BATCH });
    let seen = 0;
    for (const outcome of Object.keys(total) as IntakeOutcome[]) {
      total[outcome] += counts[outcome];
      seen += counts[outcome];
    }
    if (seen < RETRY_BATCH) break;
  }
  return total;
}

function subscriptionRef(s: Subscription): SubscriptionRef {
  return subscriptionRefOf(
    s,
    () => new Error(`Subscription ${s.id} has a plan outside the catalog (${s.tier}, ${s.currency}).`),
  );
}

function canceledState(s: Subscription, now: Date): SubscriptionState {
  // Strictly newer than what the ledger holds, so the cancellation wins even if `now` lags it.
  const state = subscriptionStateOf(s, now, { status: "CANCELED", cancelAtPeriodEnd: false });
  return { ...state, canceledAt: state.at };
}

async function emailDowngrade(tenantId: string): Promise<void> {
  const contacts = await billingContacts(tenantId);
  if (!contacts) return;
  const text =
    `We could not collect the payment for ${contacts.name} within ${DUNNING_GRACE_DAYS} days, so its ` +
    `subscription was canceled and the workspace is now on the Free plan. Your data is kept; ` +
    `choose a plan again to restore its limits.\n\nManage billing: ${contacts.portalUrl}\n`;
  for (const to of contacts.recipients) {
    await sendEmail({ to, subject: `Your workspace moved to the Free plan · ${contacts.name}`, text });
  }
}

/** True when this run downgraded the tenant (false when there was nothing left to do). */
async function downgradeTenant(tenantId: string, now: Date): Promise<boolean> {
  const snapshot = await withTenant(tenantId, async (tx) => {
    const account = await tx.billingAccount.findUnique({ where: { tenantId } });
    // Re-read: a payment may have succeeded since the candidates were listed.
    if (!account?.pastDueSince || !account.graceEndsAt || account.graceEndsAt > now) return [];
    return tx.subscription.findMany({ where: { status: { in: [...LIVE_STATUSES] } }, orderBy: { id: "asc" } });
  });
  if (snapshot.length === 0) return false;

  // The provider first: if it cannot cancel, nothing changes here and the next run tries again.
  for (const s of snapshot) await subscriptionProvider(s.provider).cancelNow(subscriptionRef(s), `dunning:${s.id}`);

  const done = await withTenant(tenantId, async (tx) => {
    // The ledger's own lock: concurrent runs and webhooks for the tenant wait for this one.
    await lockTenantLedger(tx, tenantId);
    const canceled: Subscription[] = [];
    for (const s of snapshot) {
      const audited = await tx.auditLog.count({ where: { action: DUNNING_AUDIT_ACTION, targetId: s.id } });
      if (audited === 0) canceled.push(s);
    }
    if (canceled.length === 0) return [];
    // A provider that reports synchronously (the local one) may already have recorded the cancellation.
    const current = await tx.subscription.findMany({ where: { id: { in: canceled.map((s) => s.id) } } });
    const stillLive = current.filter((s) => (LIVE_STATUSES as readonly string[]).includes(s.status));
    if (stillLive.length) {
      await applyBillingEvents(
        tx,
        tenantId,
        stillLive.map((s) => canceledState(s, now)),
        DUNNING_ACTOR,
      );
    } else {
      await syncTenantTier(tx, tenantId, DUNNING_ACTOR);
    }
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { tier: true } });
    for (const s of canceled) {
      await writeAudit(tx, tenantId, DUNNING_ACTOR, {
        action: DUNNING_AUDIT_ACTION,
        targetType: "subscription",
        targetId: s.id,
        before: { status: s.status, tier: s.tier, provider: s.provider },
        after: { status: "CANCELED", tenantTier: tenant.tier, graceDays: DUNNING_GRACE_DAYS },
      });
    }
    return canceled;
  });
  if (done.length === 0) return false;
  for (const s of done) metrics().dunningDowngrades.inc({ provider: s.provider });
  try {
    await bumpAuthEpoch(tenantId);
    await emailDowngrade(tenantId);
  } catch (error) {
    logger.error("dunning follow-up failed", { tenantId, error });
  }
  return true;
}

export interface DowngradeReport {
  /** Accounts past their grace period. */
  lapsed: number;
  downgraded: number;
  failed: number;
}

/** Cancels and downgrades every tenant still past due after its grace period. */
export async function downgradeLapsedAccounts(
  options: { now?: Date; tenantIds?: string[] } = {},
): Promise<DowngradeReport> {
  const now = options.now ?? new Date();
  const db = await getDb();
  const lapsed = await db.billingAccount.findMany({
    where: {
      pastDueSince: { not: null },
      graceEndsAt: { lte: now },
      ...(options.tenantIds ? { tenantId: { in: options.tenantIds } } : {}),
    },
    select: { tenantId: true },
    orderBy: { graceEndsAt: "asc" },
  });
  const report: DowngradeReport = { lapsed: lapsed.length, downgraded: 0, failed: 0 };
  for (const { tenantId } of lapsed) {
    try {
      if (await downgradeTenant(tenantId, now)) report.downgraded += 1;
    } catch (error) {
      report.failed += 1;
      logger.error("dunning downgrade failed; retried next run", { tenantId, error });
    }
  }
  return report;
}

/**
 * Everything POST /api/cron/billing runs, in order (retried webhooks may recover a payment before
 * dunning looks); a step's failure is reported, not fatal.
 */
export async function runBillingJobs(now = new Date()) {
  const webhooks = await step("webhooks", () => retryAllDueWebhooks(now));
  const localRenewals = await step("local-renewals", () => advanceLocalSubscriptions(now));
  const paypalCancellations = await step("paypal-cancellations", async () => {
    const { canceled, failed } = await cancelDuePaypalSubscriptions(now);
    return { canceled: canceled.length, failed: failed.length };
  });
  const downgrades = await step("dunning", () => downgradeLapsedAccounts({ now }));
  const results = { webhooks, localRenewals, paypalCancellations, downgrades };
  const ok = Object.values(results).every((result) => !("error" in result));
  return { ok, ...results };
}
