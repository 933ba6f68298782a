// The SQL of each trend source: API calls, errors, success rate and latency buckets (the hourly
// rows), active users (user-days), custom events, money (payments less refunds), sign-ups and
// workspaces created. A workspace reads its own rows (tenantId pinned); the operator reads the
// platform rollups the triggers keep (analytics_platform_*), so platform reads do not grow with
// the number of workspaces. Reads are bounded by the range on the leading (tenantId, hour) or
// (hour) key.
import "server-only";

import { countedProviders } from "../billing/provider-mode";
import { Prisma } from "../db/generated/client";
import { AppError } from "@/lib/errors";
import type { Grain, MetricDef } from "./catalog";
import { clean, type Audience, type Exec, type Range } from "./trend-shape";

const trunc = (grain: Grain | null, column: string) =>
  grain ? Prisma.sql`date_trunc(${Prisma.raw(`'${grain}'`)}, ${Prisma.raw(column)})` : Prisma.sql`NULL::timestamptz`;

/** Internal column names per metric dimension (never user text in SQL). */
const DIMENSION_COLUMNS: Record<string, string> = {
  route: "route",
  status: "status::text",
  event_name: '"eventName"',
  currency: "currency",
  tier: "tier::text",
};

function groupExpr(groupBy: string | null): Prisma.Sql {
  if (!groupBy) return Prisma.sql`NULL::text`;
  const column = DIMENSION_COLUMNS[groupBy];
  if (!column) throw new AppError("bad_request", `Cannot group by “${groupBy}”.`);
  return Prisma.raw(column);
}

const tenantFilter = (a: Audience) => (a.kind === "tenant" ? Prisma.sql`AND "tenantId" = ${a.tenantId}` : Prisma.empty);

/**
 * The table an API-call or active-user read uses: the workspace's own rows, or for the operator the
 * platform rollups the triggers keep (one row per hour/route/status/bucket or per user-day, however
 * many workspaces), so platform reads do not grow with the number of workspaces.
 */
const apiTable = (a: Audience) =>
  Prisma.raw(a.kind === "tenant" ? "analytics_api_hourly" : "analytics_platform_api_hourly");
const activeTable = (a: Audience) =>
  Prisma.raw(a.kind === "tenant" ? "analytics_active_users" : "analytics_platform_user_days");

/** Trailing windows of distinct users the platform keeps (analytics_platform_user_windows). */
const WINDOW_DAYS = [7, 30];
const DAY_MS = 86_400_000;

/**
 * The kept window a range's days are, if any: the days [from's UTC day, to's UTC day), as the
 * user-day queries read them, spanning exactly 7 or 30 days; `last` is the window's last day.
 */
export function trailingWindow(range: Range): { days: number; last: Date } | null {
  const first = Math.floor(range.from.getTime() / DAY_MS);
  const end = Math.floor(range.to.getTime() / DAY_MS);
  const days = end - first;
  return WINDOW_DAYS.includes(days) ? { days, last: new Date((end - 1) * DAY_MS) } : null;
}

/** The longest range (or bucket) in days analytics_platform_user_gaps counts distinct users of. */
const MAX_GAP_DAYS = 400;

/** The UTC days [from's day, to's day) a range's user-day queries read. */
const spanDays = (range: Range) => Math.floor(range.to.getTime() / DAY_MS) - Math.floor(range.from.getTime() / DAY_MS);

export function sqlFor(
  metric: MetricDef,
  a: Audience,
  range: Range,
  grain: Grain | null,
  groupBy: string | null,
): Prisma.Sql {
  const g = groupExpr(groupBy);
  const { from, to } = range;
  switch (metric.name) {
    case "api_calls":
    case "api_errors":
    case "api_success_rate": {
      const value =
        metric.name === "api_calls"
          ? Prisma.sql`sum(count)::float8`
          : metric.name === "api_errors"
            ? Prisma.sql`coalesce(sum(count) FILTER (WHERE status >= 400), 0)::float8`
            : Prisma.sql`(coalesce(sum(count) FILTER (WHERE status < 400), 0)::float8 / nullif(sum(count), 0))`;
      return Prisma.sql`SELECT ${trunc(grain, "hour")} AS t, ${g} AS g, ${value} AS value
        FROM ${apiTable(a)} WHERE hour >= ${from} AND hour < ${to} ${tenantFilter(a)} GROUP BY 1, 2`;
    }
    case "api_latency_p50":
    case "api_latency_p95":
    case "api_latency_p99":
      return Prisma.sql`SELECT ${trunc(grain, "hour")} AS t, ${g} AS g, bucket, sum(count)::float8 AS value
        FROM ${apiTable(a)} WHERE hour >= ${from} AND hour < ${to} ${tenantFilter(a)} GROUP BY 1, 2, 3`;
    case "active_users": {
      // The platform's distinct users over a trailing 7 or 30 days are counted at write time too.
      const window = a.kind === "platform" && grain === null && !groupBy ? trailingWindow(range) : null;
      if (window) {
        return Prisma.sql`SELECT NULL::timestamptz AS t, NULL::text AS g, coalesce((
            SELECT "activeUsers" FROM analytics_platform_user_windows
            WHERE "windowDays" = ${window.days} AND day = ${window.last}::date), 0)::float8 AS value`;
      }
      // The platform's distinct users of a whole day are counted at write time.
      if (a.kind === "platform" && (grain === "day" || grain === "hour")) {
        return Prisma.sql`SELECT day::timestamptz AS t, NULL::text AS g, "activeUsers"::float8 AS value
          FROM analytics_platform_days WHERE day >= ${from}::date AND day < ${to}::date`;
      }
      // Any other platform range (week and month points, totals up to 400 days): the user-days per
      // day and gap since the user's previous day; a user counts at its first day in the bucket.
      const gapped = a.kind === "platform" && !groupBy && (grain !== null || spanDays(range) <= MAX_GAP_DAYS);
      if (gapped) {
        const bucket = grain ? Prisma.sql`date_trunc(${grain}, day::timestamp)::date` : Prisma.sql`${from}::date`;
        return Prisma.sql`SELECT ${trunc(grain, "day::timestamptz")} AS t, NULL::text AS g, sum(users)::float8 AS value
          FROM analytics_platform_user_gaps
          WHERE day >= ${from}::date AND day < ${to}::date AND gap > day - greatest(${bucket}, ${from}::date)
          GROUP BY 1, 2`;
      }
      // Days are the finest grain stored: an hourly trend of active users shows days.
      return Prisma.sql`SELECT ${trunc(grain === "hour" ? "day" : grain, "day::timestamptz")} AS t, ${g} AS g,
          count(DISTINCT "userId")::float8 AS value
        FROM ${activeTable(a)} WHERE day >= ${from}::date AND day < ${to}::date ${tenantFilter(a)} GROUP BY 1, 2`;
    }
    case "custom_events":
      return Prisma.sql`SELECT ${trunc(grain, '"occurredAt"')} AS t, ${g} AS g, sum(value)::float8 AS value
        FROM usage_events WHERE "occurredAt" >= ${from} AND "occurredAt" < ${to} ${tenantFilter(a)} GROUP BY 1, 2`;
    case "spend":
    case "revenue": {
      const providers = Prisma.join(countedProviders());
      return Prisma.sql`SELECT ${trunc(grain, "at")} AS t, ${g} AS g, sum(amount)::float8 AS value FROM (
          SELECT coalesce("paidAt", "providerCreatedAt") AS at, currency, amount FROM payments
          WHERE status = 'SUCCEEDED' AND provider::text IN (${providers}) ${tenantFilter(a)}
            AND coalesce("paidAt", "providerCreatedAt") >= ${from} AND coalesce("paidAt", "providerCreatedAt") < ${to}
          UNION ALL
          SELECT "providerCreatedAt", currency, -amount FROM refunds
          WHERE provider::text IN (${providers}) AND status NOT IN ('failed', 'canceled', 'cancelled') ${tenantFilter(a)}
            AND "providerCreatedAt" >= ${from} AND "providerCreatedAt" < ${to}
        ) money GROUP BY 1, 2`;
    }
    case "signups":
      return Prisma.sql`SELECT ${trunc(grain, '"createdAt"')} AS t, ${g} AS g, count(*)::float8 AS value
        FROM users WHERE "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1, 2`;
    case "workspaces_created":
      return Prisma.sql`SELECT ${trunc(grain, '"createdAt"')} AS t, ${g} AS g, count(*)::float8 AS value
        FROM tenants WHERE "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1, 2`;
    default:
      throw new AppError("bad_request", `“${metric.name}” has no hourly trend.`);
  }
}

export async function run(
  exec: Exec,
  metric: MetricDef,
  a: Audience,
  range: Range,
  grain: Grain | null,
  groupBy: string | null,
) {
  const [rows] = await exec([sqlFor(metric, a, range, grain, groupBy)]);
  return clean(metric, rows ?? []);
}
