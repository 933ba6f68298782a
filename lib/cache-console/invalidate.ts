// Pattern invalidation: SCAN + UNLINK in batches, protected namespaces refused or narrowed, every
// run audit-logged. Never FLUSHALL or FLUSHDB.
import "server-only";

import { type ConsoleOptions, targetOf } from "./target";
import { SCAN_COUNT, scanPage } from "./keyspace-scan";

import type { z } from "zod";

import { getDb } from "../db/client";
import { AppError, parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { logger } from "../observability/logger";
import { classifyKey, refusalOf } from "../cache/keyspace";
import { invalidateBodySchema } from "../cache/schemas";

export interface InvalidationResult {
  pattern: string;
  dryRun: boolean;
  /** Keys the pattern matched that may be deleted (a dry run's count; deleted on a real run). */
  matched: number;
  deleted: number;
  /** Matched keys left alone, by protected namespace, with the reason. */
  protected: { namespace: string; reason: string; count: number }[];
  namespaces: { namespace: string; count: number }[];
  /** Up to 20 matched key names. */
  sample: string[];
  scanned: number;
  complete: boolean;
  durationMs: number;
}

const UNLINK_BATCH = 500;
const INVALIDATE_BUDGET_MS = 30_000;

async function writePlatformAudit(
  operator: Operator,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    const db = await getDb();
    await db.platformAuditLog.create({
      data: {
        actorId: operator.id,
        actorEmail: operator.email,
        action,
        target,
        details: JSON.parse(JSON.stringify(details)),
      },
    });
  } catch (error) {
    logger.error("could not write the platform audit entry", { action, error });
    throw error;
  }
}

/**
 * Deletes the keys matching `pattern` (Redis MATCH syntax) that belong to no protected namespace,
 * SCAN page by page, UNLINK in batches of 500. A dry run (the default) counts without deleting.
 * A pattern that can only match protected keys is refused (409) with the reason.
 */
export async function invalidatePattern(
  operator: Operator,
  input: z.input<typeof invalidateBodySchema>,
  options: ConsoleOptions & { budgetMs?: number } = {},
): Promise<InvalidationResult> {
  assertOperator(operator);
  const { pattern, dry_run: dryRun } = parseInput(invalidateBodySchema, input);
  const refusal = refusalOf(pattern);
  if (refusal) {
    if (!dryRun) await writePlatformAudit(operator, "cache.invalidation_refused", pattern, { reason: refusal.reason });
    throw new AppError("conflict", `“${pattern}” matches only ${refusal.namespace} keys. ${refusal.reason}`, {
      namespace: refusal.namespace,
      reason: refusal.reason,
    });
  }
  const target = await targetOf(options);
  const started = performance.now();
  const budget = options.budgetMs ?? INVALIDATE_BUDGET_MS;
  const protectedCounts = new Map<string, { namespace: string; reason: string; count: number }>();
  const namespaceCounts = new Map<string, number>();
  const sample: string[] = [];
  let matched = 0;
  let deleted = 0;
  let scanned = 0;
  let cursor = "0";
  let pendingUnlink: string[] = [];
  const flush = async () => {
    if (pendingUnlink.length === 0) return;
    const batch = pendingUnlink;
    pendingUnlink = [];
    deleted += await target.redis.unlink(...batch);
  };
  do {
    const page = await scanPage(target, cursor, pattern, SCAN_COUNT);
    cursor = page.cursor;
    scanned += page.keys.length;
    for (const key of page.keys) {
      const cls = classifyKey(key);
      if (cls.kind === "protected") {
        const entry = protectedCounts.get(cls.namespace) ?? {
          namespace: cls.namespace,
          reason: cls.reason ?? "",
          count: 0,
        };
        entry.count += 1;
        protectedCounts.set(cls.namespace, entry);
        continue;
      }
      matched += 1;
      namespaceCounts.set(cls.namespace, (namespaceCounts.get(cls.namespace) ?? 0) + 1);
      if (sample.length < 20) sample.push(key);
      if (!dryRun) {
        pendingUnlink.push(key);
        // Redis' SCAN returns every key present throughout, whatever is deleted meanwhile; the
        // memory store's does not (its cursor is an index), so there we delete after the scan.
        if (pendingUnlink.length >= UNLINK_BATCH && target.kind !== "memory") await flush();
      }
    }
  } while (cursor !== "0" && performance.now() - started < budget);
  while (!dryRun && pendingUnlink.length > 0) {
    const rest = pendingUnlink.slice(UNLINK_BATCH);
    pendingUnlink = pendingUnlink.slice(0, UNLINK_BATCH);
    await flush();
    pendingUnlink = rest;
  }
  const result: InvalidationResult = {
    pattern,
    dryRun,
    matched,
    deleted,
    protected: [...protectedCounts.values()],
    namespaces: [...namespaceCounts]
      .map(([namespace, count]) => ({ namespace, count }))
      .sort((a, b) => b.count - a.count),
    sample,
    scanned,
    complete: cursor === "0",
    durationMs: Math.round(performance.now() - started),
  };
  if (!dryRun) {
    await writePlatformAudit(operator, "cache.invalidated", pattern, {
      matched,
      deleted,
      protected: result.protected.map(({ namespace, count }) => ({ namespace, count })),
      namespaces: result.namespaces,
      complete: result.complete,
      via: operator.via,
    });
    logger.info("cache invalidated by pattern", { pattern, deleted, by: operator.email });
  }
  return result;
}

export interface PlatformAuditRow {
  id: string;
  actorEmail: string;
  action: string;
  target: string | null;
  details: unknown;
  createdAt: Date;
}

export async function listCacheAudit(operator: Operator, { limit = 20 } = {}): Promise<PlatformAuditRow[]> {
  assertOperator(operator);
  const db = await getDb();
  return db.platformAuditLog.findMany({
    where: { action: { startsWith: "cache." } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    select: { id: true, actorEmail: true, action: true, target: true, details: true, createdAt: true },
  });
}

export { writePlatformAudit };
