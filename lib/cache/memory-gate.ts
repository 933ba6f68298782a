// The API gate (lib/usage/gate.ts) on the embedded memory store, without Lua. ioredis-mock runs
// scripts through fengari, a Lua VM written in JavaScript: about 3.5 ms of CPU per gate call, which
// made the embedded default four times slower than TCP Redis. Here the gate script's steps run as
// plain commands on the same store, one gate call at a time under a process-local lock — the
// memory store lives in this process only, so that lock gives what Redis's script atomicity gives:
// no two gate calls interleave. Same KEYS, same ARGV, same reply; tests/integration/redis-gate.test.ts
// runs one suite over Lua (Redis, Upstash, ioredis-mock) and over this.
//
// Other writers of the gate's keys (an auth-epoch bump, the usage flusher's claim script) are single
// commands or scripts; whichever side of a gate call they land on, the outcome is one Redis could
// have produced for some order of the two (the epoch is read once, before any write; a usage hash
// renamed by the flusher is recreated by HINCRBY, and the hour is re-added by SADD).
import type { Redis } from "@upstash/redis";
import type { Redis as IORedis } from "ioredis";

interface MemoryStore {
  client: IORedis;
  /** The end of the queue of gate calls: each call waits for the one before it. */
  tail: Promise<void>;
}

const globalForGate = globalThis as unknown as { __tesseraMemoryGate?: WeakMap<Redis, MemoryStore> };
const stores = (globalForGate.__tesseraMemoryGate ??= new WeakMap());

/** Marks `redis` as the in-process memory store backed by `client` (lib/cache/redis.ts). */
export function registerMemoryStore<R extends Redis>(redis: R, client: IORedis): R {
  stores.set(redis, { client, tail: Promise.resolve() });
  return redis;
}

/** Whether gate calls on `redis` run as plain commands here (the embedded memory store). */
export function isMemoryStore(redis: Redis): boolean {
  return stores.has(redis);
}

async function locked<T>(store: MemoryStore, run: () => Promise<T>): Promise<T> {
  const previous = store.tail;
  let release!: () => void;
  store.tail = new Promise<void>((resolve) => (release = resolve));
  await previous;
  try {
    return await run();
  } finally {
    release();
  }
}

export type GateReply = [code: number, burstUsed: number, quotaUsed: number, epoch: string];

const num = (value: unknown) => Number(value ?? 0);

/**
 * GATE_SCRIPT of lib/usage/gate.ts, step for step, with the same KEYS and ARGV (documented there).
 * Only for a store registered with registerMemoryStore.
 */
export function runMemoryGate(redis: Redis, keys: string[], args: string[]): Promise<GateReply> {
  const store = stores.get(redis);
  if (!store) throw new Error("runMemoryGate: not the embedded memory store");
  const c = store.client;
  const key = (i: number) => keys[i - 1] ?? "";
  const arg = (i: number) => args[i - 1] ?? "";
  return locked(store, async () => {
    const epoch = (await c.get(key(1))) ?? "0";
    if (arg(1) !== "*" && epoch !== arg(1)) return [-1, 0, 0, epoch];
    const quotaLimit = num(arg(5));
    let quota = 0;
    if (quotaLimit > 0 || arg(7) !== "") {
      let stored = await c.get(key(4));
      if (stored === null) {
        if (arg(10) === "") return [-2, 0, 0, epoch];
        await c.set(key(4), arg(10), "EX", num(arg(6)), "NX");
        stored = await c.get(key(4));
      }
      quota = num(stored);
    }
    const limit = num(arg(2));
    let used = 0;
    if (limit > 0) {
      const window = num(arg(3));
      const [previous, current] = await Promise.all([c.get(key(3)), c.get(key(2))]);
      used = Math.floor((num(previous) * (window - num(arg(4)))) / window) + num(current);
      if (used >= limit) return [-3, used, quota, epoch];
    }
    if (quotaLimit > 0 && quota >= quotaLimit) return [-4, used, quota, epoch];
    if (limit > 0) {
      if ((await c.incr(key(2))) === 1) await c.pexpire(key(2), num(arg(3)) * 2 + 1000);
      used += 1;
    }
    if (arg(7) !== "") {
      quota = await c.incr(key(4));
      const [field, hour] = await Promise.all([c.hincrby(key(5), arg(7), 1), c.sadd(key(6), arg(8))]);
      if (field === 1) await c.expire(key(5), num(arg(9)));
      if (hour === 1) await c.expire(key(6), num(arg(9)));
    }
    return [1, used, quota, epoch];
  });
}

/**
 * RECORD_SCRIPT of lib/analytics/record.ts (the API's analytics counters), step for step, with the
 * same KEYS and ARGV (documented there), under the same lock. In fengari it cost about as much as
 * the gate (two script calls per batch of answered calls, i.e. per call at low rates), which kept
 * the embedded default's v1 route far below bare. Only for a store registered with registerMemoryStore.
 */
export function runMemoryRecord(redis: Redis, keys: string[], args: string[]): Promise<number> {
  const store = stores.get(redis);
  if (!store) throw new Error("runMemoryRecord: not the embedded memory store");
  const c = store.client;
  const key = (i: number) => keys[i - 1] ?? "";
  const arg = (i: number) => args[i - 1] ?? "";
  return locked(store, async () => {
    const n = args.length >= 10 ? num(arg(10)) : 1;
    if ((await c.hincrby(key(1), "calls", n)) === n) await c.expire(key(1), num(arg(5)));
    await c.hincrby(key(1), `b${arg(1)}`, n);
    await c.hincrby(key(1), "ms", num(arg(2)));
    if (num(arg(3)) > 0) await c.hincrby(key(1), "errors", num(arg(3)));
    if (arg(4) !== "") {
      if (arg(9) === "hll") await c.pfadd(key(2), arg(4));
      else await c.sadd(key(2), arg(4));
      await c.expire(key(2), num(arg(5)));
    }
    if (arg(6) !== "") {
      if ((await c.hincrby(key(3), arg(6), n)) === n) await c.expire(key(3), num(arg(8)));
      await c.hincrby(key(3), `${arg(6)}|ms`, num(arg(2)));
      if ((await c.sadd(key(4), arg(7))) === 1) await c.expire(key(4), num(arg(8)));
    }
    return 1;
  });
}
