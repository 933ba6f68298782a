// Cohort retention grids for the dashboard's cohort widget. A workspace's cohorts are its members
// by the month they joined, retained in a later month when they were active in it; the operator's
// are workspaces by the month they were created, retained when any member was active (the same
// definition as docs/metrics.md → Cohort retention). Reads are bounded by the range: members or
// workspaces created in it, activity rows of its days.
import "server-only";

import { addMonths, monthKeyOf, monthsBetween, monthStartOf } from "../billing/reports/months";
import { getDb } from "../db/client";
import { withTenant } from "../db/tenant";
import { assertOperator, type Operator } from "../tenancy/operator";
import { assertCan, type TenantContext } from "../tenancy/context";
import { cohortsFromSummary, ratio, type RetentionCohort } from "./kpi-math";
import { loadPlatformCohortSummary } from "./kpis";

/** The most months a cohort grid spans. */
export const MAX_COHORT_MONTHS = 24;

export interface CohortGridData {
  kind: "cohort";
  /** What a cohort is made of. */
  of: "members" | "workspaces";
  from: string;
  to: string;
  cohorts: RetentionCohort[];
}

/**
 * Cohorts by the month each id joined; retained[k] counts the ids active in month (cohort + k),
 * up to the range's last month.
 */
export function cohortGrid(
  joined: readonly { id: string; month: string }[],
  active: readonly { id: string; month: string }[],
  from: string,
  to: string,
): RetentionCohort[] {
  const activeMonths = new Map<string, Set<string>>();
  for (const a of active) {
    let set = activeMonths.get(a.id);
    if (!set) activeMonths.set(a.id, (set = new Set()));
    set.add(a.month);
  }
  const cohorts = new Map<string, string[]>();
  for (const j of joined) {
    if (j.month < from || j.month > to) continue;
    const list = cohorts.get(j.month) ?? [];
    list.push(j.id);
    cohorts.set(j.month, list);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, ids]) => {
      const retained = monthsBetween(month, to).map((m) => ids.filter((id) => activeMonths.get(id)?.has(m)).length);
      return { month, size: ids.length, retained, rates: retained.map((r) => ratio(r, ids.length) ?? 0) };
    });
}

/** The months a range covers: from its first instant's month to the month of its last instant. */
export function cohortMonths(range: { from: Date; to: Date }): { from: string; to: string } {
  const to = monthKeyOf(new Date(range.to.getTime() - 1));
  let from = monthKeyOf(range.from);
  if (monthsBetween(from, to).length > MAX_COHORT_MONTHS) from = addMonths(to, -(MAX_COHORT_MONTHS - 1));
  return { from, to };
}

const monthOfDay = (day: Date) => monthKeyOf(day);

/** A workspace's members by the month they joined, retained when active (dashboards:read). */
export async function loadTenantCohorts(ctx: TenantContext, range: { from: Date; to: Date }): Promise<CohortGridData> {
  assertCan(ctx, "dashboards:read");
  const { from, to } = cohortMonths(range);
  const start = monthStartOf(from);
  const end = monthStartOf(addMonths(to, 1));
  const tenantId = ctx.tenant.id;
  const [members, active] = await withTenant(tenantId, (tx) =>
    Promise.all([
      tx.membership.findMany({
        where: { tenantId, createdAt: { gte: start, lt: end } },
        select: { userId: true, createdAt: true },
      }),
      tx.analyticsActiveUser.findMany({
        where: { tenantId, day: { gte: start, lt: end } },
        select: { userId: true, day: true },
        distinct: ["userId", "day"],
      }),
    ]),
  );
  return {
    kind: "cohort",
    of: "members",
    from,
    to,
    cohorts: cohortGrid(
      members.map((m) => ({ id: m.userId, month: monthKeyOf(m.createdAt) })),
      active.map((a) => ({ id: a.userId, month: monthOfDay(a.day) })),
      from,
      to,
    ),
  };
}

/**
 * Workspaces by the month they were created, retained when any member was active (operators): from
 * the platform rollups (cohort sizes and retained counts per month pair), not the tenants' rows.
 */
export async function loadPlatformCohorts(
  operator: Operator,
  range: { from: Date; to: Date },
): Promise<CohortGridData> {
  assertOperator(operator);
  const { from, to } = cohortMonths(range);
  const start = monthStartOf(from);
  const end = monthStartOf(addMonths(to, 1));
  const summary = await loadPlatformCohortSummary(await getDb(), start, end);
  return { kind: "cohort", of: "workspaces", from, to, cohorts: cohortsFromSummary(summary, { from, to }) };
}
