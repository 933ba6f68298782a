// Analytics recording and reading on the real stores: counts stay exact with concurrent writers
// and flushers; a workspace's trends and realtime view hold only its own calls; the operator's are
// the same rows aggregated. Fixed instants in 2019 keep other test files' traffic out of the sums.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getRedis } from "@/lib/cache/redis";
import { flushTenantAnalytics, rowsOf } from "@/lib/analytics/flush";
import { analyticsKeys, minuteTag } from "@/lib/analytics/keys";
import { recordActiveUser, recordApiCall, resetActiveMemo } from "@/lib/analytics/record";
import { loadPlatformRealtime, loadTenantRealtime } from "@/lib/analytics/realtime";
import { loadTenantTrend } from "@/lib/analytics/trends";
import { loadPlatformTrend } from "@/lib/analytics/trends-platform";
import { operatorFromUser } from "@/lib/http/operator";
import type { TenantContext } from "@/lib/tenancy/context";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let a: TenantContext;
let b: TenantContext;
const operator = operatorFromUser({ id: "op", email: "op@example.test", name: "Op", isPlatformAdmin: true });
const NOW = new Date("2019-03-04T10:30:15Z");
const HOUR = "2019-03-04T10:00:00.000Z";

const ROUTES = ["GET /api/v1/members", "POST /api/v1/usage/events"];
const STATUSES = [200, 200, 201, 404, 429, 500];
const LATENCIES = [3, 8, 40, 120, 700, 6000];

/** The i-th call, deterministic: route, status and latency cycle through the lists. */
const callOf = (tenantId: string, i: number) => ({
  tenantId,
  route: ROUTES[i % ROUTES.length]!,
  status: STATUSES[i % STATUSES.length]!,
  latencyMs: LATENCIES[i % LATENCIES.length]!,
  userId: `user-${i % 7}`,
  now: NOW,
});

beforeAll(async () => {
  // The platform's realtime keys are shared by every run on this Redis: start this minute from zero.
  const redis = await getRedis();
  const minute = minuteTag(NOW);
  await redis.del(
    analyticsKeys.minute(analyticsKeys.platformScope, minute),
    analyticsKeys.minuteUsers(analyticsKeys.platformScope, minute),
  );
  t = await openTestDb();
  [a, b] = await Promise.all([tenantWithOwner(t.db), tenantWithOwner(t.db)]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("recording", () => {
  it("counts every call exactly once with writers and flushers racing", async () => {
    const writes = [
      ...Array.from({ length: 240 }, (_, i) => recordApiCall(callOf(a.tenant.id, i))),
      ...Array.from({ length: 120 }, (_, i) => recordApiCall(callOf(b.tenant.id, i))),
    ];
    const flushers = [
      flushTenantAnalytics(a.tenant.id),
      flushTenantAnalytics(a.tenant.id),
      flushTenantAnalytics(b.tenant.id),
    ];
    await Promise.all([...writes, ...flushers]);
    await Promise.all([flushTenantAnalytics(a.tenant.id), flushTenantAnalytics(b.tenant.id)]);
    expect(await flushTenantAnalytics(a.tenant.id)).toEqual({ batches: 0, calls: 0 });

    const rows = await t.db.analyticsApiHourly.findMany({ where: { tenantId: a.tenant.id } });
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(240);
    expect(rows.every((r) => r.hour.toISOString() === HOUR)).toBe(true);
    const perStatus = (status: number) => rows.filter((r) => r.status === status).reduce((s, r) => s + r.count, 0);
    expect([200, 201, 404, 429, 500].map(perStatus)).toEqual([80, 40, 40, 40, 40]);
    const latency = rows.reduce((sum, r) => sum + Number(r.latencyMsSum), 0);
    expect(latency).toBe(40 * LATENCIES.reduce((s, l) => s + l, 0));
    const bRows = await t.db.analyticsApiHourly.findMany({ where: { tenantId: b.tenant.id } });
    expect(bRows.reduce((sum, r) => sum + r.count, 0)).toBe(120);
  });

  it("writes one active-user row per user, workspace and day, however many requests race", async () => {
    const day = new Date("2019-03-05T08:00:00Z");
    await Promise.all(
      Array.from({ length: 12 }, () => {
        resetActiveMemo(); // every call goes to the database: the primary key must collapse them
        return recordActiveUser(a.tenant.id, a.user.id, day);
      }),
    );
    const rows = await t.db.analyticsActiveUser.findMany({ where: { tenantId: a.tenant.id, userId: a.user.id } });
    expect(rows.map((r) => r.day.toISOString().slice(0, 10))).toEqual(["2019-03-05"]);
  });

  it("parses flushed fields, ignoring the batch marker and malformed fields", () => {
    expect(rowsOf({ __batch: "x", "GET /a|b|200|3": "2", "GET /a|b|200|3|ms": "70", junk: "1" })).toEqual([
      { route: "GET /a|b", status: 200, bucket: 3, count: 2, ms: 70 },
    ]);
  });
});

describe("reading, per audience", () => {
  const query = { from: "2019-03-04T00:00:00Z", to: "2019-03-05T00:00:00Z", grain: "hour" as const };

  it("a workspace's trend holds only its own calls, with rates and percentiles recomputed", async () => {
    const calls = await loadTenantTrend(a, "api_calls", query, NOW);
    expect(calls.series).toHaveLength(1);
    expect(calls.series[0]?.total).toBe(240);
    expect(calls.series[0]?.points).toHaveLength(24);
    expect(calls.series[0]?.points.find((p) => p.t === HOUR)?.value).toBe(240);
    expect(calls.series[0]?.previous_total).toBe(0);

    const other = await loadTenantTrend(b, "api_calls", query, NOW);
    expect(other.series[0]?.total).toBe(120);

    const success = await loadTenantTrend(a, "api_success_rate", query, NOW);
    expect(success.series[0]?.total).toBe(0.5); // 200, 200, 201 of every six
    const p50 = await loadTenantTrend(a, "api_latency_p50", query, NOW);
    // Buckets hold 40 calls each at ≤5, ≤10, ≤50, ≤250, ≤1000 and >5000 ms: rank 120 ends the 25–50 bucket.
    expect(p50.series[0]?.total).toBe(50);

    const byStatus = await loadTenantTrend(a, "api_errors", { ...query, group_by: "status" }, NOW);
    expect(byStatus.series.map((s) => [s.group, s.total])).toEqual([
      ["200", 0],
      ["201", 0],
      ["404", 40],
      ["429", 40],
      ["500", 40],
    ]);
  });

  it("the operator's trend is the same rows across workspaces", async () => {
    const calls = await loadPlatformTrend(operator, "api_calls", query, NOW);
    expect(calls.series[0]?.total).toBe(360);
  });

  it("refuses platform metrics to a workspace and unknown dimensions to anyone", async () => {
    await expect(loadTenantTrend(a, "mrr", query, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(loadTenantTrend(a, "api_calls", { ...query, group_by: "tier" }, NOW)).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(
      loadTenantTrend(a, "api_calls", { from: "2019-01-01T00:00:00Z", to: "2019-03-01T00:00:00Z", grain: "hour" }, NOW),
    ).rejects.toMatchObject({ code: "bad_request" });
  });

  it("realtime: per-minute counts and distinct users, each workspace its own", async () => {
    const mine = await loadTenantRealtime(a, NOW);
    expect(mine.minutes).toHaveLength(60);
    expect(mine.minutes[59]?.minute).toBe("2019-03-04T10:30:00.000Z");
    expect(mine.totals).toMatchObject({ calls: 240, errors: 120, success_rate: 0.5 });
    expect(mine.totals.active_users).toBe(7);
    const theirs = await loadTenantRealtime(b, NOW);
    expect(theirs.totals.calls).toBe(120);
    const platform = await loadPlatformRealtime(operator, NOW);
    expect(platform.totals.calls).toBe(360);
    const later = await loadTenantRealtime(a, new Date(NOW.getTime() + 61 * 60_000));
    expect(later.totals.calls).toBe(0);
  });
});
