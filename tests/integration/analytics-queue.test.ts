// API calls gathered in-process and written together (queueApiCall, issue 11.1) end in exactly the
// counters that writing each call on its own (recordApiCall) gives: the tenant's realtime minute,
// its distinct users, its hour hash (flushed to analytics_api_hourly) and the platform's minute.
// Fixed instants in 2018 keep other test files' traffic out of the sums.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getRedis } from "@/lib/cache/redis";
import { flushTenantAnalytics } from "@/lib/analytics/flush";
import { analyticsKeys, minuteTag } from "@/lib/analytics/keys";
import { queueApiCall, recordApiCall, settleTracked, type ApiCallRecord } from "@/lib/analytics/record";
import type { TenantContext } from "@/lib/tenancy/context";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let single: TenantContext;
let gathered: TenantContext;
const ONE_BY_ONE = new Date("2018-06-01T09:15:30Z");
const TOGETHER = new Date("2018-06-01T09:16:30Z");

const ROUTES = ["GET /api/v1/members", "POST /api/v1/usage/events", "GET /api/v1/ping"];
const STATUSES = [200, 200, 201, 404, 429, 500, 200];
const LATENCIES = [1, 3, 8, 40, 120, 700, 6000, 2.4];
const USERS = [null, "user-a", null, "user-b", "user-c"];

const callOf = (tenantId: string, i: number, now: Date): ApiCallRecord => ({
  tenantId,
  route: ROUTES[i % ROUTES.length]!,
  status: STATUSES[i % STATUSES.length]!,
  latencyMs: LATENCIES[i % LATENCIES.length]!,
  userId: USERS[i % USERS.length]!,
  now,
});

const CALLS = 420;

beforeAll(async () => {
  const redis = await getRedis();
  for (const at of [ONE_BY_ONE, TOGETHER]) {
    const minute = minuteTag(at);
    await redis.del(
      analyticsKeys.minute(analyticsKeys.platformScope, minute),
      analyticsKeys.minuteUsers(analyticsKeys.platformScope, minute),
    );
  }
  t = await openTestDb();
  [single, gathered] = await Promise.all([tenantWithOwner(t.db), tenantWithOwner(t.db)]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("API calls gathered before they are written", () => {
  it("end in the same counters as calls written one by one", { timeout: 60_000 }, async () => {
    const redis = await getRedis();
    await Promise.all(Array.from({ length: CALLS }, (_, i) => recordApiCall(callOf(single.tenant.id, i, ONE_BY_ONE))));
    for (let i = 0; i < CALLS; i += 1) queueApiCall(callOf(gathered.tenant.id, i, TOGETHER));
    // Nothing is written on the request's path.
    const minute = (scope: string, at: Date) => analyticsKeys.minute(scope, minuteTag(at));
    const tenantMinute = minute(analyticsKeys.tenantScope(gathered.tenant.id), TOGETHER);
    expect(await redis.hgetall(tenantMinute)).toBeNull();
    await settleTracked();

    const hash = async (key: string) => (await redis.hgetall<Record<string, unknown>>(key)) ?? {};
    const expected = await hash(minute(analyticsKeys.tenantScope(single.tenant.id), ONE_BY_ONE));
    expect(Number(expected.calls)).toBe(CALLS);
    expect(await hash(tenantMinute)).toEqual(expected);
    expect(await hash(minute(analyticsKeys.platformScope, TOGETHER))).toEqual(
      await hash(minute(analyticsKeys.platformScope, ONE_BY_ONE)),
    );
    const users = async (scope: string, at: Date) =>
      redis.smembers(analyticsKeys.minuteUsers(scope, minuteTag(at))).catch(() => null);
    const distinct = async (scope: string, at: Date) =>
      (await users(scope, at))?.sort() ?? redis.pfcount(analyticsKeys.minuteUsers(scope, minuteTag(at)));
    expect(await distinct(analyticsKeys.tenantScope(gathered.tenant.id), TOGETHER)).toEqual(
      await distinct(analyticsKeys.tenantScope(single.tenant.id), ONE_BY_ONE),
    );

    // The hour hashes flush to the same rows.
    await flushTenantAnalytics(single.tenant.id);
    await flushTenantAnalytics(gathered.tenant.id);
    const rows = async (tenantId: string) =>
      (await t.db.analyticsApiHourly.findMany({ where: { tenantId } }))
        .map((r) => [r.route, r.status, r.bucket, r.count, Number(r.latencyMsSum)].join(" "))
        .sort();
    const singleRows = await rows(single.tenant.id);
    expect(singleRows.length).toBeGreaterThan(5);
    expect(await rows(gathered.tenant.id)).toEqual(singleRows);
  });
});
