// Service-level status for /admin/system: availability (requests without a 5xx) and latency over
// the last 30 days, against the objectives (99.9% available, < 200 ms average response).
//
// Source: Prometheus when PROMETHEUS_URL is set (the fleet's full history); otherwise the app's own
// rolled-up history: every process counts its requests per UTC hour (total, 5xx, duration sum,
// over 1 s) and adds them to Redis every minute (one hash per hour under {slo}:, kept 32 days), so
// the numbers cover every instance that shares the Redis. The embedded memory store keeps them
// only while the process runs.
import "server-only";

import type { Redis } from "@upstash/redis";

import { getRedis } from "../cache/redis";
import { env } from "../env";
import { assertOperator, type Operator } from "../tenancy/operator";
import { hourTag } from "../usage/keys";
import { logger } from "../observability/logger";
import { HOUR_MS } from "@/lib/calendar";

export const SLO = {
  availability: 0.999,
  meanLatencySeconds: 0.2,
  /** A request slower than this counts against the latency objective's tail. */
  slowSeconds: 1,
  windowDays: 30,
} as const;

const RETENTION_SECONDS = 32 * 24 * 3600;
const FLUSH_INTERVAL_MS = 60_000;

interface HourCounts {
  total: number;
  errors: number;
  slow: number;
  durationMs: number;
}

const sloKey = (hour: string) => `{slo}:hour:${hour}`;

interface RecorderState {
  pending: Map<string, HourCounts>;
  timer?: ReturnType<typeof setInterval>;
  flushing?: Promise<void>;
}

const globalForSlo = globalThis as unknown as { __tesseraSlo?: RecorderState };
const state: RecorderState = (globalForSlo.__tesseraSlo ??= { pending: new Map() });

/** Counts one answered request (assets excluded by the caller) in this hour's bucket. */
export function noteRequestForSlo(status: number, seconds: number, at = Date.now()): void {
  const hour = hourTag(new Date(at));
  let counts = state.pending.get(hour);
  if (!counts) {
    counts = { total: 0, errors: 0, slow: 0, durationMs: 0 };
    state.pending.set(hour, counts);
  }
  counts.total += 1;
  if (status >= 500) counts.errors += 1;
  if (seconds > SLO.slowSeconds) counts.slow += 1;
  counts.durationMs += Math.round(seconds * 1000);
}

/** Adds this process's pending counts to Redis; on failure they wait for the next flush. */
export function flushSloCounts(redis?: Redis): Promise<void> {
  if (state.flushing) return state.flushing;
  if (state.pending.size === 0) return Promise.resolve();
  const batch = state.pending;
  state.pending = new Map();
  state.flushing = (async () => {
    try {
      const client = redis ?? (await getRedis());
      const pipeline = client.pipeline();
      for (const [hour, counts] of batch) {
        const key = sloKey(hour);
        pipeline.hincrby(key, "total", counts.total);
        pipeline.hincrby(key, "errors", counts.errors);
        pipeline.hincrby(key, "slow", counts.slow);
        pipeline.hincrby(key, "duration_ms", counts.durationMs);
        pipeline.expire(key, RETENTION_SECONDS);
      }
      await pipeline.exec();
    } catch (error) {
      for (const [hour, counts] of batch) {
        const kept = state.pending.get(hour);
        if (!kept) state.pending.set(hour, counts);
        else {
          kept.total += counts.total;
          kept.errors += counts.errors;
          kept.slow += counts.slow;
          kept.durationMs += counts.durationMs;
        }
      }
      logger.warn("SLO history not written: Redis unavailable", { error });
    } finally {
      state.flushing = undefined;
    }
  })();
  return state.flushing;
}

/** Flushes the SLO counts every minute (idempotent; the timer never keeps the process alive). */
export function startSloRecorder(): void {
  if (state.timer) return;
  state.timer = setInterval(() => void flushSloCounts(), FLUSH_INTERVAL_MS);
  state.timer.unref?.();
}

export interface SloDay {
  day: string;
  requests: number;
  availability: number | null;
}

export interface SloStatus {
  source: "prometheus" | "app";
  windowDays: number;
  requests: number;
  /** Share of requests without a 5xx; null without traffic. */
  availability: number | null;
  /** Share of the error budget (0.1% of requests) still unspent, 0..1; null without traffic. */
  errorBudgetRemaining: number | null;
  meanLatencySeconds: number | null;
  /** Share of requests slower than SLO.slowSeconds (app history), or the p99 (Prometheus). */
  slowShare: number | null;
  p99Seconds: number | null;
  /** Hours of history behind the numbers (app history). */
  coverageHours: number | null;
  days: SloDay[];
  /** Why Prometheus was not used, when it is configured but failed. */
  note?: string;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function budgetRemaining(availability: number | null): number | null {
  if (availability === null) return null;
  const budget = 1 - SLO.availability;
  return Math.max(0, Math.min(1, 1 - (1 - availability) / budget));
}

/** Availability and latency from the app's own rolled-up history in Redis. */
export async function sloFromHistory(now = new Date(), redis?: Redis): Promise<SloStatus> {
  await flushSloCounts(redis);
  const client = redis ?? (await getRedis());
  const hours = Array.from({ length: SLO.windowDays * 24 }, (_, i) => hourTag(new Date(now.getTime() - i * HOUR_MS)));
  const pipeline = client.pipeline();
  for (const hour of hours) pipeline.hgetall(sloKey(hour));
  const rows = (await pipeline.exec()) as (Record<string, unknown> | null)[];
  const byDay = new Map<string, { total: number; errors: number }>();
  const sum = { total: 0, errors: 0, slow: 0, durationMs: 0 };
  let coverage = 0;
  rows.forEach((row, index) => {
    if (!row) return;
    const total = Number(row.total ?? 0);
    if (!total) return;
    coverage += 1;
    const errors = Number(row.errors ?? 0);
    sum.total += total;
    sum.errors += errors;
    sum.slow += Number(row.slow ?? 0);
    sum.durationMs += Number(row.duration_ms ?? 0);
    const day = `${(hours[index] ?? "").slice(0, 4)}-${(hours[index] ?? "").slice(4, 6)}-${(hours[index] ?? "").slice(6, 8)}`;
    const entry = byDay.get(day) ?? { total: 0, errors: 0 };
    entry.total += total;
    entry.errors += errors;
    byDay.set(day, entry);
  });
  const availability = ratio(sum.total - sum.errors, sum.total);
  const mean = ratio(sum.durationMs / 1000, sum.total);
  return {
    source: "app",
    windowDays: SLO.windowDays,
    requests: sum.total,
    availability,
    errorBudgetRemaining: budgetRemaining(availability),
    meanLatencySeconds: mean,
    slowShare: ratio(sum.slow, sum.total),
    p99Seconds: null,
    coverageHours: coverage,
    days: [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counts]) => ({
        day,
        requests: counts.total,
        availability: ratio(counts.total - counts.errors, counts.total),
      })),
  };
}

/** PromQL behind the Prometheus-sourced status (the same series the dashboards use). */
export const SLO_QUERIES = {
  requests: 'sum(increase(tessera_http_requests_total{kind!="asset"}[30d]))',
  errors: 'sum(increase(tessera_http_requests_total{kind!="asset",status=~"5.."}[30d]))',
  mean: 'sum(increase(tessera_http_request_duration_seconds_sum{route!="/_next/*"}[30d])) / sum(increase(tessera_http_request_duration_seconds_count{route!="/_next/*"}[30d]))',
  p99: 'histogram_quantile(0.99, sum by (le) (increase(tessera_http_request_duration_seconds_bucket{route!="/_next/*"}[30d])))',
  daily:
    'sum(increase(tessera_http_requests_total{kind!="asset",status!~"5.."}[1d])) / sum(increase(tessera_http_requests_total{kind!="asset"}[1d]))',
  dailyRequests: 'sum(increase(tessera_http_requests_total{kind!="asset"}[1d]))',
} as const;

async function promQuery(base: string, query: string): Promise<number | null> {
  const response = await fetch(`${base.replace(/\/$/, "")}/api/v1/query?query=${encodeURIComponent(query)}`, {
    signal: AbortSignal.timeout(3_000),
  });
  if (!response.ok) throw new Error(`Prometheus answered ${response.status}`);
  const body = (await response.json()) as { status: string; data?: { result?: { value?: [number, string] }[] } };
  if (body.status !== "success") throw new Error("Prometheus query failed");
  const value = body.data?.result?.[0]?.value?.[1];
  const number = value === undefined ? NaN : Number(value);
  return Number.isFinite(number) ? number : null;
}

async function promRange(base: string, query: string, now: Date): Promise<Map<string, number>> {
  const end = Math.floor(now.getTime() / 1000);
  const start = end - (SLO.windowDays - 1) * 86_400;
  const url = `${base.replace(/\/$/, "")}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${start}&end=${end}&step=86400`;
  const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) throw new Error(`Prometheus answered ${response.status}`);
  const body = (await response.json()) as { data?: { result?: { values?: [number, string][] }[] } };
  const out = new Map<string, number>();
  for (const [time, value] of body.data?.result?.[0]?.values ?? []) {
    const number = Number(value);
    if (Number.isFinite(number)) out.set(new Date(time * 1000).toISOString().slice(0, 10), number);
  }
  return out;
}

/** Availability and latency over 30 days from Prometheus. */
export async function sloFromPrometheus(base: string, now = new Date()): Promise<SloStatus> {
  const [requests, errors, mean, p99, daily, dailyRequests] = await Promise.all([
    promQuery(base, SLO_QUERIES.requests),
    promQuery(base, SLO_QUERIES.errors),
    promQuery(base, SLO_QUERIES.mean),
    promQuery(base, SLO_QUERIES.p99),
    promRange(base, SLO_QUERIES.daily, now),
    promRange(base, SLO_QUERIES.dailyRequests, now),
  ]);
  const total = requests ?? 0;
  const availability = ratio(total - (errors ?? 0), total);
  return {
    source: "prometheus",
    windowDays: SLO.windowDays,
    requests: Math.round(total),
    availability,
    errorBudgetRemaining: budgetRemaining(availability),
    meanLatencySeconds: mean,
    slowShare: null,
    p99Seconds: p99,
    coverageHours: null,
    days: [...dailyRequests.entries()].map(([day, count]) => ({
      day,
      requests: Math.round(count),
      availability: daily.get(day) ?? null,
    })),
  };
}

/** The SLO status for the operator console: Prometheus when configured (else, or on failure, the app's history). */
export async function sloStatus(operator: Operator, now = new Date()): Promise<SloStatus> {
  assertOperator(operator);
  if (env.PROMETHEUS_URL) {
    try {
      return await sloFromPrometheus(env.PROMETHEUS_URL, now);
    } catch (error) {
      logger.warn("SLO status: Prometheus unavailable, using the app's history", { error });
      return { ...(await sloFromHistory(now)), note: "Prometheus did not answer; showing the app's own history." };
    }
  }
  return sloFromHistory(now);
}
