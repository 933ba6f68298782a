// One Redis API (@upstash/redis) over Tessera's transports: the in-process memory store
// (ioredis-mock) and, when REDIS_URL is set, TCP Redis through ioredis and Upstash REST through a
// real @upstash/redis HTTP client (tests/fixtures/upstash-bridge.ts in front of the same server).
// The same suite runs on each, so the embedded default is held to the real server's semantics.
// The API gate's script has its own suite (redis-gate.test.ts).
import { createHash, randomBytes } from "node:crypto";

import type { Redis } from "@upstash/redis";
import type IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { redisTransports, type OpenTransport } from "../fixtures/redis-transports";
import { at } from "../helpers/indexed";

// hitFixedWindow takes the process-wide client from getRedis(); each suite points it at its own.
const current = vi.hoisted(() => ({ redis: undefined as unknown }));
vi.mock("@/lib/cache/redis", () => ({ getRedis: async () => current.redis }));

const { clearFixedWindow, hitFixedWindow } = await import("@/lib/cache/rate-limit");

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const unique = () => randomBytes(4).toString("hex");

describe.each(redisTransports())("@upstash/redis over $name", (transport) => {
  let open: OpenTransport;
  let redis: Redis;
  let client: IORedis;

  beforeAll(async () => {
    open = await transport.open();
    ({ redis, raw: client } = open);
    current.redis = redis;
  });

  afterAll(async () => {
    await open?.close();
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
    // Non-ASCII text survives every transport (Upstash REST sends results base64-encoded).
    await redis.set("unicode", "héllo ✓ 日本 🚀");
    expect(await redis.get("unicode")).toBe("héllo ✓ 日本 🚀");
    await redis.set("empty", "");
    expect(await redis.get("empty")).toBe("");
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
    expect(await redis.set("absent", "v", { xx: true })).toBeNull();
    expect(await redis.exists("absent")).toBe(0);
    expect(await redis.set("once", "third", { xx: true, ex: 30 })).toBe("OK");
    expect(await redis.get("once")).toBe("third");
    expect(await redis.ttl("once")).toBeGreaterThan(25);
    // GET answers the old value; a plain SET drops the expiry. (KEEPTTL is left out: ioredis-mock
    // ignores it and drops the expiry too. Tessera does not use it.)
    expect(await redis.set("once", "fourth", { get: true })).toBe("third");
    expect(await redis.get("once")).toBe("fourth");
    expect(await redis.ttl("once")).toBe(-1);
    await redis.set("px", "v", { px: 1_000 });
    expect(await redis.pttl("px")).toBeGreaterThan(0);
    await redis.set("exat", "v", { exat: Math.floor(Date.now() / 1000) + 100 });
    expect(await redis.ttl("exat")).toBeGreaterThan(90);

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
    expect(await redis.hincrby("hash", "fresh", -2)).toBe(-2);
    expect(await redis.hgetall("hash")).toEqual({ a: 6, b: "two", fresh: -2 });
    expect(await redis.hdel("hash", "fresh", "nope")).toBe(1);
    expect(await redis.hgetall("hash")).toEqual({ a: 6, b: "two" });
    expect(await redis.hgetall("no-such-hash")).toBeNull();
    expect(await redis.sadd("set", "x", "y")).toBe(2);
    expect(await redis.sadd("set", "y", "z")).toBe(1);
    expect(await redis.sismember("set", "z")).toBe(1);
    expect(await redis.srem("set", "z", "nope")).toBe(1);
    expect(await redis.scard("set")).toBe(2);
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

    // Replies of every shape: arrays, hashes, nulls and errors kept per command.
    const q = redis.pipeline();
    q.hset("p:h", { f: "v", n: 3 });
    q.hgetall("p:h");
    q.sadd("p:s", "m");
    q.smembers("p:s");
    q.get("p:none");
    q.lpush("p:h", "x");
    q.mget("p:a", "p:none", "p:b");
    const replies = await q.exec({ keepErrors: true });
    expect(replies.map((r) => r.result)).toEqual([2, { f: "v", n: 3 }, 1, ["m"], null, undefined, [2, null, 5]]);
    expect(at(replies, 5).error).toEqual(expect.any(String));
  });

  it("runs a MULTI/EXEC transaction", async () => {
    const tx = redis.multi();
    tx.incr("m:a");
    tx.incr("m:a");
    tx.get("m:a");
    expect(await tx.exec()).toEqual([1, 2, 2]);

    // Concurrent transactions do not interleave.
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => {
        const t = redis.multi();
        t.incr("m:b");
        t.incr("m:b");
        return t.exec<[number, number]>();
      }),
    );
    for (const [first, second] of runs) expect(second).toBe(first + 1);
    expect(await redis.get("m:b")).toBe(40);
  });

  it("surfaces a command's error instead of a wrong value", async () => {
    await redis.set("a-string", "abc");
    await expect(redis.lpush("a-string", "x")).rejects.toThrow();
    const p = redis.pipeline();
    p.incr("p:ok");
    p.lpush("a-string", "x");
    await expect(p.exec()).rejects.toThrow();
    expect(await redis.get("a-string")).toBe("abc");
  });

  it("answers per command in batches and discards a transaction Redis aborts", async () => {
    await redis.set("b:str", "abc");
    const error = { error: expect.any(String) };
    expect(await open.request([], ["lpush", "b:str", "x"])).toEqual(error);
    expect(await open.request([], ["incr", "b:n"])).toEqual({ result: 1 });
    expect(
      await open.request(["pipeline"], [["incr", "b:n"], ["lpush", "b:str", "x"], ["nosuchcommand"], ["incr", "b:n"]]),
    ).toEqual([{ result: 2 }, error, error, { result: 3 }]);
    // A runtime error inside MULTI fails that command only; the others run.
    expect(
      await open.request(
        ["multi-exec"],
        [
          ["incr", "b:n"],
          ["lpush", "b:str", "x"],
          ["incr", "b:n"],
        ],
      ),
    ).toEqual([{ result: 4 }, error, { result: 5 }]);
    // An unknown command is refused while queueing: nothing of the transaction runs.
    expect(await open.request(["multi-exec"], [["incr", "b:n"], ["nosuchcommand"]])).toEqual({
      error: expect.stringContaining("EXECABORT"),
    });
    expect(await redis.get("b:n")).toBe(5);
    expect(await redis.get("b:str")).toBe("abc");

    if (open.bridge) {
      // Upstash REST needs the bearer token.
      const denied = await fetch(open.bridge.url, { method: "POST", body: '["incr", "b:n"]' });
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual({ error: expect.any(String) });
      expect(await redis.get("b:n")).toBe(5);
    }
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
    const windowStart = at(results, 0).resetAt - windowMs;
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
    expect(await redis.eval("return {1, 'two', {3, false}, true}", [], [])).toEqual([1, "two", [3, null], 1]);
  });

  it.each([
    ["a plain script", ""],
    ["a script with a shebang", "#!lua flags=allow-key-locking\n"],
  ])("runs %s through createScript().exec: EVALSHA, falling back to EVAL", async (_, shebang) => {
    // A text no server has cached yet, so the first EVALSHA misses.
    const key = `script:${unique()}`;
    const script = redis.createScript<number>(`${shebang}-- ${key}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`);
    await expect(script.evalsha([key], ["1"])).rejects.toThrow(/NOSCRIPT/i);
    expect(await script.exec([key], ["2"])).toBe(2); // NOSCRIPT, then EVAL (which caches it)
    expect(await script.evalsha([key], ["3"])).toBe(5); // the cached script, under the caller's digest
    expect(await script.exec([key], ["4"])).toBe(9);
    if (open.bridge) {
      const sent = open.bridge.commands.filter((c) => c.startsWith("eval"));
      expect(sent.slice(-5)).toEqual(["evalsha", "evalsha", "eval", "evalsha", "evalsha"]);
    }
  });

  it("loads scripts with SCRIPT LOAD (not on the memory store)", async () => {
    const script = `#!lua flags=allow-key-locking\n-- ${unique()}\nreturn ARGV[1]`;
    if (transport.kind === "memory") {
      // ioredis-mock has no SCRIPT command; Tessera only uses createScript().exec.
      await expect(redis.scriptLoad(script)).rejects.toThrow(/Unsupported command/);
      return;
    }
    const sha = await redis.scriptLoad(script);
    expect(sha).toBe(sha1(script));
    expect(await redis.scriptExists(sha, "0".repeat(40))).toEqual([1, 0]);
    expect(await redis.evalsha(sha, [], ["loaded"])).toBe("loaded");
  });
});
