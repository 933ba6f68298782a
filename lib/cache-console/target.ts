// Where the operator's console talks to: the app's Redis (or one a caller passes), its key prefix
// and transport, and what INFO / CONFIG GET say (unknown where the transport cannot tell).
import "server-only";

import type { Redis } from "@upstash/redis";

import { env, runtimeMode } from "../env";
import { type ReadThroughCache } from "../cache/cache";

import { getRedis } from "../cache/redis";

export interface RedisTarget {
  redis: Redis;
  /** The client's key prefix (ioredis keyPrefix): SCAN does not apply it, so we do. */
  keyPrefix: string;
  kind: "redis" | "upstash" | "memory";
}

export interface ConsoleOptions {
  target?: RedisTarget;
  cache?: ReadThroughCache;
  now?: Date;
}

export async function appRedisTarget(): Promise<RedisTarget> {
  const kind = runtimeMode.cache === "upstash" ? "upstash" : runtimeMode.cache === "redis" ? "redis" : "memory";
  return { redis: await getRedis(), keyPrefix: kind === "redis" ? env.REDIS_KEY_PREFIX : "", kind };
}

export const targetOf = async (options: ConsoleOptions) => options.target ?? (await appRedisTarget());

// ─── INFO ───────────────────────────────────────────────────────────────────────

export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const at = line.indexOf(":");
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return out;
}

export async function readInfo(redis: Redis): Promise<Record<string, string> | null> {
  try {
    const text = await redis.exec<string>(["INFO"]);
    return typeof text === "string" ? parseInfo(text) : null;
  } catch {
    return null;
  }
}

export const num = (value: string | undefined): number | null => {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

export async function configGet(redis: Redis, name: string): Promise<string | null> {
  try {
    const reply = await redis.exec<unknown>(["CONFIG", "GET", name]);
    if (Array.isArray(reply) && reply.length >= 2) return String(reply[1]);
    if (reply && typeof reply === "object") return String((reply as Record<string, unknown>)[name] ?? "") || null;
    return null;
  } catch {
    return null;
  }
}
