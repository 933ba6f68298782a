// One Redis API (@upstash/redis) over three transports, chosen by lib/env:
// Upstash REST, TCP Redis (REDIS_URL, via ioredis) or an in-process memory store.
import "server-only";

import { Redis } from "@upstash/redis";
import type IORedis from "ioredis";

import { withDeadline } from "../deadline";
import { env, runtimeMode } from "../env";
import { redisCommandFolded, withLeafSpan } from "../observability/tracing";
import { registerMemoryStore } from "./memory-gate";
import { ioredisRequester } from "./requester";

const globalForRedis = globalThis as unknown as { __tesseraRedis?: Redis; __tesseraIORedis?: IORedis };

async function createRedis(): Promise<Redis> {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    return new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN, enableTelemetry: false });
  }
  if (env.REDIS_URL) {
    const { default: IORedis } = await import("ioredis");
    const client = new IORedis(env.REDIS_URL, {
      keyPrefix: env.REDIS_KEY_PREFIX || undefined,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2_000,
      lazyConnect: false,
      // Commands issued in the same tick (a request's, and concurrent requests') leave in one write
      // and one read: under load the API's Redis round trips stop costing a syscall pair each
      // (issue 11.1, docs/decisions.md).
      enableAutoPipelining: true,
    });
    client.on("error", () => {}); // surfaced per command and on /api/health
    globalForRedis.__tesseraIORedis = client;
    return new Redis(tracedRequester(ioredisRequester(client)) as never);
  }
  const { default: RedisMock } = await import("ioredis-mock");
  const mock = new RedisMock();
  // The API gate runs as plain commands on it (lib/cache/memory-gate.ts), not through Lua.
  return registerMemoryStore(new Redis(tracedRequester(ioredisRequester(mock as never)) as never), mock as never);
}

type Requester = ReturnType<typeof ioredisRequester>;

/**
 * A client span per command or batch ("redis GET", "redis pipeline"): the command name and batch
 * size only, never keys or values (keys hold tenant ids and e-mail digests). Upstash's REST
 * transport is traced as outbound HTTP instead. Under a span that folds Redis in (foldRedisInto),
 * a command is counted on that span instead.
 */
function tracedRequester(inner: Requester): Requester {
  return {
    request(req) {
      // The API gate's script: the gate span is that round trip (lib/http/api.ts).
      if (redisCommandFolded()) return inner.request(req);
      const batch = req.path?.[0];
      const command = batch ?? String((req.body as unknown[] | undefined)?.[0] ?? "command").toLowerCase();
      const attributes = {
        "db.system": "redis",
        "db.operation.name": command,
        ...(batch ? { "db.operation.batch.size": (req.body as unknown[]).length } : {}),
      };
      return withLeafSpan(`redis ${command}`, attributes, () => inner.request(req));
    },
  };
}

let creating: Promise<Redis> | undefined;

export function getRedis(): Promise<Redis> {
  if (globalForRedis.__tesseraRedis) return Promise.resolve(globalForRedis.__tesseraRedis);
  creating ??= createRedis().then((redis) => (globalForRedis.__tesseraRedis = redis));
  return creating;
}

/**
 * A new connection for SUBSCRIBE on TCP Redis (null on Upstash REST and the memory store), not yet
 * connected: the caller attaches its listeners, then calls connect(). Channels carry no key
 * prefix; callers put REDIS_KEY_PREFIX in the channel name themselves.
 */
export async function openRedisSubscriber(): Promise<IORedis | null> {
  await getRedis();
  const client = globalForRedis.__tesseraIORedis;
  if (!client) return null;
  return client.duplicate({ lazyConnect: true, enableAutoPipelining: false, autoResubscribe: false });
}

export async function pingRedis(): Promise<{ kind: string; ok: boolean; latencyMs?: number; error?: string }> {
  const started = performance.now();
  try {
    const redis = await getRedis();
    await withDeadline(redis.ping(), 1_500, "timeout");
    return { kind: runtimeMode.cache, ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { kind: runtimeMode.cache, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
