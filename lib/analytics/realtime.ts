// The last 60 minutes, per minute, from the Redis counters record.ts writes: calls, errors,
// latency, and distinct active users (HyperLogLog; a plain set on the memory store). A workspace
// reads its own keys (its TenantContext), the operator the platform's.
import "server-only";

import type { Redis } from "@upstash/redis";
import { z } from "zod";

import { getRedis } from "../cache/redis";
import { assertOperator, type Operator } from "../tenancy/operator";
import { assertCan, type TenantContext } from "../tenancy/context";
import { analyticsKeys, minuteTag } from "./keys";
import { BUCKET_COUNT, quantileFromBuckets } from "./latency";
import { distinctMode } from "./record";

export const REALTIME_MINUTES = 60;

export const realtimeResource = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    minutes: z.array(
      z.object({
        minute: z.iso.datetime(),
        calls: z.number().int(),
        errors: z.number().int(),
        active_users: z.number().int(),
        latency_p95_ms: z.number().nullable(),
      }),
    ),
    totals: z.object({
      calls: z.number().int(),
      errors: z.number().int(),
      success_rate: z.number().nullable(),
      latency_p50_ms: z.number().nullable(),
      latency_p95_ms: z.number().nullable(),
      active_users: z.number().int().describe("Distinct users in the 60 minutes (HyperLogLog estimate)."),
    }),
  })
  .meta({ id: "AnalyticsRealtime" });

export type Realtime = z.infer<typeof realtimeResource>;

async function readScope(scope: string, now: Date, redis?: Redis): Promise<Realtime> {
  const client = redis ?? (await getRedis());
  const end = Math.floor(now.getTime() / 60_000) * 60_000;
  const minutes = Array.from(
    { length: REALTIME_MINUTES },
    (_, i) => new Date(end - (REALTIME_MINUTES - 1 - i) * 60_000),
  );
  const mode = distinctMode();
  const pipeline = client.pipeline();
  for (const at of minutes) pipeline.hgetall(analyticsKeys.minute(scope, minuteTag(at)));
  for (const at of minutes) {
    const key = analyticsKeys.minuteUsers(scope, minuteTag(at));
    if (mode === "hll") pipeline.pfcount(key);
    else pipeline.scard(key);
  }
  const userKeys = minutes.map((at) => analyticsKeys.minuteUsers(scope, minuteTag(at)));
  if (mode === "hll") pipeline.pfcount(userKeys[0] ?? "", ...userKeys.slice(1));
  else pipeline.sunion(userKeys[0] ?? "", ...userKeys.slice(1));
  const replies = (await pipeline.exec()) as unknown[];

  const totalBuckets = new Array<number>(BUCKET_COUNT).fill(0);
  let calls = 0;
  let errors = 0;
  const points = minutes.map((at, i) => {
    const hash = (replies[i] ?? {}) as Record<string, unknown> | null;
    const buckets = Array.from({ length: BUCKET_COUNT }, (_, b) => Number(hash?.[`b${b}`] ?? 0));
    buckets.forEach((count, b) => (totalBuckets[b] = (totalBuckets[b] ?? 0) + count));
    const minuteCalls = Number(hash?.calls ?? 0);
    const minuteErrors = Number(hash?.errors ?? 0);
    calls += minuteCalls;
    errors += minuteErrors;
    return {
      minute: at.toISOString(),
      calls: minuteCalls,
      errors: minuteErrors,
      active_users: Number(replies[REALTIME_MINUTES + i] ?? 0),
      latency_p95_ms: quantileFromBuckets(buckets, 0.95),
    };
  });
  const union = replies[REALTIME_MINUTES * 2];
  const activeUsers = Array.isArray(union) ? union.length : Number(union ?? 0);
  return {
    from: minutes[0]?.toISOString() ?? new Date(end).toISOString(),
    to: new Date(end + 60_000).toISOString(),
    minutes: points,
    totals: {
      calls,
      errors,
      success_rate: calls === 0 ? null : Math.round(((calls - errors) / calls) * 10_000) / 10_000,
      latency_p50_ms: quantileFromBuckets(totalBuckets, 0.5),
      latency_p95_ms: quantileFromBuckets(totalBuckets, 0.95),
      active_users: activeUsers,
    },
  };
}

export function loadTenantRealtime(ctx: TenantContext, now = new Date(), redis?: Redis): Promise<Realtime> {
  assertCan(ctx, "dashboards:read");
  return readScope(analyticsKeys.tenantScope(ctx.tenant.id), now, redis);
}

export function loadPlatformRealtime(operator: Operator, now = new Date(), redis?: Redis): Promise<Realtime> {
  assertOperator(operator);
  return readScope(analyticsKeys.platformScope, now, redis);
}
