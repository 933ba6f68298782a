// What billing does when a tenant goes away. Deleting a tenant cancels its live provider
// subscriptions first (a deleted workspace must not keep being charged; if a provider cannot
// cancel, the deletion fails and changes nothing). The purge, once the grace period has passed,
// keeps the tenant's accounting records — subscriptions and their versions, invoices, payments,
// refunds, disputes, orders — anonymised behind a tombstone tenant row (name, slug, branding and
// billing contact gone, `purgedAt` set), and deletes everything else the tenant owns; a tenant
// that never had a billing record is deleted outright, as before.
//
// The purge runs on the owner connection, like the platform reports: RLS is enabled but not
// forced on the tenant tables, so the owner sees and deletes every tenant's rows. Rows are found
// through the foreign keys that point at `tenants` (pg_constraint), so a table added later is
// purged too without being listed here; the ledger tables keep their foreign keys to the
// tombstone (which is why it stays: its tenant id is the key of every kept row).
import "server-only";

import { getDb } from "../db/client";
import { Prisma, type Subscription } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { AppError } from "@/lib/errors";
import { deleteTenantObjects } from "../files/files";
import { logger } from "../observability/logger";
import type { Actor } from "../tenancy/audit";
import { applyBillingEvents, LIVE_STATUSES, lockTenantLedger } from "./ledger";
import { subscriptionProvider } from "./provider-registry";
import { subscriptionRefOf, subscriptionStateOf } from "./stored-subscription";

/** The tables whose rows outlive a purged tenant (anonymised): the ledger. */
const KEPT_TABLES = new Set([
  "billing_accounts",
  "subscriptions",
  "invoices",
  "payments",
  "refunds",
  "disputes",
  "orders",
]);

const PURGE_ACTOR: Actor = { id: null, email: "tenant purge" };

/**
 * Cancels every live subscription of the tenant at its provider, now, and records the
 * cancellation in the ledger (the provider's webhook confirms it later; newer wins). Throws
 * (503) when a provider cannot cancel: the caller must not go on.
 */
export async function cancelTenantSubscriptions(tenantId: string, actor: Actor, now = new Date()): Promise<number> {
  const live = await withTenant(tenantId, (tx) =>
    tx.subscription.findMany({ where: { status: { in: [...LIVE_STATUSES] } }, orderBy: { id: "asc" } }),
  );
  for (const s of live) {
    const ref = subscriptionRefOf(
      s,
      () => new AppError("conflict", `Subscription ${s.providerId} is off the catalog.`),
    );
    try {
      await subscriptionProvider(s.provider).cancelNow(ref, `tenant-closed:${s.id}`);
    } catch (error) {
      logger.error("could not cancel a subscription of a tenant being deleted", {
        tenantId,
        subscription: s.providerId,
        error,
      });
      throw new AppError(
        "unavailable",
        `The ${s.provider.toLowerCase()} subscription ${s.providerId} could not be canceled; nothing was deleted. Try again.`,
      );
    }
  }
  if (live.length === 0) return 0;
  await withTenant(tenantId, async (tx) => {
    await lockTenantLedger(tx, tenantId);
    // A provider that reports synchronously (the local one) may have recorded it already.
    const current: Subscription[] = await tx.subscription.findMany({
      where: { id: { in: live.map((s) => s.id) }, status: { in: [...LIVE_STATUSES] } },
    });
    const canceled = current.map((s) => {
      const state = subscriptionStateOf(s, now, { status: "CANCELED", cancelAtPeriodEnd: false });
      return { ...state, canceledAt: state.at };
    });
    if (canceled.length) await applyBillingEvents(tx, tenantId, canceled, actor);
  });
  return live.length;
}

/** Tables with a foreign key to tenants, and the column holding the tenant id. */
async function tenantTables(): Promise<{ table: string; column: string }[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ table: string; column: string }[]>`
    SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'tenants'::regclass AND array_length(c.conkey, 1) = 1
    ORDER BY 1`;
  // Identifiers go into SQL text below: only plain lower-case names are accepted.
  return rows
    .map((row) => ({ table: row.table.replace(/^"|"$/g, ""), column: row.column }))
    .filter((row) => /^[a-z_][a-z0-9_]*$/.test(row.table) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(row.column));
}

/** Whether the tenant has any accounting record (a row in a kept table other than its billing account). */
async function hasAccountingRecords(tenantId: string): Promise<boolean> {
  const db = await getDb();
  const where = { tenantId };
  const counts = await Promise.all([
    db.subscription.count({ where }),
    db.invoice.count({ where }),
    db.payment.count({ where }),
    db.refund.count({ where }),
    db.dispute.count({ where }),
    db.order.count({ where }),
  ]);
  return counts.some((count) => count > 0);
}

/**
 * Purges one tenant: its live subscriptions canceled first; then either deleted outright (no
 * accounting records) or reduced to an anonymised tombstone that keeps them. Idempotent.
 */
export async function purgeTenant(tenantId: string, now = new Date()): Promise<"deleted" | "anonymised"> {
  await cancelTenantSubscriptions(tenantId, PURGE_ACTOR, now);
  // The tenant's files leave the object store first: if that fails the purge fails and is retried,
  // rather than leaving objects no row names any more.
  await deleteTenantObjects(tenantId);
  const db = await getDb();
  if (!(await hasAccountingRecords(tenantId))) {
    await db.tenant.deleteMany({ where: { id: tenantId } });
    return "deleted";
  }
  const tables = (await tenantTables()).filter((t) => !KEPT_TABLES.has(t.table));
  await db.$transaction(async (tx) => {
    for (const { table, column } of tables) {
      await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "${column}" = $1`, tenantId);
    }
    await tx.tenant.update({
      where: { id: tenantId },
      data: {
        name: "Deleted workspace",
        slug: `deleted-${tenantId}`.toLowerCase(),
        suspendedReason: null,
        trialTier: null,
        trialEndsAt: null,
        brandLogoUrl: null,
        brandPrimaryColor: null,
        customDomain: null,
        overageBilling: false,
        purgeAfter: null,
        purgedAt: now,
      },
    });
    // The billing contact goes; the provider customer id stays, so a late refund or dispute
    // still finds its records.
    await tx.billingAccount.updateMany({
      where: { tenantId },
      data: {
        email: null,
        name: null,
        address: Prisma.DbNull,
        paymentMethod: Prisma.DbNull,
        paymentMethodUpdatedAt: null,
        paypalPayerId: null,
        checkoutLeaseToken: null,
        checkoutLeaseUntil: null,
        stripeCheckoutSessionId: null,
      },
    });
    // Links to the provider's hosted pages (which show the customer's details) and free text.
    await tx.invoice.updateMany({ where: { tenantId }, data: { hostedUrl: null, pdfUrl: null } });
    await tx.order.updateMany({ where: { tenantId }, data: { description: null, approveUrl: null } });
  });
  return "anonymised";
}
