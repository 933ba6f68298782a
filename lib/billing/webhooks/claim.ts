// Processing a worker's claim (queue.ts) with a fixed number of statements for its common case: a
// burst of subscription, invoice and payment events (a billing run renewing many tenants at once).
//  1. Every event is translated first, several at once, with one tenant-lookup memory for the claim
//     (handlers read only tenant links; a provider call, such as invoice.paid's, happens here,
//     outside any transaction).
//  2. Ordering keys whose events all translated into one tenant's subscription, invoice and payment
//     states are applied together: every such tenant in ONE transaction (withTenantsTx), each
//     tenant's run in provider order under its own row-level security (applyRowRuns), the events'
//     rows locked and checked not processed first and marked processed in the same transaction.
//  3. Everything else — events not on the allow-list, not translated (not linked yet, or failing),
//     with other kinds of ledger events or payouts — and, if the shared transaction fails, the keys
//     it held, go through processOrderedGroup key by key as before (per-tenant transactions, then
//     one by one, failures recorded and retried per event), so one tenant's bad event never keeps
//     the others from being applied.
import "server-only";

import { withTenantsTx } from "../../db/each-tenant";
import type { PrismaClient, WebhookEvent } from "../../db/generated/client";
import type { WebhookStatus } from "../../db/generated/enums";
import { logger } from "../../observability/logger";
import { applyRowRuns } from "../ledger-batch";
import type { LedgerEffects } from "../ledger";
import { isRowEvent, type RowEvent } from "../ledger-rows";
import { tenantLookup } from "./lookup";
import {
  afterCommit,
  errorText,
  mapBounded,
  processOrderedGroup,
  rememberedLookup,
  translateEvent,
  TRANSLATE_CONCURRENCY,
  type IntakeOutcome,
  type Translated,
} from "./process";

type Report = (row: WebhookEvent, outcome: IntakeOutcome) => void;

interface Group {
  rows: WebhookEvent[];
  translations: (Translated | null)[];
}

/** Provider time, then arrival, then id: the order a key's events are processed in. */
export const byProviderTime = (a: WebhookEvent, b: WebhookEvent) =>
  a.providerCreatedAt.getTime() - b.providerCreatedAt.getTime() ||
  a.receivedAt.getTime() - b.receivedAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The tenant a key's events all go to when they are only ledger rows of it, else null. */
function rowOnlyTenant(group: Group): string | null {
  const first = group.translations[0];
  if (!first) return null;
  for (const t of group.translations) {
    if (!t || t.tenantId !== first.tenantId || !t.events.every(isRowEvent)) return null;
  }
  return first.tenantId;
}

/**
 * Applies the translated events of several tenants in one transaction. Events processed meanwhile
 * (another worker after a lease ran out, a replay) are skipped and reported duplicate.
 */
async function applyTogether(db: PrismaClient, runs: Map<string, Translated[]>, report: Report): Promise<void> {
  const all = [...runs.values()].flat();
  const ids = all.map((t) => t.row.id);
  const result = await withTenantsTx(
    async (tx) => {
      const locked = await tx.$queryRaw<
        { id: string; status: WebhookStatus }[]
      >`SELECT id, status FROM webhook_events WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
      const done = new Set(locked.filter((r) => r.status === "PROCESSED").map((r) => r.id));
      const todo = new Map<string, Translated[]>();
      for (const [tenantId, run] of runs) {
        const left = run.filter((t) => !done.has(t.row.id));
        if (left.length) todo.set(tenantId, left);
      }
      const events = new Map([...todo].map(([id, run]) => [id, run.flatMap((t) => t.events as RowEvent[])]));
      const actorOf = (tenantId: string) => ({
        id: null,
        email: `${todo.get(tenantId)?.[0]?.row.provider.toLowerCase() ?? "provider"} webhook`,
      });
      const effects: Map<string, LedgerEffects> = await applyRowRuns(tx, events, actorOf);
      const marked = [...todo.values()].flat();
      await tx.$executeRaw`
        UPDATE webhook_events AS w
           SET status = 'PROCESSED', "processedAt" = ${new Date()}, "tenantId" = p.tenant, attempts = w.attempts + 1,
               "lastError" = NULL, "nextAttemptAt" = NULL, "leaseUntil" = NULL
          FROM unnest(${marked.map((t) => t.row.id)}::text[], ${marked.map((t) => t.tenantId)}::text[]) AS p(id, tenant)
         WHERE w.id = p.id`;
      return { effects, marked: new Set(marked.map((t) => t.row.id)) };
    },
    { db },
  );
  for (const [tenantId, effects] of result.effects) await afterCommit(tenantId, effects);
  for (const t of all) report(t.row, result.marked.has(t.row.id) ? "processed" : "duplicate");
}

/**
 * Processes a claim: `groups` are its ordering keys' events in provider order; `width` keys at once
 * for what goes key by key.
 */
export async function processClaim(
  db: PrismaClient,
  groups: WebhookEvent[][],
  report: Report,
  width: number,
): Promise<void> {
  const lookup = rememberedLookup(tenantLookup(db));
  const rows = groups.flat();
  const translated = await mapBounded(rows, TRANSLATE_CONCURRENCY * width, (row) => translateEvent(row, lookup));
  const byId = new Map(rows.map((row, i) => [row.id, translated[i] ?? null]));
  const all: Group[] = groups.map((g) => ({ rows: g, translations: g.map((row) => byId.get(row.id) ?? null) }));

  const together: Group[] = [];
  const apart: Group[] = [];
  const runs = new Map<string, Translated[]>();
  for (const group of all) {
    const tenantId = rowOnlyTenant(group);
    if (!tenantId) {
      apart.push(group);
      continue;
    }
    together.push(group);
    const run = runs.get(tenantId) ?? [];
    run.push(...(group.translations as Translated[]));
    runs.set(tenantId, run);
  }
  if (runs.size > 0) {
    // Several keys of one tenant: one run in provider order (each key's own order is kept).
    for (const run of runs.values()) run.sort((a, b) => byProviderTime(a.row, b.row));
    try {
      await applyTogether(db, runs, report);
    } catch (error) {
      logger.warn("webhook claim could not be applied in one transaction; processing its keys one by one", {
        tenants: runs.size,
        error: errorText(error),
      });
      apart.push(...together);
    }
  }

  const queue = [...apart];
  const runner = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      try {
        await processOrderedGroup(db, group.rows, report, group.translations);
      } catch (error) {
        // Recording a failure failed too (the database went away): the leases run out and the
        // key's remaining events are claimed again.
        logger.error("webhook events could not be processed", { key: group.rows[0]?.orderingKey, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, queue.length)) }, runner));
}
