// The operator's trends and CSV rows, across all workspaces: API calls and active users from the
// platform rollups the triggers keep (analytics_platform_*), KPIs from the KPI report. Read with
// the process client in one transaction per trend; operators only.
import "server-only";

import { getDb } from "../db/client";
import { assertOperator, type Operator } from "../tenancy/operator";
import { exportRows, inOrder, trendFor, utc } from "./trend-run";
import { resolveGroup, resolveMetric, type Audience, type Exec, type Trend, type TrendQuery } from "./trend-shape";

/** The platform's trend of a metric, across all workspaces (operators only). */
export async function loadPlatformTrend(
  operator: Operator,
  name: string,
  query: TrendQuery,
  now = new Date(),
): Promise<Trend> {
  assertOperator(operator);
  return trendFor({ kind: "platform", operator }, await platformExec(), name, query, now);
}

async function platformExec(): Promise<Exec> {
  const db = await getDb();
  return (queries) =>
    db.$transaction(async (tx) => {
      await utc(tx);
      return inOrder(tx, queries);
    });
}

export async function platformExportRows(operator: Operator, name: string, query: TrendQuery, now = new Date()) {
  assertOperator(operator);
  const a: Audience = { kind: "platform", operator };
  resolveGroup(resolveMetric(a, name), query.group_by);
  return exportRows(a, await platformExec(), name, query, now);
}
