// Moving API usage from Redis counters into PostgreSQL hourly rollups, exactly once.
// Per tenant and hour: a claim script atomically renames the live hash to a "flushing" hash
// tagged with a batch id (new calls start a fresh hash); the rollups are incremented in one
// transaction that also records the batch id, so a crash between commit and the final DEL only
// leads to the batch being recognised and dropped on the next run. Runs every
// USAGE_FLUSH_INTERVAL_SECONDS in each server, on POST /api/cron/usage-flush, and before the
// usage page reads.
import "server-only";

import { randomUUID } from "node:crypto";

import type { Redis } from "@upstash/redis";

import { getRedis } from "../cache/redis";
import { withTenant } from "../db/tenant";
import { logger } from "../observability/logger";
import { metrics, noteUsageFlusher } from "../observability/metrics";
import { hourFromTag, hourTag, redisKeys } from "./keys";
import { USAGE_TTL_S } from "./gate";
import { flushLeasedUsage } from "./lease";
import { first } from "@/lib/indexed";

/** KEYS: 1 live hash · 2 flushing hash · 3 hours set. ARGV: 1 hour tag · 2 new batch id · 3 TTL s. */
export const CLAIM_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return redis.call('HGET', KEYS[2], '__batch') end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '__batch', ARGV[2])
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
  return ARGV[2]
end
redis.call('SREM', KEYS[3], ARGV[1])
return false
`;

/**
 * KEYS: 1 flushing hash. ARGV: 1 batch id. Deletes the batch once applied, only if it is still that
 * batch: a concurrent flusher may have applied and deleted it and claimed the next one meanwhile,
 * and a plain DEL would throw that next batch away unapplied.
 */
export const RELEASE_SCRIPT = `
if redis.call('HGET', KEYS[1], '__batch') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** The field a claimed batch carries its id in (the claim script sets it). */
export const BATCH_FIELD = "__batch";
/** How far back the flushers look for tenants with counters. */
export const ACTIVE_DAYS = 8;

type Script = ReturnType<Redis["createScript"]>;
const claimScripts = new WeakMap<Redis, Script>();

const releaseScripts = new WeakMap<Redis, Script>();

/** CLAIM_SCRIPT loaded once per client (the usage and analytics flushers share it). */
export function claimScript(redis: Redis): Script {
  let script = claimScripts.get(redis);
  if (!script) claimScripts.set(redis, (script = redis.createScript(CLAIM_SCRIPT)));
  return script;
}

/** Deletes the applied batch `fields` came from, unless another flusher has replaced it (RELEASE_SCRIPT). */
export async function releaseBatch(redis: Redis, flushing: string, fields: Record<string, unknown>): Promise<void> {
  let script = releaseScripts.get(redis);
  if (!script) releaseScripts.set(redis, (script = redis.createScript(RELEASE_SCRIPT)));
  await script.exec([flushing], [String(fields[BATCH_FIELD])]);
}

export interface FlushResult {
  batches: number;
  calls: number;
}

async function applyBatch(tenantId: string, hour: string, fields: Record<string, unknown>): Promise<number> {
  const batchId = String(fields[BATCH_FIELD]);
  const rows = Object.entries(fields)
    .filter(([field]) => field !== BATCH_FIELD)
    .map(([field, value]) => {
      const split = field.indexOf("|");
      return { apiKeyId: field.slice(0, split), route: field.slice(split + 1), count: Number(value) };
    })
    .filter((row) => row.count > 0);
  const calls = rows.reduce((sum, row) => sum + row.count, 0);
  const at = hourFromTag(hour);
  let applied: boolean;
  try {
    applied = await withTenant(tenantId, async (tx) => {
      const recorded = await tx.usageFlush.createMany({
        data: [{ tenantId, batchId, hour: at, calls }],
        skipDuplicates: true,
      });
      if (recorded.count === 0) return false;
      for (const row of rows) {
        await tx.usageRollup.upsert({
          where: { tenantId_hour_apiKeyId_route: { tenantId, hour: at, apiKeyId: row.apiKeyId, route: row.route } },
          create: { tenantId, hour: at, apiKeyId: row.apiKeyId, route: row.route, count: row.count },
          update: { count: { increment: row.count } },
        });
      }
      return true;
    });
  } catch (error) {
    // The tenant was purged while counters were waiting: nothing to attribute them to.
    if ((error as { code?: string }).code !== "P2003") throw error;
    metrics().usageFlushed.inc({ outcome: "orphaned" });
    return 0;
  }
  metrics().usageFlushed.inc({ outcome: applied ? "applied" : "duplicate" });
  return applied ? calls : 0;
}

/** Flushes every counted hour of one tenant. */
export async function flushTenantUsage(tenantId: string, redis?: Redis): Promise<FlushResult> {
  const client = redis ?? (await getRedis());
  if (!redis) await flushLeasedUsage();
  const hours = (await client.smembers(redisKeys.usageHours(tenantId))).map(String).sort();
  const result: FlushResult = { batches: 0, calls: 0 };
  for (const hour of hours) {
    // Twice at most: a leftover batch from an interrupted run, then the live counters.
    for (let round = 0; round < 2; round += 1) {
      const live = redisKeys.usageHour(tenantId, hour);
      const flushing = redisKeys.usageFlushing(tenantId, hour);
      const batch = await claimScript(client).exec(
        [live, flushing, redisKeys.usageHours(tenantId)],
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

/** Flushes every tenant with counters in the last ACTIVE_DAYS days. */
export async function flushAllUsage(now = new Date(), redis?: Redis): Promise<FlushResult & { tenants: number }> {
  const client = redis ?? (await getRedis());
  if (!redis) await flushLeasedUsage();
  const sets = Array.from({ length: ACTIVE_DAYS * 24 }, (_, i) =>
    redisKeys.activeTenants(hourTag(new Date(now.getTime() - i * 3_600_000))),
  );
  const tenants = ((await client.sunion(first(sets, "hourly set"), ...sets.slice(1))) as unknown[]).map(String);
  const total = { tenants: tenants.length, batches: 0, calls: 0 };
  for (const tenantId of tenants) {
    try {
      const result = await flushTenantUsage(tenantId, client);
      total.batches += result.batches;
      total.calls += result.calls;
    } catch (error) {
      metrics().usageFlushed.inc({ outcome: "failed" });
      logger.error("usage flush failed", { tenantId, error });
    }
  }
  return total;
}

const registered = new Set<string>();

/** Adds the tenant to this hour's set of tenants to flush (once per tenant, hour and process). */
export function noteActiveTenant(tenantId: string, now: Date): void {
  const hour = hourTag(now);
  const memo = `${tenantId}:${hour}`;
  if (registered.has(memo)) return;
  registered.add(memo);
  if (registered.size > 50_000) registered.clear();
  void getRedis()
    .then(async (redis) => {
      const key = redisKeys.activeTenants(hour);
      const pipeline = redis.pipeline();
      pipeline.sadd(key, tenantId);
      pipeline.expire(key, ACTIVE_DAYS * 24 * 3600);
      await pipeline.exec();
    })
    .catch(() => registered.delete(memo));
}

const globalForFlusher = globalThis as unknown as { __tesseraUsageFlusher?: ReturnType<typeof setInterval> };

/** Starts the periodic flush of this process (idempotent). */
export function startUsageFlusher(intervalSeconds: number): void {
  if (intervalSeconds <= 0 || globalForFlusher.__tesseraUsageFlusher) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    flushAllUsage()
      .then(() => metrics().usageFlushLastSuccess.set(Date.now() / 1000))
      .catch((error) => logger.warn("usage flush skipped", { error }))
      .finally(() => (running = false));
  }, intervalSeconds * 1000);
  timer.unref?.();
  globalForFlusher.__tesseraUsageFlusher = timer;
  noteUsageFlusher(intervalSeconds);
}
