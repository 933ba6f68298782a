// The analytics API end to end through the route handlers: scopes, a workspace sees only its own
// figures and dashboards, the CSV export streams escaped rows, dashboards CRUD.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { flushTenantAnalytics } from "@/lib/analytics/flush";
import { recordApiCall } from "@/lib/analytics/record";
import { createApiKey } from "@/lib/api-keys/keys";
import type { TenantContext } from "@/lib/tenancy/context";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

const metrics = await import("@/app/api/v1/analytics/metrics/route");
const trend = await import("@/app/api/v1/analytics/metrics/[name]/trend/route");
const kpis = await import("@/app/api/v1/analytics/kpis/route");
const realtime = await import("@/app/api/v1/analytics/metrics/realtime/route");
const csv = await import("@/app/api/v1/analytics/export.csv/route");
const dashboards = await import("@/app/api/v1/analytics/dashboards/route");
const dashboard = await import("@/app/api/v1/analytics/dashboards/[id]/route");

let t: TestDb;
let a: TenantContext;
let b: TenantContext;
let keyA: string;
let keyB: string;
let writerA: string;
const AT = new Date("2019-06-10T14:20:00Z");
const RANGE = "from=2019-06-10T00:00:00Z&to=2019-06-11T00:00:00Z";

beforeAll(async () => {
  t = await openTestDb();
  [a, b] = await Promise.all([tenantWithOwner(t.db, "ENTERPRISE"), tenantWithOwner(t.db, "ENTERPRISE")]);
  keyA = (await createApiKey(a, { name: "analytics", scopes: ["analytics:read"] })).secret;
  writerA = (await createApiKey(a, { name: "writer", scopes: ["analytics:read", "analytics:write"] })).secret;
  keyB = (await createApiKey(b, { name: "analytics", scopes: ["analytics:read"] })).secret;
  const calls = [
    ...Array.from({ length: 9 }, (_, i) => ({ tenantId: a.tenant.id, status: i < 6 ? 200 : 500 })),
    ...Array.from({ length: 4 }, () => ({ tenantId: b.tenant.id, status: 201 })),
  ];
  await Promise.all(
    calls.map((c) => recordApiCall({ ...c, route: "GET /api/v1/members", latencyMs: 30, userId: null, now: AT })),
  );
  await Promise.all([flushTenantAnalytics(a.tenant.id), flushTenantAnalytics(b.tenant.id)]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("analytics API", () => {
  it("lists the workspace's catalog (no platform KPIs)", async () => {
    const res = await call(metrics.GET, "GET", "/api/v1/analytics/metrics", { key: keyA });
    expect(res.status).toBe(200);
    const names = res.json.data.map((m: { name: string }) => m.name);
    expect(names).toContain("api_latency_p95");
    expect(names).not.toContain("mrr");
  });

  it("answers each workspace's trend from its own calls only", async () => {
    const path = `/api/v1/analytics/metrics/api_calls/trend?${RANGE}&grain=hour&group_by=status`;
    const mine = await call(trend.GET, "GET", path, { key: keyA, params: { name: "api_calls" } });
    expect(mine.status).toBe(200);
    expect(mine.json.series.map((s: { group: string; total: number }) => [s.group, s.total])).toEqual([
      ["200", 6],
      ["500", 3],
    ]);
    const theirs = await call(trend.GET, "GET", path, { key: keyB, params: { name: "api_calls" } });
    expect(theirs.json.series.map((s: { group: string; total: number }) => [s.group, s.total])).toEqual([["201", 4]]);
    const unknown = await call(trend.GET, "GET", `/api/v1/analytics/metrics/mrr/trend?${RANGE}`, {
      key: keyA,
      params: { name: "mrr" },
    });
    expect(unknown.status).toBe(404);
    const bad = await call(trend.GET, "GET", `/api/v1/analytics/metrics/api_calls/trend?grain=minute`, {
      key: keyA,
      params: { name: "api_calls" },
    });
    expect(bad.status).toBe(400);
  });

  it("answers KPIs and the realtime view", async () => {
    const k = await call(kpis.GET, "GET", "/api/v1/analytics/kpis", { key: keyA });
    expect(k.status).toBe(200);
    expect(k.json.kpis.map((x: { metric: string }) => x.metric)).toContain("api_success_rate");
    const r = await call(realtime.GET, "GET", "/api/v1/analytics/metrics/realtime", { key: keyA });
    expect(r.status).toBe(200);
    expect(r.json.minutes).toHaveLength(60);
  });

  it("streams a CSV of any range, with the workspace's rows only", async () => {
    const response = await csv.GET(
      new Request(`http://localhost/api/v1/analytics/export.csv?metric=api_calls&${RANGE}&grain=hour&group_by=status`, {
        headers: { authorization: `Bearer ${keyA}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(await response.text()).toBe(
      "time,metric,group,value,unit\r\n" +
        "2019-06-10T14:00:00.000Z,api_calls,200,6,count\r\n" +
        "2019-06-10T14:00:00.000Z,api_calls,500,3,count\r\n",
    );
    const refused = await csv.GET(
      new Request("http://localhost/api/v1/analytics/export.csv?metric=api_calls&group_by=tier", {
        headers: { authorization: `Bearer ${keyA}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(refused.status).toBe(400);
  });

  it("dashboards CRUD needs analytics:write and stays in its workspace", async () => {
    const spec = {
      version: 1,
      widgets: [
        { id: "w1", type: "kpi", metric: "api_calls", range: "7d", grain: "day", layout: { x: 0, y: 0, w: 3, h: 2 } },
      ],
    };
    const denied = await call(dashboards.POST, "POST", "/api/v1/analytics/dashboards", {
      key: keyA,
      body: { name: "X" },
    });
    expect(denied.status).toBe(403);
    const created = await call(dashboards.POST, "POST", "/api/v1/analytics/dashboards", {
      key: writerA,
      body: { name: "API board", spec },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const patched = await call(dashboard.PATCH, "PATCH", `/api/v1/analytics/dashboards/${id}`, {
      key: writerA,
      params: { id },
      body: { name: "Renamed" },
    });
    expect(patched.json).toMatchObject({ name: "Renamed", spec });
    const list = await call(dashboards.GET, "GET", "/api/v1/analytics/dashboards", { key: keyA });
    expect(list.json.data.map((d: { name: string }) => d.name)).toContain("Renamed");
    const other = await call(dashboard.GET, "GET", `/api/v1/analytics/dashboards/${id}`, { key: keyB, params: { id } });
    expect(other.status).toBe(404);
    const invalid = await call(dashboard.PATCH, "PATCH", `/api/v1/analytics/dashboards/${id}`, {
      key: writerA,
      params: { id },
      body: { spec: { widgets: [{ ...spec.widgets[0], layout: { x: 11, y: 0, w: 3, h: 2 } }] } },
    });
    expect(invalid.status).toBe(400);
    const removed = await call(dashboard.DELETE, "DELETE", `/api/v1/analytics/dashboards/${id}`, {
      key: writerA,
      params: { id },
    });
    expect(removed.status).toBe(204);
  });
});
