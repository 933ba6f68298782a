// The demo seed's analytics history: a year of hourly API traffic, active members, acquisition
// spend and default dashboards, so every chart means something on first start; idempotent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listDashboards } from "@/lib/analytics/dashboards";
import { loadPlatformKpis } from "@/lib/analytics/kpis";
import { loadTenantTrend } from "@/lib/analytics/trends";
import { seed } from "@/lib/db/seed";
import { operatorFromUser } from "@/lib/http/operator";
import { buildTenantContext } from "@/lib/tenancy/context";

import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
const operator = operatorFromUser({ id: "op", email: "op@example.test", name: "Op", isPlatformAdmin: true });

beforeAll(async () => {
  t = await openTestDb();
  await seed(t.db);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe("seeded analytics", () => {
  it("gives each demo workspace a year of traffic, members and a dashboard, once", async () => {
    const delta = await t.db.tenant.findUniqueOrThrow({ where: { slug: "delta" } });
    const owner = await t.db.user.findUniqueOrThrow({ where: { email: "dana@delta.test" } });
    const ctx = buildTenantContext({ ...owner, isPlatformAdmin: false }, delta, "OWNER");
    const rows = await t.db.analyticsApiHourly.count({ where: { tenantId: delta.id } });
    expect(rows).toBeGreaterThan(1000);
    const oldest = await t.db.analyticsApiHourly.findFirst({ where: { tenantId: delta.id }, orderBy: { hour: "asc" } });
    expect(Date.now() - oldest!.hour.getTime()).toBeGreaterThan(360 * 86_400_000);

    const now = new Date();
    const day = await loadTenantTrend(ctx, "api_calls", {
      from: new Date(now.getTime() - 86_400_000).toISOString(),
      to: now.toISOString(),
      grain: "hour",
    });
    expect(day.series[0]!.points.filter((p) => (p.value ?? 0) > 0).length).toBeGreaterThan(12);
    const errors = await loadTenantTrend(ctx, "api_success_rate", { grain: "day" });
    expect(errors.series[0]!.total).toBeGreaterThan(0.9);
    expect(errors.series[0]!.total).toBeLessThan(1);
    expect(await t.db.analyticsActiveUser.count({ where: { tenantId: delta.id } })).toBeGreaterThan(200);

    expect((await listDashboards({ kind: "tenant", ctx })).map((d) => d.name)).toContain("Overview");
    expect((await listDashboards({ kind: "platform", operator })).map((d) => d.name)).toContain("Platform overview");

    await seed(t.db);
    expect(await t.db.analyticsApiHourly.count({ where: { tenantId: delta.id } })).toBe(rows);
  });

  it("feeds the platform KPIs: MRR, spend and cohorts", async () => {
    const report = await loadPlatformKpis(operator);
    const usd = report.currencies.find((c) => c.currency === "usd");
    expect(usd?.months.at(-1)?.mrr).toBeGreaterThan(0);
    expect(usd?.months.some((m) => m.spend > 0)).toBe(true);
    expect(report.cohorts.length).toBeGreaterThan(0);
    expect(report.activity.at(-1)?.mau).toBeGreaterThan(0);
  });
});
