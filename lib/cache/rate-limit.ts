// A fixed-window counter on the shared Redis API: cheap, atomic (INCR + PEXPIRE NX in one
// pipeline) and the same on every transport. Used for sign-in throttling and abuse limits.
import { getRedis } from "./redis";

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  resetAt: number;
  limit: number;
}

export async function hitFixedWindow(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const redis = await getRedis();
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const redisKey = `rl:${key}:${windowStart}`;
  const pipeline = redis.pipeline();
  pipeline.incr(redisKey);
  pipeline.pexpire(redisKey, windowMs);
  const [count] = (await pipeline.exec()) as [number, number];
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetAt: windowStart + windowMs, limit };
}

export async function clearFixedWindow(key: string, windowMs: number): Promise<void> {
  const redis = await getRedis();
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  await redis.del(`rl:${key}:${windowStart}`);
}

/** The current window's count without counting anything. */
export async function peekFixedWindow(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const redis = await getRedis();
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const count = Number((await redis.get(`rl:${key}:${windowStart}`)) ?? 0);
  return { allowed: count < limit, remaining: Math.max(0, limit - count), resetAt: windowStart + windowMs, limit };
}
