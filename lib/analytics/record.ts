// Recording at the source. Two things are recorded; everything else the KPIs need is already a
// row somewhere (users, tenants, the billing ledger, usage events) and is read from there.
//  - API calls (from lib/http/api.ts, once the response is known): one Lua script per call counts
//    the call in the tenant's hour hash (route | status | latency bucket: exact, HINCRBY) and in the
//    per-minute realtime hash, and adds the caller to the minute's distinct-users HyperLogLog;
//    a second, the same for the platform's realtime keys. The flusher (flush.ts) moves the hour
//    hashes into analytics_api_hourly exactly once.
//  - Active users (from the workspace boundary, lib/http/tenant.ts): one row per user, workspace
//    and UTC day (INSERT … ON CONFLICT DO NOTHING, so concurrent requests write it once), plus the
//    realtime HyperLogLog.
// The embedded memory store (ioredis-mock) has no HyperLogLog: there a plain set counts exactly.
import "server-only";

import type { Redis } from "@upstash/redis";

import { getRedis } from "../cache/redis";
import { withTenant } from "../db/tenant";
import { runtimeMode } from "../env";
import { logger } from "../observability/logger";
import { USAGE_TTL_S } from "../usage/gate";
import { hourTag } from "../usage/keys";
import { analyticsKeys, minuteTag } from "./keys";
import { bucketOf } from "./latency";

/** Realtime minute counters live two hours (the view shows 60 minutes). */
export const MINUTE_TTL_S = 2 * 3600;

export type DistinctMode = "hll" | "set";
export const distinctMode = (): DistinctMode => (runtimeMode.cache === "memory" ? "set" : "hll");

/**
 * KEYS: 1 minute hash · 2 minute distinct users · 3 hour hash · 4 set of counted hours
 * ARGV: 1 bucket · 2 latency ms · 3 error "1"/"0" · 4 actor ("" none) · 5 minute TTL ·
 *       6 hour field ("" = realtime only) · 7 hour tag · 8 hour TTL · 9 distinct mode ("hll"/"set")
 */
export const RECORD_SCRIPT = `
if redis.call('HINCRBY', KEYS[1], 'calls', 1) == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5])) end
redis.call('HINCRBY', KEYS[1], 'b' .. ARGV[1], 1)
redis.call('HINCRBY', KEYS[1], 'ms', tonumber(ARGV[2]))
if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], 'errors', 1) end
if ARGV[4] ~= '' then
  if ARGV[9] == 'hll' then redis.call('PFADD', KEYS[2], ARGV[4]) else redis.call('SADD', KEYS[2], ARGV[4]) end
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
end
if ARGV[6] ~= '' then
  if redis.call('HINCRBY', KEYS[3], ARGV[6], 1) == 1 then redis.call('EXPIRE', KEYS[3], tonumber(ARGV[8])) end
  redis.call('HINCRBY', KEYS[3], ARGV[6] .. '|ms', tonumber(ARGV[2]))
  if redis.call('SADD', KEYS[4], ARGV[7]) == 1 then redis.call('EXPIRE', KEYS[4], tonumber(ARGV[8])) end
end
return 1
`;

type Script = ReturnType<Redis["createScript"]>;
const scripts = new WeakMap<Redis, Script>();

function recordScript(redis: Redis): Script {
  let script = scripts.get(redis);
  if (!script) scripts.set(redis, (script = redis.createScript(RECORD_SCRIPT)));
  return script;
}

export interface ApiCallRecord {
  tenantId: string | null;
  /** Route template, "GET /api/v1/members". */
  route: string;
  status: number;
  latencyMs: number;
  /** The signed-in user, for distinct users (null for API keys and anonymous calls). */
  userId: string | null;
  now?: Date;
}

/** Counts one answered API call (tenant hour + realtime, platform realtime). */
export async function recordApiCall(call: ApiCallRecord, redis?: Redis): Promise<void> {
  const client = redis ?? (await getRedis());
  const now = call.now ?? new Date();
  const minute = minuteTag(now);
  const hour = hourTag(now);
  const bucket = bucketOf(call.latencyMs);
  const ms = String(Math.max(0, Math.round(call.latencyMs)));
  const error = call.status >= 400 ? "1" : "0";
  const actor = call.userId ?? "";
  const mode = distinctMode();
  const script = recordScript(client);
  const runs: Promise<unknown>[] = [];
  if (call.tenantId) {
    const scope = analyticsKeys.tenantScope(call.tenantId);
    runs.push(
      script.exec(
        [
          analyticsKeys.minute(scope, minute),
          analyticsKeys.minuteUsers(scope, minute),
          analyticsKeys.hour(call.tenantId, hour),
          analyticsKeys.hours(call.tenantId),
        ],
        [
          String(bucket),
          ms,
          error,
          actor,
          String(MINUTE_TTL_S),
          `${call.route}|${call.status}|${bucket}`,
          hour,
          String(USAGE_TTL_S),
          mode,
        ],
      ),
    );
  }
  const platform = analyticsKeys.platformScope;
  runs.push(
    script.exec(
      [
        analyticsKeys.minute(platform, minute),
        analyticsKeys.minuteUsers(platform, minute),
        `${platform}:none`,
        `${platform}:none`,
      ],
      [String(bucket), ms, error, actor, String(MINUTE_TTL_S), "", hour, String(USAGE_TTL_S), mode],
    ),
  );
  await Promise.all(runs);
}

const seenToday = new Set<string>();

/**
 * Marks a user active in a workspace today: a row per user, workspace and day (written once a
 * day per process; the primary key makes concurrent writes collapse into one), and the realtime
 * distinct-users counters.
 */
export async function recordActiveUser(
  tenantId: string,
  userId: string,
  now = new Date(),
  redis?: Redis,
): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const memo = `${tenantId}:${userId}:${day}`;
  const work: Promise<unknown>[] = [];
  if (!seenToday.has(memo)) {
    if (seenToday.size > 100_000) seenToday.clear();
    seenToday.add(memo);
    work.push(
      withTenant(tenantId, (tx) =>
        tx.analyticsActiveUser.createMany({
          data: [{ tenantId, userId, day: new Date(`${day}T00:00:00Z`) }],
          skipDuplicates: true,
        }),
      ).catch((error: unknown) => {
        seenToday.delete(memo);
        throw error;
      }),
    );
  }
  work.push(
    (async () => {
      const client = redis ?? (await getRedis());
      const minute = minuteTag(now);
      const pipeline = client.pipeline();
      for (const scope of [analyticsKeys.tenantScope(tenantId), analyticsKeys.platformScope]) {
        const key = analyticsKeys.minuteUsers(scope, minute);
        if (distinctMode() === "hll") pipeline.pfadd(key, userId);
        else pipeline.sadd(key, userId);
        pipeline.expire(key, MINUTE_TTL_S);
      }
      await pipeline.exec();
    })(),
  );
  await Promise.all(work);
}

let lastWarning = 0;

/** Recordings still in flight (settleTracked waits for them). */
const inFlight = new Set<Promise<unknown>>();

/** Fire-and-forget wrapper for request paths: analytics never fails or slows a request. */
export function track(work: Promise<unknown>): void {
  const settled = work
    .catch((error: unknown) => {
      if (Date.now() - lastWarning < 10_000) return;
      lastWarning = Date.now();
      logger.warn("analytics: not recorded", { error });
    })
    .finally(() => inFlight.delete(settled));
  inFlight.add(settled);
}

/** Waits until every recording started so far has finished (tests, and a clean shutdown). */
export async function settleTracked(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/** For tests: forget which users were marked active today. */
export function resetActiveMemo(): void {
  seenToday.clear();
}
