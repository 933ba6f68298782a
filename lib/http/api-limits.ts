// The API's limits and the headers that state them: the per-key burst limit and the monthly quota
// of the caller's tier, checked by the usage gate in Redis (one round trip), the X-RateLimit-* and
// X-Quota-* headers every answer carries, and the 429 (LimitError) with Retry-After. Who the caller
// is comes first (lib/http/api-auth.ts); this module only counts. Redis-down policy
// (docs/decisions.md): the burst limit, quota and usage counting fail open (redisDown counts it in
// tessera_redis_unavailable_total).
import "server-only";

import { getRedis } from "../cache/redis";
import type { Tier } from "../db/generated/enums";
import { env } from "../env";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { API_RATE_WINDOW_MS, TIER_DEFINITIONS } from "../tenancy/tiers";
import { runGate, type GateInput, type GateResult } from "../usage/gate";
import { gateLeases } from "../usage/lease";
import { nextMonthStart } from "../usage/keys";
import { flushedCallsThisMonth } from "../usage/quota";
import { AppError } from "@/lib/errors";

const GATE_TIMEOUT_MS = 1_000;

async function gateWithTimeout(input: GateInput): Promise<GateResult> {
  const redis = await getRedis();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      runGate(redis, input),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("gate timed out")), GATE_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Limits {
  burst: number;
  quota: number | null;
  /** false while a paid subscription is live: calls beyond the quota go through and are billed as overage. */
  enforceQuota: boolean;
}

export function limitsFor(tier: Tier | null, overageBilling = false): Limits {
  if (!tier)
    return {
      burst: Math.round(TIER_DEFINITIONS.ENTERPRISE.limits.apiRequestsPerWindow * env.API_RATE_LIMIT_MULTIPLIER),
      quota: null,
      enforceQuota: false,
    };
  const limits = TIER_DEFINITIONS[tier].limits;
  return {
    burst: Math.round(limits.apiRequestsPerWindow * env.API_RATE_LIMIT_MULTIPLIER),
    quota: limits.apiCallsPerMonth,
    enforceQuota: !overageBilling,
  };
}

function limitHeaders(limits: Limits, result: GateResult, now: Date): Record<string, string> {
  const windowEnd = (Math.floor(now.getTime() / API_RATE_WINDOW_MS) + 1) * API_RATE_WINDOW_MS;
  const headers: Record<string, string> = {
    "x-ratelimit-limit": String(limits.burst),
    "x-ratelimit-remaining": String(Math.max(0, limits.burst - result.burstUsed)),
    "x-ratelimit-reset": String(Math.ceil(windowEnd / 1000)),
  };
  if (limits.quota !== null) {
    headers["x-quota-limit"] = String(limits.quota);
    headers["x-quota-remaining"] = String(Math.max(0, limits.quota - result.quotaUsed));
    headers["x-quota-reset"] = String(Math.floor(nextMonthStart(now).getTime() / 1000));
    // Beyond the quota on a paid plan: the call went through and is billed as metered overage.
    if (!limits.enforceQuota && result.quotaUsed > limits.quota) {
      headers["x-quota-overage"] = String(result.quotaUsed - limits.quota);
    }
  }
  return headers;
}

/** A 429 that carries the limit headers the response must send. */
export class LimitError extends AppError {
  readonly headers: Record<string, string>;

  constructor(message: string, details: Record<string, unknown>, headers: Record<string, string>) {
    super("rate_limited", message, details);
    this.headers = headers;
    // Each refusal builds one LimitError: count it by its (bounded) reason.
    const reason = typeof details.reason === "string" ? details.reason : "other";
    metrics().rateLimited.inc({ reason });
  }
}

function rejection(limits: Limits, result: GateResult, now: Date): LimitError {
  const headers = limitHeaders(limits, result, now);
  if (result.status === "quota_exceeded") {
    const reset = nextMonthStart(now);
    return new LimitError(
      `The monthly quota of ${limits.quota} API calls is used up; it resets on ${reset.toISOString().slice(0, 10)}.`,
      { reason: "monthly_quota", limit: limits.quota, reset_at: reset.toISOString() },
      {
        ...headers,
        "x-ratelimit-limit": String(limits.quota),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(reset.getTime() / 1000)),
        "retry-after": String(Math.max(1, Math.ceil((reset.getTime() - now.getTime()) / 1000))),
      },
    );
  }
  const reset = Number(headers["x-ratelimit-reset"]) * 1000;
  return new LimitError(
    `Too many requests: at most ${limits.burst} per ${API_RATE_WINDOW_MS / 1000} seconds for this key.`,
    { reason: "burst_limit", limit: limits.burst, window_seconds: API_RATE_WINDOW_MS / 1000 },
    {
      ...headers,
      "x-ratelimit-remaining": "0",
      "retry-after": String(Math.max(1, Math.ceil((reset - now.getTime()) / 1000))),
    },
  );
}

export interface GateCall {
  scope: string;
  subject: string;
  tenantId: string | null;
  limits: Limits;
  usageField: string;
  now: Date;
}

/**
 * Runs the gate; resolves a stale epoch through `refresh` and an unknown quota from PostgreSQL.
 * With gate leases on (lib/usage/lease.ts) a call this server holds a leased batch for is admitted
 * here, and a call that asks Redis asks for the next batch too.
 */
export async function passGate(
  call: GateCall,
  epoch: string,
  refresh: (epoch: string) => Promise<void>,
): Promise<Record<string, string>> {
  const input: GateInput = {
    scope: call.scope,
    subject: call.subject,
    epoch,
    burstLimit: call.limits.burst,
    windowMs: API_RATE_WINDOW_MS,
    tenantId: call.tenantId,
    quotaLimit: call.limits.enforceQuota ? call.limits.quota : null,
    usageField: call.usageField,
    now: call.now,
  };
  const leases = gateLeases();
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const result = leases ? await leases.decide(input, gateWithTimeout) : await gateWithTimeout(input);
    if (result.status === "ok") return limitHeaders(call.limits, result, call.now);
    if (result.status === "stale") {
      input.epoch = result.epoch;
      await refresh(result.epoch);
      continue;
    }
    if (result.status === "quota_unknown" && call.tenantId) {
      input.quotaSeed = await flushedCallsThisMonth(call.tenantId, call.now);
      continue;
    }
    throw rejection(call.limits, result, call.now);
  }
  throw new AppError("unavailable", "The API is busy; try again.");
}

let lastRedisWarning = 0;

export function redisDown(error: unknown, requestId: string): void {
  metrics().redisFallback.inc({ purpose: "api_gate", decision: "fail_open" });
  // One line per 10 s at most: an outage must not flood the log (the metric counts every call).
  if (Date.now() - lastRedisWarning < 10_000) return;
  lastRedisWarning = Date.now();
  logger.warn("API gate: Redis unavailable, limits not applied", { requestId, error });
}
