// The API gate: one Redis round trip per call that checks the caller's auth epoch (revocation),
// applies the per-key sliding-window burst limit and the tenant's monthly quota, and counts the
// call per key, route and hour. One Lua script, so it is atomic and exact under concurrency.
// With gate leases on (lib/usage/lease.ts) the same script also grants a batch of further calls,
// counted against the burst window and the quota at once, that a server then admits by itself.
import type { Redis } from "@upstash/redis";

import { isMemoryStore, runMemoryGate } from "../cache/memory-gate";
import { hourTag, redisKeys } from "./keys";

/**
 * KEYS: 1 auth epoch · 2 current rate window · 3 previous rate window · 4 monthly quota ·
 *       5 usage hash of the hour · 6 the tenant's set of hours with counters
 * ARGV: 1 expected epoch ("*" = not checked) · 2 burst limit (0 = none) · 3 window ms · 4 ms elapsed in window ·
 *       5 quota limit (0 = none) · 6 quota TTL s · 7 usage field ("" = not counted) ·
 *       8 hour tag · 9 usage TTL s · 10 quota seed ("" = unknown) ·
 *       11 leased calls wanted (absent: 0) · 12 "0" = a lease refill, no call of its own (absent: "1")
 * Returns { status, burstUsed, quotaUsed, epoch, granted }: status 1 ok, -1 stale epoch, -2 quota
 * unknown (seed it), -3 burst limit reached, -4 quota exhausted. A lease takes at most half of
 * what is left of either limit, so several servers leasing never take it all; granted calls are
 * counted in the window and the quota now, and in the usage hash when they are made.
 */
export const GATE_SCRIPT = `
local epoch = redis.call('GET', KEYS[1]) or '0'
if ARGV[1] ~= '*' and epoch ~= ARGV[1] then return {-1, 0, 0, epoch, 0} end
local quotaLimit = tonumber(ARGV[5])
local wanted = tonumber(ARGV[11] or '0')
local calls = tonumber(ARGV[12] or '1')
local quota = 0
if quotaLimit > 0 or ARGV[7] ~= '' then
  local stored = redis.call('GET', KEYS[4])
  if not stored then
    if ARGV[10] == '' then return {-2, 0, 0, epoch, 0} end
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
  if used >= limit then return {-3, used, quota, epoch, 0} end
end
if quotaLimit > 0 and quota >= quotaLimit then return {-4, used, quota, epoch, 0} end
local granted = 0
if wanted > 0 then
  granted = wanted
  if limit > 0 then granted = math.min(granted, math.floor((limit - used - calls) / 2)) end
  if quotaLimit > 0 then granted = math.min(granted, math.floor((quotaLimit - quota - calls) / 2)) end
  if granted < 0 then granted = 0 end
end
local taken = calls + granted
if limit > 0 and taken > 0 then
  if redis.call('INCRBY', KEYS[2], taken) == taken then redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) * 2 + 1000) end
  used = used + taken
end
if ARGV[7] ~= '' then
  if taken > 0 then quota = redis.call('INCRBY', KEYS[4], taken) end
  if calls > 0 then
    -- TTLs are set when a field or member is new: the steady state costs two commands, not four.
    if redis.call('HINCRBY', KEYS[5], ARGV[7], 1) == 1 then redis.call('EXPIRE', KEYS[5], tonumber(ARGV[9])) end
    if redis.call('SADD', KEYS[6], ARGV[8]) == 1 then redis.call('EXPIRE', KEYS[6], tonumber(ARGV[9])) end
  end
end
return {1, used, quota, epoch, granted}
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
  /**
   * Gate leases (TCP Redis only): calls to grant beyond this one, and whether this is a refill
   * that makes no call of its own. Ignored on the embedded memory store.
   */
  lease?: { wanted: number; refill: boolean };
}

export interface GateResult {
  status: GateStatus;
  burstUsed: number;
  quotaUsed: number;
  epoch: string;
  /** Calls granted to the caller's lease (0 without one): counted in Redis, not in burstUsed and quotaUsed. */
  granted: number;
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
  // The embedded memory store runs the same steps as plain commands under a lock (no Lua VM), and
  // never leases: it lives in this process, so a call there costs no round trip to save.
  const memory = isMemoryStore(redis);
  if (memory && input.lease?.refill) throw new Error("gate leases need Redis, not the embedded memory store");
  if (input.lease && !memory)
    args.push(String(Math.max(0, Math.floor(input.lease.wanted))), input.lease.refill ? "0" : "1");
  const reply = memory ? runMemoryGate(redis, keys, args) : script.exec(keys, args);
  const [code, burstUsed, quotaUsed, epoch, granted] = (await reply) as [
    number,
    number,
    number,
    string | number,
    number | undefined,
  ];
  // The counts as of this call: calls granted to a lease are made later (the lease adds them back).
  const leased = granted ?? 0;
  return {
    status: STATUS[code] ?? "ok",
    burstUsed: input.burstLimit > 0 ? burstUsed - leased : burstUsed,
    quotaUsed: counted ? quotaUsed - leased : quotaUsed,
    epoch: String(epoch),
    granted: leased,
  };
}
