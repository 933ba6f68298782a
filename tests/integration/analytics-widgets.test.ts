// The funnel and cohort-grid widgets: what a dashboard may hold (validated with field errors), a
// funnel's steps and drop-offs from a workspace's own custom events only, and cohort grids of a
// workspace's members and of the platform's workspaces. Instants in 2017 keep other files out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDashboard } from "@/lib/analytics/dashboards";
import { loadPlatformWidgetData, loadTenantWidgetData } from "@/lib/analytics/widget-data";
import { isAppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { testOperator } from "../helpers/operator";

let t: TestDb;
let a: TenantContext;
let b: TenantContext;
const operator = testOperator("widgets-operator");
const NOW = new Date("2017-06-15T10:00:00Z");
const at = (day: string) => new Date(`${day}T12:00:00Z`);

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "validation_failed") return error.details as Record<string, string[]>;
    throw error;
  }
  throw new Error("expected a validation error");
}

beforeAll(async () => {
  t = await openTestDb();
  [a, b] = await Promise.all([tenantWithOwner(t.db), tenantWithOwner(t.db)]);
  const db = t.db;
  // Workspace a: created in February 2017 with its owner and m2; m3 joins in April.
  // Workspace b: created in April 2017.
  await db.tenant.update({ where: { id: a.tenant.id }, data: { createdAt: at("2017-02-03") } });
  await db.tenant.update({ where: { id: b.tenant.id }, data: { createdAt: at("2017-04-03") } });
  await db.membership.update({
    where: { tenantId_userId: { tenantId: a.tenant.id, userId: a.user.id } },
    data: { createdAt: at("2017-02-03") },
  });
  await db.membership.update({
    where: { tenantId_userId: { tenantId: b.tenant.id, userId: b.user.id } },
    data: { createdAt: at("2017-04-03") },
  });
  const member = async (day: string) => {
    const user = await db.user.create({ data: { email: `${uniq("w")}@example.test` } });
    await db.membership.create({
      data: { tenantId: a.tenant.id, userId: user.id, role: "MEMBER", createdAt: at(day) },
    });
    return user.id;
  };
  const m2 = await member("2017-02-10");
  const m3 = await member("2017-04-20");
  const act = (tenantId: string, userId: string, day: string) => ({ tenantId, userId, day: at(day) });
  await db.analyticsActiveUser.createMany({
    data: [
      act(a.tenant.id, a.user.id, "2017-02-03"),
      act(a.tenant.id, a.user.id, "2017-02-04"),
      act(a.tenant.id, a.user.id, "2017-03-01"),
      act(a.tenant.id, a.user.id, "2017-05-02"),
      act(a.tenant.id, m2, "2017-02-11"),
      act(a.tenant.id, m3, "2017-04-21"),
      act(a.tenant.id, m3, "2017-05-21"),
      act(b.tenant.id, b.user.id, "2017-04-03"),
    ],
  });

  const event = (tenantId: string, eventName: string, value: number, day: string) => ({
    tenantId,
    idempotencyKey: uniq("ev"),
    eventName,
    value,
    occurredAt: at(day),
  });
  await db.usageEvent.createMany({
    data: [
      event(a.tenant.id, "visit", 6, "2017-06-01"),
      event(a.tenant.id, "visit", 4, "2017-06-10"),
      event(a.tenant.id, "signup", 4, "2017-06-02"),
      event(a.tenant.id, "paid", 1, "2017-06-03"),
      event(a.tenant.id, "visit", 5, "2017-05-01"), // the 30 days before
      event(b.tenant.id, "visit", 100, "2017-06-01"), // another workspace's
      event(b.tenant.id, "paid", 50, "2017-06-01"),
    ],
  });
}, 60_000);

afterAll(async () => {
  await t.close();
});

const funnelParams = (steps: unknown) =>
  new URLSearchParams({
    type: "funnel",
    metric: "custom_events",
    range: "30d",
    grain: "day",
    steps: typeof steps === "string" ? steps : JSON.stringify(steps),
  });

describe("funnel widget", () => {
  it("each step's total from the workspace's own events, with the drop-off at each step", async () => {
    const data = await loadTenantWidgetData(
      a,
      funnelParams([
        { metric: "custom_events", event: "visit" },
        { metric: "custom_events", event: "signup", label: "Signed up" },
        { metric: "custom_events", event: "paid" },
      ]),
      NOW,
    );
    expect(data).toMatchObject({
      kind: "funnel",
      steps: [
        { label: "visit", value: 10, previous: 5, of_first: 1, of_previous: null },
        { label: "Signed up", value: 4, previous: 0, of_first: 0.4, of_previous: 0.4 },
        { label: "paid", value: 1, previous: 0, of_first: 0.1, of_previous: 0.25 },
      ],
    });
  });

  it("refuses steps that are not counts, a single step, and broken JSON, with field errors", async () => {
    expect(
      await fieldErrorsOf(
        loadTenantWidgetData(a, funnelParams([{ metric: "api_calls" }, { metric: "api_success_rate" }]), NOW),
      ),
    ).toHaveProperty(["steps.1.metric"]);
    expect(await fieldErrorsOf(loadTenantWidgetData(a, funnelParams([{ metric: "api_calls" }]), NOW))).toEqual({
      steps: ["A funnel needs at least two steps."],
    });
    expect(await fieldErrorsOf(loadTenantWidgetData(a, funnelParams("[{"), NOW))).toEqual({
      steps: ["The steps are not valid JSON."],
    });
  });

  it("a dashboard holds a funnel only with two to six count steps, and a workspace never gets platform metrics", async () => {
    const widget = (steps: unknown) => ({
      id: "f1",
      type: "funnel",
      metric: "custom_events",
      range: "30d",
      grain: "day",
      steps,
      layout: { x: 0, y: 0, w: 6, h: 4 },
    });
    const owner = { kind: "tenant" as const, ctx: a };
    const ok = await createDashboard(owner, {
      name: "Funnel",
      spec: { version: 1, widgets: [widget([{ metric: "custom_events", event: "visit" }, { metric: "api_calls" }])] },
    });
    expect(ok.spec.widgets[0]?.steps).toHaveLength(2);
    expect(
      await fieldErrorsOf(
        createDashboard(owner, { name: "Bad", spec: { version: 1, widgets: [widget([{ metric: "api_calls" }])] } }),
      ),
    ).toHaveProperty(["spec.widgets.0.steps"]);
    expect(
      await fieldErrorsOf(
        createDashboard(owner, {
          name: "Bad",
          spec: { version: 1, widgets: [widget([{ metric: "api_calls", event: "visit" }, { metric: "api_errors" }])] },
        }),
      ),
    ).toHaveProperty(["spec.widgets.0.steps.0.event"]);
    expect(
      await fieldErrorsOf(
        createDashboard(owner, {
          name: "Bad",
          spec: { version: 1, widgets: [widget([{ metric: "api_calls" }, { metric: "signups" }])] },
        }),
      ),
    ).toHaveProperty(["spec.widgets.0.steps.1.metric"]);
    expect(
      await fieldErrorsOf(
        createDashboard(owner, {
          name: "Bad",
          spec: { version: 1, widgets: [{ ...widget(undefined), type: "cohort", metric: "api_calls" }] },
        }),
      ),
    ).toHaveProperty(["spec.widgets.0.metric"]);
  });
});

describe("cohort grid widget", () => {
  const cohortParams = new URLSearchParams({ type: "cohort", metric: "active_users", range: "12m", grain: "month" });

  it("a workspace's members by the month they joined, retained when active", async () => {
    const data = await loadTenantWidgetData(a, cohortParams, NOW);
    expect(data).toMatchObject({ kind: "cohort", of: "members", to: "2017-06" });
    if (!("kind" in data) || data.kind !== "cohort") throw new Error("not a cohort grid");
    expect(data.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([
      ["2017-02", 2, [2, 1, 0, 1, 0]],
      ["2017-04", 1, [1, 1, 0]],
    ]);
    expect(data.cohorts[0]?.rates).toEqual([1, 0.5, 0, 0.5, 0]);
  });

  it("another workspace sees only its own members", async () => {
    const data = await loadTenantWidgetData(b, cohortParams, NOW);
    if (!("kind" in data) || data.kind !== "cohort") throw new Error("not a cohort grid");
    expect(data.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([["2017-04", 1, [1, 0, 0]]]);
  });

  it("the operator's grid is workspaces by creation month", async () => {
    const data = await loadPlatformWidgetData(operator, cohortParams, NOW);
    if (!("kind" in data) || data.kind !== "cohort") throw new Error("not a cohort grid");
    expect(data.of).toBe("workspaces");
    expect(data.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([
      ["2017-02", 1, [1, 1, 1, 1, 0]],
      ["2017-04", 1, [1, 0, 0]],
    ]);
  });
});
