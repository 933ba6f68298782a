// The API gate: one Redis round trip per call that checks the caller's auth epoch (revocation),
// applies the per-key sliding-window burst limit and the tenant's monthly quota, and counts the
// call per key, route and hour. One Lua script, so it is atomic and exact under concurrency.
import type { Redis } from "@upstash/redis";

import { isMemoryStore, runMemoryGate } from "../cache/memory-gate";
import { hourTag, redisKeys } from "./keys";

/**
 * KEYS: 1 auth epoch · 2 current rate window · 3 previous rate window · 4 monthly quota ·
 *       5 usage hash of the hour · 6 the tenant's set of hours with counters
 * ARGV: 1 expected epoch ("*" = not checked) · 2 burst limit (0 = none) · 3 window ms · 4 ms elapsed in window ·
 *       5 quota limit (0 = none) · 6 quota TTL s · 7 usage field ("" = not counted) ·
 *       8 hour tag · 9 usage TTL s · 10 quota seed ("" = unknown)
 * Returns { status, burstUsed, quotaUsed, epoch }: status 1 ok, -1 stale epoch, -2 quota
 * unknown (seed it), -3 burst limit reached, -4 quota exhausted.
 */
export const GATE_SCRIPT = `
local epoch = redis.call('GET', KEYS[1]) or '0'
if ARGV[1] ~= '*' and epoch ~= ARGV[1] then return {-1, 0, 0, epoch} end
local quotaLimit = tonumber(ARGV[5])
local quota = 0
if quotaLimit > 0 or ARGV[7] ~= '' then
  local stored = redis.call('GET', KEYS[4])
  if not stored then
    if ARGV[10] == '' then return {-2, 0, 0, epoch} end
    redis.call('SET', KEYS[4], ARGV[10], 'NX', 'EX', tonumber(ARGV[6]))
    stored = redis.call('GET', KEYS[4])
  end
  quota = tonumber(stored)
end
local limit = tonumber(ARGV[2])
local used = 0
if limit > 0 then
  local window = tonumber(ARGV[3])
  local previous = tonumber(redis.call('GET', KEYS[3]) or '0')
  local current = tonumber(redis.call('GET', KEYS[2]) or '0')
  used = math.floor(previous * (window - tonumber(ARGV[4])) / window) + current
  if used >= limit then return {-3, used, quota, epoch} end
end
if quotaLimit > 0 and quota >= quotaLimit then return {-4, used, quota, epoch} end
if limit > 0 then
  if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) * 2 + 1000) end
  used = used + 1
end
if ARGV[7] ~= '' then
  quota = redis.call('INCR', KEYS[4])
  -- TTLs are set when a field or member is new: the steady state costs two commands, not four.
  if redis.call('HINCRBY', KEYS[5], ARGV[7], 1) == 1 then redis.call('EXPIRE', KEYS[5], tonumber(ARGV[9])) end
  if redis.call('SADD', KEYS[6], ARGV[8]) == 1 then redis.call('EXPIRE', KEYS[6], tonumber(ARGV[9])) end
end
return {1, used, quota, epoch}
`;

export type GateStatus = "ok" | "stale" | "quota_unknown" | "rate_limited" | "quota_exceeded";
const STATUS: Record<number, GateStatus> = {
  1: "ok",
  [-1]: "stale",
  [-2]: "quota_unknown",
  [-3]: "rate_limited",
  [-4]: "quota_exceeded",
};

export interface GateInput {
  /** Hash-tagged scope of the epoch and rate keys: the tenant's tag, or the platform's. */
  scope: string;
  /** The rate-limited subject: an API key id or "u:<userId>". */
  subject: string;
  epoch: string;
  burstLimit: number;
  windowMs: number;
  /** Tenant whose quota and usage apply; null for platform calls (not counted). */
  tenantId: string | null;
  quotaLimit: number | null;
  /** "<apiKeyId>|<route>" */
  usageField: string;
  quotaSeed?: number;
  now: Date;
}

export interface GateResult {
  status: GateStatus;
  burstUsed: number;
  quotaUsed: number;
  epoch: string;
}

const QUOTA_TTL_S = 40 * 24 * 3600;
/** Counters not flushed within a week are dropped by Redis (the flusher runs every minute). */
export const USAGE_TTL_S = 7 * 24 * 3600;

type GateScript = ReturnType<Redis["createScript"]>;
const scripts = new WeakMap<Redis, GateScript>();

export async function runGate(redis: Redis, input: GateInput): Promise<GateResult> {
  let script = scripts.get(redis);
  if (!script) scripts.set(redis, (script = redis.createScript(GATE_SCRIPT)));
  const nowMs = input.now.getTime();
  const window = Math.floor(nowMs / input.windowMs);
  const tenantId = input.tenantId ?? "";
  const hour = hourTag(input.now);
  const counted = input.tenantId !== null;
  const keys = [
    redisKeys.authEpoch(input.scope),
    redisKeys.rateWindow(input.scope, input.subject, window),
    redisKeys.rateWindow(input.scope, input.subject, window - 1),
    counted ? redisKeys.quota(tenantId, input.now) : `${input.scope}:quota:none`,
    counted ? redisKeys.usageHour(tenantId, hour) : `${input.scope}:usage:none`,
    counted ? redisKeys.usageHours(tenantId) : `${input.scope}:usage-hours:none`,
  ];
  const args = [
    input.epoch,
    String(Math.max(0, Math.floor(input.burstLimit))),
    String(input.windowMs),
    String(nowMs - window * input.windowMs),
    String(input.quotaLimit ?? 0),
    String(QUOTA_TTL_S),
    counted ? input.usageField : "",
    hour,
    String(USAGE_TTL_S),
    input.quotaSeed === undefined ? "" : String(input.quotaSeed),
  ];
  // The embedded memory store runs the same steps as plain commands under a lock (no Lua VM).
  const reply = isMemoryStore(redis) ? runMemoryGate(redis, keys, args) : script.exec(keys, args);
  const [code, burstUsed, quotaUsed, epoch] = (await reply) as [number, number, number, string | number];
  return { status: STATUS[code] ?? "ok", burstUsed, quotaUsed, epoch: String(epoch) };
}
