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

import { isMemoryStore, runMemoryRecord } from "../cache/memory-gate";
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
 * ARGV: 1 bucket · 2 latency ms (summed over the calls) · 3 errors among the calls · 4 actor ("" none) ·
 *       5 minute TTL · 6 hour field ("" = realtime only) · 7 hour tag · 8 hour TTL ·
 *       9 distinct mode ("hll"/"set") · 10 calls (absent: 1)
 */
export const RECORD_SCRIPT = `
local n = tonumber(ARGV[10] or '1')
if redis.call('HINCRBY', KEYS[1], 'calls', n) == n then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5])) end
redis.call('HINCRBY', KEYS[1], 'b' .. ARGV[1], n)
redis.call('HINCRBY', KEYS[1], 'ms', tonumber(ARGV[2]))
if tonumber(ARGV[3]) > 0 then redis.call('HINCRBY', KEYS[1], 'errors', tonumber(ARGV[3])) end
if ARGV[4] ~= '' then
  if ARGV[9] == 'hll' then redis.call('PFADD', KEYS[2], ARGV[4]) else redis.call('SADD', KEYS[2], ARGV[4]) end
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
end
if ARGV[6] ~= '' then
  if redis.call('HINCRBY', KEYS[3], ARGV[6], n) == n then redis.call('EXPIRE', KEYS[3], tonumber(ARGV[8])) end
  redis.call('HINCRBY', KEYS[3], ARGV[6] .. '|ms', tonumber(ARGV[2]))
  if redis.call('SADD', KEYS[4], ARGV[7]) == 1 then redis.call('EXPIRE', KEYS[4], tonumber(ARGV[8])) end
end
return 1
`;

type Script = ReturnType<Redis["createScript"]>;
const scripts = new WeakMap<Redis, Script>();

/** RECORD_SCRIPT on `redis`: Lua on Redis and Upstash, plain commands on the embedded memory store (no Lua VM). */
function recordScript(redis: Redis): Pick<Script, "exec"> {
  if (isMemoryStore(redis)) return { exec: (keys, args) => runMemoryRecord(redis, keys, args) };
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
  const aggregate = new Map<string, Aggregate>();
  addCall(aggregate, call);
  await writeAggregates(aggregate, redis);
}

/** Calls of one tenant (or none), minute, route, status, latency bucket and actor, counted together. */
interface Aggregate {
  tenantId: string | null;
  route: string;
  status: number;
  bucket: number;
  actor: string;
  minute: string;
  hour: string;
  calls: number;
  ms: number;
}

function addCall(into: Map<string, Aggregate>, call: ApiCallRecord): void {
  const now = call.now ?? new Date();
  const minute = minuteTag(now);
  const hour = hourTag(now);
  const bucket = bucketOf(call.latencyMs);
  const actor = call.userId ?? "";
  const id = [call.tenantId ?? "", minute, hour, call.route, call.status, bucket, actor].join("\u0000");
  const entry = into.get(id);
  const ms = Math.max(0, Math.round(call.latencyMs));
  if (entry) {
    entry.calls += 1;
    entry.ms += ms;
  } else {
    into.set(id, {
      tenantId: call.tenantId,
      route: call.route,
      status: call.status,
      bucket,
      actor,
      minute,
      hour,
      calls: 1,
      ms,
    });
  }
}

/**
 * Writes aggregated calls: per aggregate the tenant's hour and realtime counters; the platform's
 * realtime counters per minute, bucket and actor. The scripts leave together (one round trip on a
 * client that pipelines what is sent in one tick).
 */
async function writeAggregates(aggregates: Map<string, Aggregate>, redis?: Redis): Promise<void> {
  if (aggregates.size === 0) return;
  const client = redis ?? (await getRedis());
  const mode = distinctMode();
  const script = recordScript(client);
  const platform = new Map<
    string,
    { minute: string; hour: string; bucket: number; actor: string; calls: number; ms: number; errors: number }
  >();
  const runs: Promise<unknown>[] = [];
  for (const a of aggregates.values()) {
    const errors = a.status >= 400 ? a.calls : 0;
    if (a.tenantId) {
      const scope = analyticsKeys.tenantScope(a.tenantId);
      runs.push(
        script.exec(
          [
            analyticsKeys.minute(scope, a.minute),
            analyticsKeys.minuteUsers(scope, a.minute),
            analyticsKeys.hour(a.tenantId, a.hour),
            analyticsKeys.hours(a.tenantId),
          ],
          [
            String(a.bucket),
            String(a.ms),
            String(errors),
            a.actor,
            String(MINUTE_TTL_S),
            `${a.route}|${a.status}|${a.bucket}`,
            a.hour,
            String(USAGE_TTL_S),
            mode,
            String(a.calls),
          ],
        ),
      );
    }
    const id = [a.minute, a.bucket, a.actor].join("\u0000");
    const p = platform.get(id);
    if (p) {
      p.calls += a.calls;
      p.ms += a.ms;
      p.errors += errors;
    } else
      platform.set(id, {
        minute: a.minute,
        hour: a.hour,
        bucket: a.bucket,
        actor: a.actor,
        calls: a.calls,
        ms: a.ms,
        errors,
      });
  }
  const scope = analyticsKeys.platformScope;
  for (const p of platform.values()) {
    runs.push(
      script.exec(
        [
          analyticsKeys.minute(scope, p.minute),
          analyticsKeys.minuteUsers(scope, p.minute),
          `${scope}:none`,
          `${scope}:none`,
        ],
        [
          String(p.bucket),
          String(p.ms),
          String(p.errors),
          p.actor,
          String(MINUTE_TTL_S),
          "",
          p.hour,
          String(USAGE_TTL_S),
          mode,
          String(p.calls),
        ],
      ),
    );
  }
  await Promise.all(runs);
}

/**
 * How long answered calls wait in this process before they are written (issue 11.1): writing each
 * call as it was answered cost two script calls per request on the API's hot path; gathered for
 * this long, a busy key's calls become a few script calls per interval, whatever the rate.
 */
export const API_CALL_FLUSH_MS = 100;
const MAX_PENDING = 5_000;
let pendingCalls = new Map<string, Aggregate>();
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

function flushPendingCalls(): void {
  clearTimeout(pendingTimer);
  pendingTimer = undefined;
  const batch = pendingCalls;
  pendingCalls = new Map();
  if (batch.size > 0) track(writeAggregates(batch));
}

/**
 * Counts an answered call off the request's path: gathered with the calls answered in the next
 * API_CALL_FLUSH_MS and written with them (settleTracked writes what is gathered at once). A
 * process that dies loses at most that interval's analytics; usage for billing and quotas is
 * counted by the gate, not here.
 */
export function queueApiCall(call: ApiCallRecord): void {
  addCall(pendingCalls, call);
  if (pendingCalls.size >= MAX_PENDING) flushPendingCalls();
  else if (!pendingTimer) {
    pendingTimer = setTimeout(flushPendingCalls, API_CALL_FLUSH_MS);
    pendingTimer.unref?.();
  }
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

/** Writes the gathered calls and waits until every recording started so far has finished (tests, a clean shutdown). */
export async function settleTracked(): Promise<void> {
  flushPendingCalls();
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/** For tests: forget which users were marked active today. */
export function resetActiveMemo(): void {
  seenToday.clear();
}
