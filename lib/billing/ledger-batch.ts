// The ledger for several tenants at once (the webhook worker's claim): runs of subscription, invoice
// and payment events of many tenants applied in one transaction with a fixed number of statements,
// whatever the number of tenants — the ledger locks in one statement, the rows of every run read in
// one (LOAD_ROWS), written in one, dunning and tier inputs read in one (DERIVED), their changes
// written in one. Each tenant's statements run under its own row-level security (eachTenant), and
// each run is applied by the same rules and in the same order as applyBillingEvents applies it, so
// the outcome is the one of a tenant transaction per tenant.
import "server-only";

import { eachTenant, type RawQueries } from "../db/each-tenant";
import type { Tier } from "../db/generated/enums";
import type { Prisma } from "../db/generated/client";
import { writeAudit, type Actor } from "../tenancy/audit";
import type { LedgerEffects } from "./ledger";
import { dunningChange, LIVE_STATUSES, tierDecision, type LiveSubscription } from "./ledger-account";
import { LedgerRows, type RowEvent } from "./ledger-rows";
import { DERIVED, tableWrites, type TableWrite } from "./ledger-sql";
import { newRowId } from "./ledger-table";

interface Derived {
  live: LiveSubscription[];
  unpaidSince: string | null;
  account: { pastDueSince: string | null } | null;
  tenant: { tier: Tier; trialTier: Tier | null; overageBilling: boolean } | null;
}

const ledgerLockKey = (tenantId: string) => `billing-ledger:${tenantId}`;

/**
 * Takes the ledger locks of `tenantIds` (lockTenantLedger's), in one order for every caller, so two
 * transactions locking overlapping sets never wait on each other in a cycle.
 */
export async function lockTenantLedgers(tx: RawQueries, tenantIds: readonly string[]): Promise<void> {
  const keys = [...new Set(tenantIds)].sort().map(ledgerLockKey);
  if (keys.length === 0) return;
  await tx.$queryRawUnsafe(
    "SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n) s",
    keys,
  );
}

/**
 * Applies each tenant's run of row events (in the order given) inside `tx`, a transaction running
 * as tessera_app (withTenantsTx, or withTenant for one tenant). Effects by tenant, as
 * applyBillingEvents reports them (row events carry no notices).
 */
export async function applyRowRuns(
  tx: RawQueries,
  runs: ReadonlyMap<string, readonly RowEvent[]>,
  actorOf: (tenantId: string) => Actor,
): Promise<Map<string, LedgerEffects>> {
  await lockTenantLedgers(tx, [...runs.keys()]);
  const all = await LedgerRows.loadAll(tx, runs);
  for (const [tenantId, events] of runs) {
    const rows = all.get(tenantId);
    for (const event of events) rows?.apply(event);
  }
  await LedgerRows.writeAll(tx, [...all.values()]);

  const derived = await eachTenant<Derived>(tx, DERIVED, new Map([...runs.keys()].map((id) => [id, {}])));
  const writes = new Map<string, Record<string, TableWrite>>();
  const effects = new Map<string, LedgerEffects>();
  const updatedAt = new Date();
  for (const [tenantId, events] of runs) {
    const state = derived.get(tenantId);
    if (!state?.tenant) throw new Error(`Tenant ${tenantId} not found`);
    const effect: LedgerEffects = {
      tierChanged: null,
      limitsChanged: false,
      notices: [],
      dunningStarted: false,
      dunningCleared: false,
    };
    effects.set(tenantId, effect);
    const write: Record<string, TableWrite> = {};
    const since = state.unpaidSince ? new Date(state.unpaidSince) : null;
    const stored = state.account?.pastDueSince ? new Date(state.account.pastDueSince) : null;
    const dunning = dunningChange(since, stored);
    if (dunning) {
      write.billing_accounts = { inserts: [{ tenantId, ...dunning.data, updatedAt }], upsertOn: ["tenantId"] };
      effect.dunningStarted = dunning.started;
      effect.dunningCleared = dunning.cleared;
    }
    // Like applyBillingEvents: the tier follows when a subscription state was among the events.
    const subscriptions = events.filter((e) => e.kind === "subscription");
    if (subscriptions.length > 0) {
      const liveStateSeen = subscriptions.some((e) => (LIVE_STATUSES as readonly string[]).includes(e.status));
      const decided = tierDecision(state.tenant, state.live, liveStateSeen);
      if (decided) {
        const { tier, overageBilling, clearTrial } = decided;
        const patch = {
          tier,
          overageBilling,
          updatedAt,
          ...(clearTrial ? { trialTier: null, trialEndsAt: null } : {}),
        };
        write.tenants = { updates: [{ key: { id: tenantId }, patch }] };
        if (tier !== state.tenant.tier || clearTrial) {
          const audits: Record<string, unknown>[] = [];
          const collect = async ({ data }: { data: Prisma.AuditLogUncheckedCreateInput }) => {
            audits.push({ ...data, id: newRowId(), createdAt: updatedAt });
          };
          await writeAudit({ auditLog: { create: collect } }, tenantId, actorOf(tenantId), {
            ...decided.audit,
            targetId: tenantId,
          });
          write.audit_logs = { inserts: audits };
        }
        effect.tierChanged = decided.tierChanged;
        effect.limitsChanged = true;
      }
    }
    if (Object.keys(write).length > 0) writes.set(tenantId, write);
  }
  if (writes.size > 0) {
    const { sql, args } = tableWrites(["billing_accounts", "tenants", "audit_logs"], writes);
    await eachTenant(tx, sql, args);
  }
  return effects;
}
