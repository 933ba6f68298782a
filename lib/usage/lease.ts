// Gate leases (API_GATE_LEASES=on, TCP Redis): a server admits an API caller's calls from a batch
// it leased from Redis, instead of one gate round trip per call. On a quiet two-core machine that
// round trip is most of what the API adds to a call's tail (docs/decisions.md, issue 11).
//
// What stays exact, and what is traded:
//   - Limits are never exceeded. A lease is granted by the gate script itself (lib/usage/gate.ts):
//     the batch is counted in the burst window and the monthly quota when granted, and takes at most
//     half of what is left of either, so near a limit batches shrink to nothing and every call asks
//     Redis again. What a server does not use is given back (window over, lease expired, revoked).
//     The trade: while one server holds unused calls, another may refuse a call a little early.
//   - Revocation reaches a server by Redis pub/sub: bumpAuthEpoch publishes the scope, and every
//     server drops that scope's leases, so its next call asks Redis (stale epoch → key re-read →
//     401). Leases exist only while this server's subscription is up, a lease granted while a
//     revocation arrived is not kept, and no lease lives longer than LEASE_MAX_AGE_MS. The trade:
//     a revocation takes effect after the message arrives (well under a millisecond on one host),
//     not at the instant Redis applies it.
//   - Usage: the first call of a batch is counted by the gate script; the leased ones are counted
//     here and written to Redis every LEASED_USAGE_FLUSH_MS (and before a usage flush). The trade: a
//     crashed server loses at most that long of usage counts (on SIGTERM and SIGINT lib/boot.ts
//     closes the leases first: unused calls given back, usage written).
// The embedded memory store never leases: it lives in the process, there is no round trip to save.
import "server-only";

import type { Redis } from "@upstash/redis";

import { getRedis, openRedisSubscriber } from "../cache/redis";
import { env, runtimeMode } from "../env";
import { logger } from "../observability/logger";
import { runGate, USAGE_TTL_S, type GateInput, type GateResult } from "./gate";
import { hourTag, monthTag, redisKeys } from "./keys";

/** No lease is used after this long: the bound on a revocation whose message was lost. */
export const LEASE_MAX_AGE_MS = 1_000;
/** Leased calls' usage counts are written to Redis this often. */
export const LEASED_USAGE_FLUSH_MS = 100;
const FIRST_SIZE = 16;
const MIN_SIZE = 4;
const MAX_SIZE = 256;

/** KEYS: 1 rate window · 2 monthly quota. ARGV: 1 unused leased calls. Gives them back where the key still exists. */
export const RETURN_SCRIPT = `
local n = tonumber(ARGV[1])
for i = 1, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('DECRBY', KEYS[i], n) end
end
return 1
`;

interface Lease {
  id: string;
  scope: string;
  /** The epoch the caller's key lookup saw ("*" for sessions): calls with another go to Redis. */
  epoch: string;
  burstLimit: number;
  quotaLimit: number | null;
  windowMs: number;
  window: number;
  month: string;
  /** The keys the batch was counted in, to give back what is unused. */
  windowKey: string;
  quotaKey: string;
  /** Calls this server may still admit. */
  tokens: number;
  /** Redis's counts after the last grant, every granted call included. */
  burstUsed: number;
  quotaUsed: number;
  grantedAt: number;
  size: number;
  refilling: boolean;
}

type Script = ReturnType<Redis["createScript"]>;

export class GateLeases {
  private readonly leases = new Map<string, Lease>();
  /** The batch size each caller last had, so a busy caller's next lease starts large. */
  private readonly sizes = new Map<string, number>();
  private readonly usage = new Map<string, { tenantId: string; hour: string; field: string; calls: number }>();
  private usageTimer: ReturnType<typeof setTimeout> | undefined;
  private usageWrite: Promise<void> = Promise.resolve();
  private readonly returnScript: Script;
  private readonly inflight = new Set<Promise<void>>();
  /** Callers with a gate call asking Redis for a batch now: the others' calls ask for none. */
  private readonly asking = new Set<string>();
  private live = false;
  private closed = false;
  /** Counts revocations: a lease granted while one arrived is not kept. */
  private revocations = 0;

  constructor(
    private readonly redis: Redis,
    private readonly clock: () => number = Date.now,
  ) {
    this.returnScript = redis.createScript(RETURN_SCRIPT);
  }

  /** Whether revocations are being received; leases are used only then. Going down drops them all. */
  setLive(live: boolean): void {
    this.live = live && !this.closed;
    if (!this.live) this.dropAll();
  }

  /**
   * Shutdown: no more leases (every later call asks Redis), the unused calls given back, and the
   * leased calls' usage written, so a server stopped by SIGTERM loses no counts.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.setLive(false);
    await this.idle();
    await this.flushUsage();
  }

  isLive(): boolean {
    return this.live;
  }

  /** Where a gate call starts: a lease it grants is kept only if no revocation arrived meanwhile. */
  generation(): number {
    return this.revocations;
  }

  /** A revocation of `scope` (a tenant's tag or the platform's) arrived: its leases go. */
  revoke(scope: string): void {
    this.revocations += 1;
    for (const lease of this.leases.values()) if (lease.scope === scope) this.drop(lease);
  }

  /** Leased calls held now (for tests and the benchmark's figures). */
  held(): number {
    let tokens = 0;
    for (const lease of this.leases.values()) tokens += lease.tokens;
    return tokens;
  }

  /** Resolves once the refills and give-backs under way have landed. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all(this.inflight);
  }

  /**
   * One gate decision: from this server's lease; else by Redis (`ask`), asking for the next batch
   * when no other call of this caller is asking already; and a call Redis refuses is still admitted
   * from a batch that came meanwhile (its calls are counted already), so a burst of concurrent
   * calls is not refused while this server holds calls for it.
   */
  async decide(input: GateInput, ask: (input: GateInput) => Promise<GateResult>): Promise<GateResult> {
    const leased = this.take(input);
    if (leased) return leased;
    const id = leaseId(input);
    const wanted = this.live && !this.asking.has(id) ? (this.sizes.get(id) ?? FIRST_SIZE) : 0;
    if (wanted > 0) this.asking.add(id);
    const generation = this.revocations;
    const request: GateInput = wanted > 0 ? { ...input, lease: { wanted, refill: false } } : input;
    try {
      const result = await ask(request);
      this.store(request, result, generation);
      if (result.status === "rate_limited" || result.status === "quota_exceeded") return this.take(input) ?? result;
      return result;
    } finally {
      if (wanted > 0) this.asking.delete(id);
    }
  }

  /** The call admitted from this server's lease, or null: then it asks Redis. */
  take(input: GateInput): GateResult | null {
    if (!this.live) return null;
    const lease = this.leases.get(leaseId(input));
    if (!lease) return null;
    const now = input.now.getTime();
    if (!this.valid(lease, input, now)) {
      this.drop(lease);
      return null;
    }
    if (lease.tokens <= 0) return null;
    lease.tokens -= 1;
    if (input.tenantId !== null && input.usageField) this.count(input.tenantId, hourTag(input.now), input.usageField);
    if (!lease.refilling && (lease.tokens <= lease.size / 2 || now - lease.grantedAt > LEASE_MAX_AGE_MS / 2)) {
      this.refill(lease, input);
    }
    return {
      status: "ok",
      burstUsed: lease.burstUsed - lease.tokens,
      quotaUsed: lease.quotaUsed - lease.tokens,
      epoch: lease.epoch,
      granted: 0,
    };
  }

  /** Keeps what a gate call granted (started at `generation`); gives it back when it cannot be kept. */
  store(input: GateInput, result: GateResult, generation: number): void {
    if (result.status !== "ok" || result.granted <= 0) return;
    const window = Math.floor(input.now.getTime() / input.windowMs);
    const windowKey = redisKeys.rateWindow(input.scope, input.subject, window);
    const quotaKey = quotaKeyOf(input);
    if (!this.live || generation !== this.revocations) {
      this.giveBack(windowKey, quotaKey, result.granted);
      return;
    }
    const id = leaseId(input);
    const now = this.clock();
    const size = input.lease?.wanted ?? FIRST_SIZE;
    const existing = this.leases.get(id);
    if (existing && existing.window === window && existing.epoch === input.epoch && this.valid(existing, input, now)) {
      existing.tokens += result.granted;
      existing.burstUsed = result.burstUsed + result.granted;
      existing.quotaUsed = result.quotaUsed + result.granted;
      existing.grantedAt = now;
      existing.size = size;
      return;
    }
    if (existing) this.drop(existing);
    this.leases.set(id, {
      id,
      scope: input.scope,
      epoch: input.epoch,
      burstLimit: input.burstLimit,
      quotaLimit: input.quotaLimit,
      windowMs: input.windowMs,
      window,
      month: monthTag(input.now),
      windowKey,
      quotaKey,
      tokens: result.granted,
      burstUsed: result.burstUsed + result.granted,
      quotaUsed: result.quotaUsed + result.granted,
      grantedAt: now,
      size,
      refilling: false,
    });
  }

  /** Gives every lease back (shutdown, subscription lost). */
  dropAll(): void {
    for (const lease of this.leases.values()) this.drop(lease);
  }

  /** Drops leases past their age (so unused calls do not stay counted until a call comes). */
  sweep(): void {
    const now = this.clock();
    for (const lease of this.leases.values()) if (now - lease.grantedAt > LEASE_MAX_AGE_MS) this.drop(lease);
  }

  /** Writes the leased calls' usage counts to Redis now; on failure they are kept for the next write. */
  flushUsage(): Promise<void> {
    if (this.usageTimer) clearTimeout(this.usageTimer);
    this.usageTimer = undefined;
    this.usageWrite = this.usageWrite.then(() => this.writeUsage());
    return this.usageWrite;
  }

  private valid(lease: Lease, input: GateInput, now: number): boolean {
    return (
      lease.epoch === input.epoch &&
      lease.burstLimit === input.burstLimit &&
      lease.quotaLimit === input.quotaLimit &&
      lease.windowMs === input.windowMs &&
      lease.window === Math.floor(now / input.windowMs) &&
      lease.month === monthTag(input.now) &&
      this.clock() - lease.grantedAt <= LEASE_MAX_AGE_MS
    );
  }

  private refill(lease: Lease, input: GateInput): void {
    lease.refilling = true;
    // A batch used up within a quarter of its life asks for twice as much next time.
    const fast = this.clock() - lease.grantedAt < LEASE_MAX_AGE_MS / 4 && lease.tokens <= lease.size / 2;
    const size = fast ? Math.min(MAX_SIZE, lease.size * 2) : lease.size;
    this.sizes.set(lease.id, size);
    const generation = this.revocations;
    const refill: GateInput = { ...input, now: new Date(this.clock()), lease: { wanted: size, refill: true } };
    this.track(
      runGate(this.redis, refill).then(
        (result) => {
          lease.refilling = false;
          if (this.leases.get(lease.id) !== lease) {
            // Dropped meanwhile: whatever this granted goes back too.
            if (result.status === "ok" && result.granted > 0) {
              const window = Math.floor(refill.now.getTime() / refill.windowMs);
              this.giveBack(
                redisKeys.rateWindow(refill.scope, refill.subject, window),
                quotaKeyOf(refill),
                result.granted,
              );
            }
            return;
          }
          if (result.status === "ok") this.store(refill, result, generation);
          else this.drop(lease); // stale epoch or a limit reached: the next call asks Redis
        },
        () => {
          lease.refilling = false;
          if (this.leases.get(lease.id) === lease) this.drop(lease);
        },
      ),
    );
  }

  private track(work: Promise<void>): void {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  private drop(lease: Lease): void {
    if (this.leases.get(lease.id) === lease) this.leases.delete(lease.id);
    // Half a batch or more left unused: the next one is smaller.
    if (lease.tokens > lease.size / 2) this.sizes.set(lease.id, Math.max(MIN_SIZE, Math.floor(lease.size / 2)));
    if (this.sizes.size > 10_000) this.sizes.clear();
    if (lease.tokens > 0) this.giveBack(lease.windowKey, lease.quotaKey, lease.tokens);
    lease.tokens = 0;
  }

  private giveBack(windowKey: string, quotaKey: string, calls: number): void {
    // A failed give-back leaves the calls counted: a caller may be refused early, never admitted late.
    this.track(
      this.returnScript.exec([windowKey, quotaKey], [String(calls)]).then(
        () => {},
        () => {},
      ),
    );
  }

  private count(tenantId: string, hour: string, field: string): void {
    const key = `${tenantId}\n${hour}\n${field}`;
    const entry = this.usage.get(key);
    if (entry) entry.calls += 1;
    else this.usage.set(key, { tenantId, hour, field, calls: 1 });
    if (!this.usageTimer) {
      this.usageTimer = setTimeout(() => void this.flushUsage().catch(() => {}), LEASED_USAGE_FLUSH_MS);
      this.usageTimer.unref?.();
    }
  }

  private async writeUsage(): Promise<void> {
    if (this.usage.size === 0) return;
    const entries = [...this.usage.values()];
    this.usage.clear();
    const pipeline = this.redis.pipeline();
    for (const { tenantId, hour, field, calls } of entries) {
      const hash = redisKeys.usageHour(tenantId, hour);
      const hours = redisKeys.usageHours(tenantId);
      pipeline.hincrby(hash, field, calls);
      pipeline.expire(hash, USAGE_TTL_S);
      pipeline.sadd(hours, hour);
      pipeline.expire(hours, USAGE_TTL_S);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      for (const entry of entries) {
        const key = `${entry.tenantId}\n${entry.hour}\n${entry.field}`;
        const kept = this.usage.get(key);
        if (kept) kept.calls += entry.calls;
        else this.usage.set(key, entry);
      }
      throw error;
    }
  }
}

function leaseId(input: GateInput): string {
  return `${input.scope}\n${input.subject}\n${input.tenantId ?? ""}`;
}

function quotaKeyOf(input: GateInput): string {
  return input.tenantId !== null ? redisKeys.quota(input.tenantId, input.now) : `${input.scope}:quota:none`;
}

// --- this server's leases ------------------------------------------------------------------------

/** The channel bumpAuthEpoch publishes a revoked scope on. */
export const revocationChannel = (): string => `${env.REDIS_KEY_PREFIX}gate:revoked`;

const globalForLeases = globalThis as unknown as { __tesseraGateLeases?: { leases: GateLeases | null } };

/** This server's gate leases while they are on and revocations arrive; else null (every call asks Redis). */
export function gateLeases(): GateLeases | null {
  if (env.API_GATE_LEASES !== "on" || runtimeMode.cache !== "redis") return null;
  const state = (globalForLeases.__tesseraGateLeases ??= startLeases());
  return state.leases?.isLive() ? state.leases : null;
}

function startLeases(): { leases: GateLeases | null } {
  const state: { leases: GateLeases | null } = { leases: null };
  void (async () => {
    const [redis, subscriber] = await Promise.all([getRedis(), openRedisSubscriber()]);
    if (!subscriber) return;
    const leases = new GateLeases(redis);
    const channel = revocationChannel();
    const down = () => leases.setLive(false);
    subscriber.on("message", (from: string, scope: string) => {
      if (from === channel) leases.revoke(scope);
    });
    // Leases only while subscribed: a lost connection drops them at once, and the next ones are
    // granted (by Redis, which checks the epoch) only after the subscription is back.
    subscriber.on("ready", () => void subscriber.subscribe(channel).then(() => leases.setLive(true), down));
    subscriber.on("close", down);
    subscriber.on("end", down);
    subscriber.on("error", down);
    state.leases = leases;
    setInterval(() => leases.sweep(), LEASE_MAX_AGE_MS).unref();
    await subscriber.connect();
  })().catch((error: unknown) => logger.warn("gate leases unavailable: every API call asks Redis", { error }));
  return state;
}

/** A revocation made here: this server's leases of `scope` go now, before the message comes back. */
export function revokeLocalLeases(scope: string): void {
  globalForLeases.__tesseraGateLeases?.leases?.revoke(scope);
}

/** Shutdown (lib/boot.ts, on SIGTERM and SIGINT): this server's leases closed, their usage written. */
export async function closeGateLeases(): Promise<void> {
  await globalForLeases.__tesseraGateLeases?.leases?.close();
}

/** Writes this server's leased calls' usage counts to Redis (before a usage flush reads them). */
export async function flushLeasedUsage(): Promise<void> {
  await globalForLeases.__tesseraGateLeases?.leases?.flushUsage();
}
