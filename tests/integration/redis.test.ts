// One Redis API (@upstash/redis) over Tessera's transports: TCP Redis through ioredis (against
// the real server at REDIS_URL, when set) and the in-process memory store (ioredis-mock). The
// same suite runs on each, so the embedded default is held to the real server's semantics.
import { randomBytes } from "node:crypto";

import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import RedisMock from "ioredis-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { ioredisRequester } from "@/lib/cache/requester";

// hitFixedWindow takes the process-wide client from getRedis(); each suite points it at its own.
const current = vi.hoisted(() => ({ redis: undefined as unknown }));
vi.mock("@/lib/cache/redis", () => ({ getRedis: async () => current.redis }));

const { clearFixedWindow, hitFixedWindow } = await import("@/lib/cache/rate-limit");

const REDIS_URL = process.env.REDIS_URL;
const PREFIX = `${process.env.REDIS_KEY_PREFIX ?? ""}tessera-test-${process.pid}-${randomBytes(4).toString("hex")}:`;

interface Transport {
  name: string;
  /** A raw ioredis(-compatible) client whose keys all start with PREFIX. */
  open(): IORedis;
  /** Deletes every key this run wrote. */
  cleanup(client: IORedis): Promise<void>;
}

const transports: Transport[] = [
  {
    name: "memory (ioredis-mock)",
    open: () => new RedisMock({ keyPrefix: PREFIX }) as unknown as IORedis,
    cleanup: async (client) => {
      await client.flushall();
    },
  },
];
if (REDIS_URL) {
  transports.push({
    name: `TCP Redis (${new URL(REDIS_URL).host})`,
    open: () => new IORedis(REDIS_URL, { keyPrefix: PREFIX, maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
    cleanup: async () => {
      // SCAN patterns do not get ioredis's keyPrefix: use a plain connection.
      const raw = new IORedis(REDIS_URL);
      try {
        let cursor = "0";
        do {
          const [next, keys] = await raw.scan(cursor, "MATCH", `${PREFIX}*`, "COUNT", 500);
          if (keys.length > 0) await raw.del(...keys);
          cursor = next;
        } while (cursor !== "0");
        expect((await raw.scan("0", "MATCH", `${PREFIX}*`, "COUNT", 10_000))[1]).toEqual([]);
      } finally {
        raw.disconnect();
      }
    },
  });
}

describe.each(transports)("@upstash/redis over $name", (transport) => {
  let client: IORedis;
  let redis: Redis;

  beforeAll(() => {
    client = transport.open();
    redis = new Redis(ioredisRequester(client) as never);
    current.redis = redis;
  });

  afterAll(async () => {
    await transport.cleanup(client);
    client.disconnect();
  });

  it("answers PING", async () => {
    expect(await redis.ping()).toBe("PONG");
  });

  it("round-trips strings, numbers and JSON values", async () => {
    await redis.set("str", "hello");
    await redis.set("num", 42);
    await redis.set("obj", { plan: "STARTER", seats: [1, 2] });
    expect(await redis.get("str")).toBe("hello");
    expect(await redis.get("num")).toBe(42);
    expect(await redis.get("obj")).toEqual({ plan: "STARTER", seats: [1, 2] });
    expect(await redis.get("missing")).toBeNull();
    // The key prefix is applied by the transport: the raw client sees the prefixed key.
    expect(await client.exists("str")).toBe(1);
  });

  it("counts with INCR / INCRBY / DECR", async () => {
    expect(await redis.incr("counter")).toBe(1);
    expect(await redis.incr("counter")).toBe(2);
    expect(await redis.incrby("counter", 10)).toBe(12);
    expect(await redis.decr("counter")).toBe(11);
    expect(await redis.get("counter")).toBe(11);
  });

  it("expires keys with EXPIRE / PEXPIRE and reports TTLs", async () => {
    await redis.set("ttl", "x");
    expect(await redis.ttl("ttl")).toBe(-1);
    expect(await redis.expire("ttl", 60)).toBe(1);
    const ttl = await redis.ttl("ttl");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(await redis.pexpire("ttl", 1_500)).toBe(1);
    const pttl = await redis.pttl("ttl");
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(1_500);
    expect(await redis.expire("no-such-key", 60)).toBe(0);
    expect(await redis.ttl("no-such-key")).toBe(-2);

    expect(await redis.set("once", "first", { nx: true })).toBe("OK");
    expect(await redis.set("once", "second", { nx: true })).toBeNull();
    expect(await redis.get("once")).toBe("first");
    await redis.set("px", "v", { px: 1_000 });
    expect(await redis.pttl("px")).toBeGreaterThan(0);

    await redis.set("short", "gone soon");
    expect(await redis.pexpire("short", 50)).toBe(1);
    expect(await redis.get("short")).toBe("gone soon");
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await redis.get("short")).toBeNull();
    expect(await redis.exists("short")).toBe(0);
  });

  it("works with hashes, sets and deletes", async () => {
    expect(await redis.hset("hash", { a: 1, b: "two" })).toBe(2);
    expect(await redis.hget("hash", "a")).toBe(1);
    expect(await redis.hget("hash", "b")).toBe("two");
    expect(await redis.hincrby("hash", "a", 5)).toBe(6);
    expect(await redis.hgetall("hash")).toEqual({ a: 6, b: "two" });
    await redis.sadd("set", "x", "y");
    expect((await redis.smembers("set")).sort()).toEqual(["x", "y"]);
    expect(await redis.del("hash", "set", "missing")).toBe(2);
    expect(await redis.exists("hash", "set")).toBe(0);
  });

  it("runs a pipeline and returns each command's result in order", async () => {
    const p = redis.pipeline();
    p.set("p:a", 1);
    p.incr("p:a");
    p.incrby("p:b", 5);
    p.get("p:a");
    p.pexpire("p:a", 60_000);
    expect(await p.exec()).toEqual(["OK", 2, 5, 2, 1]);
  });

  it("runs a MULTI/EXEC transaction", async () => {
    const tx = redis.multi();
    tx.incr("m:a");
    tx.incr("m:a");
    tx.get("m:a");
    expect(await tx.exec()).toEqual([1, 2, 2]);
  });

  it("surfaces a command's error instead of a wrong value", async () => {
    await redis.set("a-string", "abc");
    await expect(redis.lpush("a-string", "x")).rejects.toThrow();
    const p = redis.pipeline();
    p.incr("p:ok");
    p.lpush("a-string", "x");
    await expect(p.exec()).rejects.toThrow();
    const raw = await ioredisRequester(client).request({ body: ["lpush", "a-string", "x"] });
    expect(raw.result).toBeUndefined();
    expect(raw.error).toEqual(expect.any(String));
    expect(await redis.get("a-string")).toBe("abc");
  });

  it("counts a fixed window: allows up to the limit, then refuses until it resets", async () => {
    const key = `signin:${randomBytes(3).toString("hex")}`;
    const windowMs = 60_000;
    const before = Date.now();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitFixedWindow(key, 3, windowMs));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    for (const r of results) {
      expect(r.limit).toBe(3);
      expect(r.resetAt % windowMs).toBe(0);
      expect(r.resetAt).toBeGreaterThan(before);
      expect(r.resetAt).toBeLessThanOrEqual(before + windowMs + 1_000);
    }
    // The counter expires with its window.
    const windowStart = results[0].resetAt - windowMs;
    const pttl = await redis.pttl(`rl:${key}:${windowStart}`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(windowMs);

    // Another key has its own window.
    expect((await hitFixedWindow(`${key}-other`, 3, windowMs)).remaining).toBe(2);

    await clearFixedWindow(key, windowMs);
    expect(await hitFixedWindow(key, 3, windowMs)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("starts a new window once the old one has passed", async () => {
    const key = `burst:${randomBytes(3).toString("hex")}`;
    const windowMs = 1_000;
    // Start just after a window boundary so both hits land in one window.
    await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 5));
    expect((await hitFixedWindow(key, 1, windowMs)).allowed).toBe(true);
    expect((await hitFixedWindow(key, 1, windowMs)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, windowMs + 50));
    expect((await hitFixedWindow(key, 1, windowMs)).allowed).toBe(true);
  });

  it("runs Lua scripts, dropping the shebang Redis 7.0 rejects", async () => {
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    expect(await redis.eval(script, ["lua:counter"], [7])).toBe(7);
    expect(await redis.eval(script, ["lua:counter"], [3])).toBe(10);
  });
});
