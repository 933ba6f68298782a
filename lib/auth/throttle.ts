// Sign-in throttling that slows guessing without letting anyone lock a real user out.
//
// - Per client address (lib/net/client-address.ts: X-Forwarded-For only through
//   TRUSTED_PROXY_COUNT proxies): ADDRESS_ATTEMPTS attempts per window, whatever the email
//   (password spraying from one place).
// - Per email + address pair: PAIR_FREE_FAILURES failed attempts, then an exponential backoff
//   (1 s, 2 s, 4 s … up to MAX_BACKOFF_MS) between attempts of that pair. Someone guessing from
//   their own address slows only themselves; the owner, signing in from anywhere else, is not
//   affected.
// - Per email, over all addresses: once EMAIL_CEILING failures pile up in a window (a
//   distributed attack), every pair backs off from its first failure (2 s, 4 s …) instead of its
//   sixth. The first attempt of a pair is still always checked, so the owner typing the right
//   password gets in at once; a mistyped one costs seconds, never a lockout, and no captcha.
// Each attempt is charged (as a failure) before the password is checked, atomically in one Lua
// script, so parallel guesses cannot slip past the backoff; a success clears its pair.
import "server-only";

import { createHash } from "node:crypto";

import type { Redis } from "@upstash/redis";

import { hitFixedWindow } from "../cache/rate-limit";
import { getRedis } from "../cache/redis";
import { addressBucket, UNKNOWN_ADDRESS } from "../net/client-address";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const ADDRESS_ATTEMPTS = 100;
export const PAIR_FREE_FAILURES = 5;
export const EMAIL_CEILING = 50;
export const MAX_BACKOFF_MS = 15 * 60 * 1000;
/** How long a pair's failures are remembered after its last one. */
const PAIR_MEMORY_MS = 60 * 60 * 1000;

/**
 * KEYS: 1 pair failures · 2 pair's last failure (ms) · 3 email failures in the window
 * ARGV: 1 now ms · 2 free failures · 3 email ceiling · 4 max backoff ms · 5 pair memory ms · 6 window ms
 * Returns {1, 0} when the attempt may go ahead (and is charged), {0, ms to wait} otherwise.
 */
export const SIGN_IN_SCRIPT = `
local now = tonumber(ARGV[1])
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local free = tonumber(ARGV[2])
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[3]) then free = 0 end
if failures > 0 and failures >= free then
  local wait = math.min(1000 * 2 ^ (failures - free), tonumber(ARGV[4]))
  if free == 0 then wait = math.min(wait * 2, tonumber(ARGV[4])) end
  local left = last + wait - now
  if left > 0 then return {0, math.ceil(left)} end
end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('SET', KEYS[2], ARGV[1], 'PX', tonumber(ARGV[5]))
if redis.call('INCR', KEYS[3]) == 1 then redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[6])) end
return {1, 0}
`;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The keys of one email (one hash slot, so the script also runs on Redis Cluster). */
function emailKeys(email: string, address: string) {
  const tag = createHash("sha256").update(email).digest("hex").slice(0, 32);
  const pair = createHash("sha256").update(addressBucket(address)).digest("hex").slice(0, 16);
  return {
    pairFailures: `{signin:${tag}}:pair:${pair}:n`,
    pairLast: `{signin:${tag}}:pair:${pair}:t`,
    emailFailures: `{signin:${tag}}:email`,
  };
}

type Script = ReturnType<Redis["createScript"]>;
const scripts = new WeakMap<Redis, Script>();

/** Charges one sign-in attempt of `email` from `address`, or says how long to wait. Throws if Redis is down. */
export async function chargeSignInAttempt(email: string, address: string, now = Date.now()): Promise<ThrottleDecision> {
  // An unknown address (a misconfigured TRUSTED_PROXY_COUNT, logged) would make this one bucket
  // for everybody, which anyone could fill: the pair backoff still applies.
  if (address !== UNKNOWN_ADDRESS) {
    const key = `signin:ip:${addressBucket(address)}`;
    const byAddress = await hitFixedWindow(key, ADDRESS_ATTEMPTS, SIGN_IN_WINDOW_MS);
    if (!byAddress.allowed) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((byAddress.resetAt - now) / 1000)) };
    }
  }
  const redis = await getRedis();
  let script = scripts.get(redis);
  if (!script) scripts.set(redis, (script = redis.createScript(SIGN_IN_SCRIPT)));
  const keys = emailKeys(email, address);
  const [allowed, waitMs] = (await script.exec(
    [keys.pairFailures, keys.pairLast, keys.emailFailures],
    [now, PAIR_FREE_FAILURES, EMAIL_CEILING, MAX_BACKOFF_MS, PAIR_MEMORY_MS, SIGN_IN_WINDOW_MS].map(String),
  )) as [number, number];
  return allowed === 1
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** A successful sign-in: the pair starts afresh (the email's count stays: it measures attacks). */
export async function clearSignInPair(email: string, address: string): Promise<void> {
  const keys = emailKeys(email, address);
  const redis = await getRedis();
  await redis.del(keys.pairFailures, keys.pairLast);
}
