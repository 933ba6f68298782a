// The platform rollups (migration 20261203080000_analytics_platform_rollups) on a database of this
// file's own: the triggers keep the operator's totals exact with concurrent writers and flushers
// (API calls per hour/route/status/bucket, distinct users per day and month across workspaces,
// cohort sizes and retained workspaces); the platform reads that use them give the same answers as
// the tenants' raw rows and the hand-computed ones below; tenant-scoped work can neither read nor
// write them.
//
// Workspaces (created): T1 2017-01-10, T2 2017-01-20, T3 2017-02-05, T4 2017-02-25 (never active);
// T3's creation date is corrected to January at the end.
// Activity: 01-15 u1@T1 u1@T2 u2@T1 · 02-10 u1@T2 u3@T3 · 02-11 u1@T1 · 03-01 u3@T3 u2@T1
//   DAU 01-15 2 (u1 once across two workspaces), 02-10 2, 02-11 1, 03-01 2; MAU Jan 2, Feb 2, Mar 2.
//   Cohorts: Jan {T1, T2} active Jan 2, Feb 2, Mar 1; Feb {T3, T4} active Feb 1, Mar 1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { flushTenantAnalytics } from "@/lib/analytics/flush";
import { computeKpis } from "@/lib/analytics/kpi-math";
import { loadKpiInput } from "@/lib/analytics/kpis";
import { loadPlatformCohorts } from "@/lib/analytics/cohorts";
import { recordActiveUser, recordApiCall, resetActiveMemo } from "@/lib/analytics/record";
import { loadPlatformTrend } from "@/lib/analytics/trends-platform";
import { withTenant } from "@/lib/db/tenant";
import { operatorFromUser } from "@/lib/http/operator";

import { openIsolatedDb, type IsolatedDb } from "../helpers/isolated-db";

let iso: IsolatedDb;
const operator = operatorFromUser({ id: "op-rollups", email: "op@example.test", name: "Op", isPlatformAdmin: true });
const tenants: Record<string, string> = {};
const NOW = new Date("2017-03-20T12:00:00Z");
const CALL_AT = new Date("2017-03-04T10:20:00Z");
const ROUTES = ["GET /api/v1/members", "POST /api/v1/usage/events"];
const STATUSES = [200, 201, 404, 500];
const LATENCIES = [4, 30, 200, 900];
const API_TENANTS = 5;

const callOf = (tenantId: string, i: number) => ({
  tenantId,
  route: ROUTES[i % ROUTES.length]!,
  status: STATUSES[i % STATUSES.length]!,
  latencyMs: LATENCIES[(i >> 1) % LATENCIES.length]!,
  userId: null,
  now: CALL_AT,
});

const ACTIVITY: [tenant: string, user: string, day: string][] = [
  ["T1", "u1", "2017-01-15"],
  ["T2", "u1", "2017-01-15"],
  ["T1", "u2", "2017-01-15"],
  ["T2", "u1", "2017-02-10"],
  ["T3", "u3", "2017-02-10"],
  ["T1", "u1", "2017-02-11"],
  ["T3", "u3", "2017-03-01"],
  ["T1", "u2", "2017-03-01"],
];

beforeAll(async () => {
  iso = await openIsolatedDb();
  for (const [key, created] of [
    ["T1", "2017-01-10"],
    ["T2", "2017-01-20"],
    ["T3", "2017-02-05"],
    ["T4", "2017-02-25"],
  ] as const) {
    const tenant = await iso.db.tenant.create({
      data: {
        name: `Rollups ${key}`,
        slug: `rollups-${key.toLowerCase()}-${process.pid}`,
        createdAt: new Date(`${created}T08:00:00Z`),
      },
    });
    tenants[key] = tenant.id;
  }
  for (let i = 0; i < API_TENANTS; i += 1) {
    const tenant = await iso.db.tenant.create({
      data: { name: `Api ${i}`, slug: `rollups-api-${i}-${process.pid}`, createdAt: new Date("2016-06-01T00:00:00Z") },
    });
    tenants[`A${i}`] = tenant.id;
  }
}, 120_000);

afterAll(async () => {
  await iso?.close();
});

const apiIds = () => Array.from({ length: API_TENANTS }, (_, i) => tenants[`A${i}`]!);

describe("API calls", () => {
  it("the platform hour rows are the exact sum of every workspace's, with writers and flushers racing", async () => {
    const ids = apiIds();
    // Round one: writers and flushers of every workspace at once (new rows: the INSERT trigger).
    await Promise.all([
      ...ids.flatMap((id) => Array.from({ length: 60 }, (_, i) => recordApiCall(callOf(id, i)))),
      ...ids.flatMap((id) => [flushTenantAnalytics(id), flushTenantAnalytics(id)]),
    ]);
    await Promise.all(ids.map((id) => flushTenantAnalytics(id)));
    // Round two: the same keys again (existing rows: the UPDATE path of ON CONFLICT), flushed concurrently.
    await Promise.all(ids.flatMap((id) => Array.from({ length: 30 }, (_, i) => recordApiCall(callOf(id, i)))));
    await Promise.all(ids.flatMap((id) => [flushTenantAnalytics(id), flushTenantAnalytics(id)]));
    await Promise.all(ids.map((id) => flushTenantAnalytics(id)));

    const key = (r: { hour: Date; route: string; status: number; bucket: number }) =>
      `${r.hour.toISOString()}|${r.route}|${r.status}|${r.bucket}`;
    const raw = new Map<string, { count: number; ms: number }>();
    for (const r of await iso.db.analyticsApiHourly.findMany()) {
      const sum = raw.get(key(r)) ?? { count: 0, ms: 0 };
      sum.count += r.count;
      sum.ms += Number(r.latencyMsSum);
      raw.set(key(r), sum);
    }
    const platform = new Map(
      (await iso.db.analyticsPlatformApiHourly.findMany()).map((r) => [
        key(r),
        { count: Number(r.count), ms: Number(r.latencyMsSum) },
      ]),
    );
    expect(platform).toEqual(raw);
    expect([...platform.values()].reduce((s, r) => s + r.count, 0)).toBe(API_TENANTS * 90);
  }, 120_000);

  it("the operator's trends read the rollup and agree with the raw rows", async () => {
    const query = { from: "2017-03-04T00:00:00Z", to: "2017-03-05T00:00:00Z", grain: "hour" as const };
    const calls = await loadPlatformTrend(operator, "api_calls", query, NOW);
    expect(calls.series[0]?.total).toBe(API_TENANTS * 90);
    expect(calls.series[0]?.points.find((p) => p.t === "2017-03-04T10:00:00.000Z")?.value).toBe(API_TENANTS * 90);
    // Per workspace: i = 0…59 then 0…29 → statuses cycle every four calls.
    const perStatus = (status: number) =>
      [...Array(60).keys(), ...Array(30).keys()].filter((i) => STATUSES[i % 4] === status).length * API_TENANTS;
    const byStatus = await loadPlatformTrend(operator, "api_errors", { ...query, group_by: "status" }, NOW);
    expect(Object.fromEntries(byStatus.series.map((s) => [s.group, s.total]))).toEqual({
      "200": 0,
      "201": 0,
      "404": perStatus(404),
      "500": perStatus(500),
    });
    const success = await loadPlatformTrend(operator, "api_success_rate", query, NOW);
    expect(success.series[0]?.total).toBe(
      Math.round(((perStatus(200) + perStatus(201)) / (API_TENANTS * 90)) * 1e4) / 1e4,
    );
  });
});

describe("active users and cohorts", () => {
  beforeAll(async () => {
    // Every user-day four times at once, the memo reset so each reaches the database.
    await Promise.all(
      ACTIVITY.flatMap(([tenant, user, day]) =>
        Array.from({ length: 4 }, () => {
          resetActiveMemo();
          return recordActiveUser(tenants[tenant]!, user, new Date(`${day}T09:00:00Z`));
        }),
      ),
    );
  }, 120_000);

  it("counts each user once per day and month across workspaces, exactly", async () => {
    const days = await iso.db.analyticsPlatformDay.findMany({ orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day.toISOString().slice(0, 10), d.activeUsers])).toEqual([
      ["2017-01-15", 2],
      ["2017-02-10", 2],
      ["2017-02-11", 1],
      ["2017-03-01", 2],
    ]);
    const months = await iso.db.analyticsPlatformMonth.findMany({ orderBy: { month: "asc" } });
    expect(months.map((m) => [m.month.toISOString().slice(0, 7), m.activeUsers])).toEqual([
      ["2017-01", 2],
      ["2017-02", 2],
      ["2017-03", 2],
    ]);
  });

  it("keeps cohort sizes and retained workspaces by signup month", async () => {
    const grid = await loadPlatformCohorts(operator, {
      from: new Date("2017-01-01T00:00:00Z"),
      to: new Date("2017-04-01T00:00:00Z"),
    });
    expect(grid.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([
      ["2017-01", 2, [2, 2, 1]],
      ["2017-02", 2, [1, 1]],
    ]);
    expect(grid.cohorts[1]?.rates).toEqual([0.5, 0.5]);
  });

  it("the platform KPIs from the rollups equal the KPIs from the tenants' own rows", async () => {
    const range = { from: "2017-01", to: "2017-03" };
    const fromRollups = await loadKpiInput(operator, { ...range, now: NOW });
    expect(fromRollups.cohortSummary).toBeDefined();
    const fromRows = await loadKpiInput(operator, { ...range, now: NOW, tenantIds: Object.values(tenants) });
    const a = computeKpis(fromRollups, { ...range, asOf: NOW });
    const b = computeKpis(fromRows, { ...range, asOf: NOW });
    expect(a.activity).toEqual(b.activity);
    expect(a.cohorts).toEqual(b.cohorts);
    // Jan: 2 user-days over 31 days; MAU 2.
    expect(a.activity.map((m) => m.mau)).toEqual([2, 2, 2]);
    expect(a.activity[0]?.averageDau).toBe(Math.round((2 / 31) * 100) / 100);
    expect(a.cohorts.map((c) => c.retained)).toEqual([
      [2, 2, 1],
      [1, 1],
    ]);
  });
});

describe("a corrected creation date", () => {
  it("moves the workspace and the months it was active in to its new cohort", async () => {
    await iso.db.tenant.update({ where: { id: tenants.T3! }, data: { createdAt: new Date("2017-01-31T23:00:00Z") } });
    const grid = await loadPlatformCohorts(operator, {
      from: new Date("2017-01-01T00:00:00Z"),
      to: new Date("2017-04-01T00:00:00Z"),
    });
    // Jan {T1, T2, T3}: Jan 2, Feb 3, Mar 2 · Feb {T4}: never active.
    expect(grid.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([
      ["2017-01", 3, [2, 3, 2]],
      ["2017-02", 1, [0, 0]],
    ]);
    // A change within the month moves nothing; other fields' updates touch nothing.
    await iso.db.tenant.update({ where: { id: tenants.T3! }, data: { createdAt: new Date("2017-01-02T00:00:00Z") } });
    await iso.db.tenant.updateMany({ where: { id: { in: [tenants.T1!, tenants.T4!] } }, data: { tier: "STARTER" } });
    const again = await loadPlatformCohorts(operator, {
      from: new Date("2017-01-01T00:00:00Z"),
      to: new Date("2017-04-01T00:00:00Z"),
    });
    expect(again.cohorts).toEqual(grid.cohorts);
  });
});

describe("isolation", () => {
  it("tenant-scoped work can neither read nor write the platform tables or the acquisition spend", async () => {
    const tenantId = tenants.T1!;
    for (const table of [
      "analytics_platform_api_hourly",
      "analytics_platform_user_days",
      "analytics_platform_days",
      "analytics_platform_user_months",
      "analytics_platform_months",
      "analytics_platform_tenant_months",
      "analytics_platform_cohort_sizes",
      "analytics_platform_cohorts",
      "analytics_platform_user_windows",
      "analytics_platform_user_gaps",
      "acquisition_spend",
    ]) {
      await expect(
        withTenant(tenantId, (tx) => tx.$queryRawUnsafe(`SELECT count(*) FROM "${table}"`)),
        table,
      ).rejects.toThrow(/permission denied/i);
    }
    await expect(
      withTenant(tenantId, (tx) =>
        tx.$executeRawUnsafe(`INSERT INTO analytics_platform_days (day, "activeUsers") VALUES ('2017-05-01', 99)`),
      ),
    ).rejects.toThrow(/permission denied/i);
    expect(await iso.db.analyticsPlatformDay.count({ where: { day: new Date("2017-05-01T00:00:00Z") } })).toBe(0);
  });
});

describe("trailing windows of distinct users", () => {
  it("equal the distinct users of the raw user-days after random claims, racing and backdated", async () => {
    // Ten users in three workspaces over 70 days of 2016 (no other test here writes 2016), claimed in
    // random batches, three at a time, days out of order (a backdated day splits a user's gap).
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const first = Date.UTC(2016, 0, 1);
    const DAY = 86_400_000;
    const workspaces = [tenants.A0!, tenants.A1!, tenants.A2!];
    const batch = () =>
      Array.from({ length: 12 }, () => ({
        tenantId: workspaces[Math.floor(rnd() * workspaces.length)]!,
        userId: `win-u${Math.floor(rnd() * 10)}`,
        day: new Date(first + Math.floor(rnd() * 70) * DAY),
      }));
    for (let round = 0; round < 6; round += 1) {
      await Promise.all(
        [batch(), batch(), batch()].map((data) =>
          iso.db.analyticsActiveUser.createMany({ data, skipDuplicates: true }),
        ),
      );
    }
    const raw = await iso.db.analyticsActiveUser.findMany({
      where: { userId: { startsWith: "win-u" } },
      select: { userId: true, day: true },
    });
    const windows = await iso.db.analyticsPlatformUserWindow.findMany({
      where: { day: { gte: new Date(first), lt: new Date(first + 100 * DAY) } },
    });
    const kept = new Map(windows.map((w) => [`${w.windowDays}/${w.day.getTime()}`, w.activeUsers]));
    let nonZero = 0;
    for (const n of [7, 30]) {
      for (let e = first; e < first + 100 * DAY; e += DAY) {
        const users = new Set(
          raw.filter((r) => r.day.getTime() > e - n * DAY && r.day.getTime() <= e).map((r) => r.userId),
        );
        if (users.size > 0) nonZero += 1;
        expect(kept.get(`${n}/${e}`) ?? 0, `${n} days ending ${new Date(e).toISOString().slice(0, 10)}`).toBe(
          users.size,
        );
      }
    }
    expect(nonZero).toBeGreaterThan(100);

    // The platform trend's total over 30 days reads the window; it equals the distinct count.
    const to = new Date(first + 40 * DAY + 5 * 3_600_000);
    const trend = await loadPlatformTrend(
      operator,
      "active_users",
      { from: new Date(to.getTime() - 30 * DAY).toISOString(), to: to.toISOString(), grain: "day" },
      NOW,
    );
    const lastDay = first + 39 * DAY;
    const expected = new Set(
      raw.filter((r) => r.day.getTime() > lastDay - 30 * DAY && r.day.getTime() <= lastDay).map((r) => r.userId),
    );
    expect(trend.series[0]?.total).toBe(expected.size);
  }, 120_000);

  it("any range up to 400 days, and week and month points, from the gap rows, after racing backdated claims", async () => {
    // Twelve users over 300 days of 2015 (nobody else here writes 2015), claimed in random batches,
    // three at a time, days out of order.
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const first = Date.UTC(2015, 0, 1);
    const DAY = 86_400_000;
    const workspaces = [tenants.A0!, tenants.A1!, tenants.A2!];
    const batch = () =>
      Array.from({ length: 25 }, () => ({
        tenantId: workspaces[Math.floor(rnd() * workspaces.length)]!,
        userId: `gap-u${Math.floor(rnd() * 12)}`,
        day: new Date(first + Math.floor(rnd() * 300) * DAY),
      }));
    for (let round = 0; round < 8; round += 1) {
      await Promise.all(
        [batch(), batch(), batch()].map((data) =>
          iso.db.analyticsActiveUser.createMany({ data, skipDuplicates: true }),
        ),
      );
    }
    // The distinct users the raw user-days give, per point and in total.
    const distinct = async (from: Date, to: Date, grain: "week" | "month") => {
      const points = await iso.db.$queryRawUnsafe<{ t: Date; users: number }[]>(
        `SELECT date_trunc('${grain}', day::timestamp) AT TIME ZONE 'UTC' AS t, count(DISTINCT "userId")::int AS users
         FROM analytics_platform_user_days WHERE day >= $1::date AND day < $2::date GROUP BY 1`,
        from,
        to,
      );
      const [total] = await iso.db.$queryRawUnsafe<{ users: number }[]>(
        `SELECT count(DISTINCT "userId")::int AS users FROM analytics_platform_user_days WHERE day >= $1::date AND day < $2::date`,
        from,
        to,
      );
      return { points: new Map(points.map((p) => [p.t.toISOString(), p.users])), total: total?.users ?? 0 };
    };
    const cases: [fromDay: number, days: number, grain: "day" | "week" | "month"][] = [
      [3, 14, "day"],
      [40, 90, "day"],
      [0, 300, "day"],
      [17, 90, "week"],
      [10, 200, "month"],
      [120, 45, "week"],
    ];
    for (const [fromDay, days, grain] of cases) {
      const from = new Date(first + fromDay * DAY + 7 * 3_600_000);
      const to = new Date(from.getTime() + days * DAY);
      const trend = await loadPlatformTrend(
        operator,
        "active_users",
        { from: from.toISOString(), to: to.toISOString(), grain },
        NOW,
      );
      const series = trend.series[0]!;
      const label = `${days} days from day ${fromDay} by ${grain}`;
      const expected = await distinct(from, to, grain === "day" ? "week" : grain);
      expect(series.total, label).toBe(expected.total);
      expect(expected.total, label).toBeGreaterThan(3);
      if (grain !== "day") {
        const points = new Map(series.points.filter((p) => (p.value ?? 0) > 0).map((p) => [p.t, p.value]));
        expect(points, label).toEqual(expected.points);
      }
    }
    // The gap rows hold every user-day once: per day, their users are the day's distinct users.
    const mismatched = await iso.db.$queryRaw<{ day: Date }[]>`
      SELECT coalesce(g.day, d.day) AS day FROM
        (SELECT day, sum(users)::int AS users FROM analytics_platform_user_gaps GROUP BY day HAVING sum(users) <> 0) g
        FULL JOIN (SELECT day, count(*)::int AS users FROM analytics_platform_user_days GROUP BY day) d ON d.day = g.day
      WHERE g.users IS DISTINCT FROM d.users`;
    expect(mismatched).toEqual([]);
  }, 120_000);
});
