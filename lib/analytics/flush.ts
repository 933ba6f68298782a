// Moving the hourly API-call counters from Redis into analytics_api_hourly, exactly once — the
// usage flusher's protocol (lib/usage/flush.ts): a claim script renames the live hash to a
// "flushing" hash tagged with a batch id; the rows are added in one transaction that also records
// the batch id, so a crash between commit and DEL is recognised on the next run.
import "server-only";

import { randomUUID } from "node:crypto";

import type { Redis } from "@upstash/redis";

import { getRedis } from "../cache/redis";
import { withTenant } from "../db/tenant";
import { logger } from "../observability/logger";
import { ACTIVE_DAYS, BATCH_FIELD, claimScript, releaseBatch } from "../usage/flush";
import { USAGE_TTL_S } from "../usage/gate";
import { hourFromTag, hourTag, redisKeys } from "../usage/keys";
import { analyticsKeys } from "./keys";

export interface AnalyticsFlushResult {
  batches: number;
  calls: number;
}

interface Row {
  route: string;
  status: number;
  bucket: number;
  count: number;
  ms: number;
}

/** "route|status|bucket" → count and "route|status|bucket|ms" → latency sum, as rows. */
export function rowsOf(fields: Record<string, unknown>): Row[] {
  const rows = new Map<string, Row>();
  for (const [field, value] of Object.entries(fields)) {
    if (field === BATCH_FIELD) continue;
    const isMs = field.endsWith("|ms");
    const key = isMs ? field.slice(0, -3) : field;
    const bucketSplit = key.lastIndexOf("|");
    const statusSplit = key.lastIndexOf("|", bucketSplit - 1);
    if (bucketSplit < 0 || statusSplit < 0) continue;
    let row = rows.get(key);
    if (!row) {
      row = {
        route: key.slice(0, statusSplit),
        status: Number(key.slice(statusSplit + 1, bucketSplit)),
        bucket: Number(key.slice(bucketSplit + 1)),
        count: 0,
        ms: 0,
      };
      rows.set(key, row);
    }
    if (isMs) row.ms += Number(value);
    else row.count += Number(value);
  }
  return [...rows.values()].filter((r) => r.count > 0 && Number.isInteger(r.status) && Number.isInteger(r.bucket));
}

async function applyBatch(tenantId: string, hour: string, fields: Record<string, unknown>): Promise<number> {
  const batchId = String(fields[BATCH_FIELD]);
  const rows = rowsOf(fields);
  const calls = rows.reduce((sum, r) => sum + r.count, 0);
  const at = hourFromTag(hour);
  try {
    const applied = await withTenant(tenantId, async (tx) => {
      const recorded = await tx.analyticsFlush.createMany({
        data: [{ tenantId, batchId, hour: at, calls }],
        skipDuplicates: true,
      });
      if (recorded.count === 0) return false;
      if (rows.length === 0) return true;
      // One set-based upsert for the whole batch.
      await tx.$executeRaw`
        INSERT INTO analytics_api_hourly ("tenantId", hour, route, status, bucket, count, "latencyMsSum")
        SELECT ${tenantId}, ${at}::timestamptz, r.route, r.status, r.bucket, r.count, r.ms
        FROM unnest(${rows.map((r) => r.route)}::text[], ${rows.map((r) => r.status)}::int[],
                    ${rows.map((r) => r.bucket)}::int[], ${rows.map((r) => r.count)}::int[],
                    ${rows.map((r) => r.ms)}::bigint[]) AS r(route, status, bucket, count, ms)
        ON CONFLICT ("tenantId", hour, route, status, bucket)
        DO UPDATE SET count = analytics_api_hourly.count + EXCLUDED.count,
                      "latencyMsSum" = analytics_api_hourly."latencyMsSum" + EXCLUDED."latencyMsSum"`;
      return true;
    });
    return applied ? calls : 0;
  } catch (error) {
    // The tenant was purged while counters were waiting: nothing to attribute them to.
    if ((error as { code?: string }).code === "P2003" || /foreign key/i.test(String(error))) return 0;
    throw error;
  }
}

export async function flushTenantAnalytics(tenantId: string, redis?: Redis): Promise<AnalyticsFlushResult> {
  const client = redis ?? (await getRedis());
  const hours = (await client.smembers(analyticsKeys.hours(tenantId))).map(String).sort();
  const result: AnalyticsFlushResult = { batches: 0, calls: 0 };
  for (const hour of hours) {
    for (let round = 0; round < 2; round += 1) {
      const flushing = analyticsKeys.flushing(tenantId, hour);
      const batch = await claimScript(client).exec(
        [analyticsKeys.hour(tenantId, hour), flushing, analyticsKeys.hours(tenantId)],
        [hour, randomUUID(), String(USAGE_TTL_S)],
      );
      if (!batch) break;
      const fields = (await client.hgetall<Record<string, unknown>>(flushing)) ?? {};
      if (fields[BATCH_FIELD] === undefined) break;
      result.calls += await applyBatch(tenantId, hour, fields);
      result.batches += 1;
      await releaseBatch(client, flushing, fields);
    }
  }
  return result;
}

/** Flushes every tenant the API gate saw in the last ACTIVE_DAYS days (the usage flusher's set). */
export async function flushAllAnalytics(
  now = new Date(),
  redis?: Redis,
): Promise<AnalyticsFlushResult & { tenants: number }> {
  const client = redis ?? (await getRedis());
  const sets = Array.from({ length: ACTIVE_DAYS * 24 }, (_, i) =>
    redisKeys.activeTenants(hourTag(new Date(now.getTime() - i * 3_600_000))),
  );
  const tenants = ((await client.sunion(sets[0] ?? "", ...sets.slice(1))) as unknown[]).map(String);
  const total = { tenants: tenants.length, batches: 0, calls: 0 };
  for (const tenantId of tenants) {
    try {
      const result = await flushTenantAnalytics(tenantId, client);
      total.batches += result.batches;
      total.calls += result.calls;
    } catch (error) {
      logger.error("analytics flush failed", { tenantId, error });
    }
  }
  return total;
}

const globalForFlusher = globalThis as unknown as { __tesseraAnalyticsFlusher?: ReturnType<typeof setInterval> };

/** Starts the periodic analytics flush of this process (idempotent), on the usage flusher's interval. */
export function startAnalyticsFlusher(intervalSeconds: number): void {
  if (intervalSeconds <= 0 || globalForFlusher.__tesseraAnalyticsFlusher) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    flushAllAnalytics()
      .catch((error) => logger.warn("analytics flush skipped", { error }))
      .finally(() => (running = false));
  }, intervalSeconds * 1000);
  timer.unref?.();
  globalForFlusher.__tesseraAnalyticsFlusher = timer;
}
