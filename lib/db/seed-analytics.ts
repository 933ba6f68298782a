// Twelve months of analytics history for the demo workspaces, written set-based (one INSERT …
// SELECT per table over generate_series, deterministic through hashtext), so it costs well under a
// second even on the embedded database:
//  - API calls per hour, route, status and latency bucket: two busy hours a day over the year, four
//    over the last 30 days, and every hour of the last two days (so the hourly charts are full); traffic grows over the year, weekends
//    are quieter, ~4 % of calls fail (4xx, 5xx);
//  - active members per day (owners most days, viewers rarely, weekends quieter);
//  - acquisition channels and twelve months of acquisition spend (CAC);
//  - a default dashboard per demo workspace and one for the operator.
// Idempotent: does nothing once analytics rows exist for the demo workspaces.
import type { PrismaClient } from "./generated/client";
import { DAY_MS } from "@/lib/calendar";

/** Busy-hour calls per route at the end of the year, per workspace. */
const WEIGHTS: Record<string, number> = {
  acme: 40,
  bluebird: 120,
  cobalt: 200,
  delta: 900,
  echo: 600,
  foxtrot: 30,
  gamma: 80,
};
const CHANNELS: Record<string, string> = {
  acme: "content",
  bluebird: "ads",
  cobalt: "ads",
  delta: "referral",
  echo: "ads",
  foxtrot: "content",
  gamma: "ads",
};

const widget = (
  id: string,
  type: string,
  metric: string,
  range: string,
  grain: string,
  x: number,
  y: number,
  w: number,
  h: number,
  group_by?: string,
) => ({
  id,
  type,
  metric,
  range,
  grain,
  ...(group_by ? { group_by } : {}),
  layout: { x, y, w, h },
});

export const DEFAULT_TENANT_DASHBOARD = {
  version: 1,
  widgets: [
    widget("calls", "kpi", "api_calls", "7d", "day", 0, 0, 3, 2),
    widget("success", "kpi", "api_success_rate", "7d", "day", 3, 0, 3, 2),
    widget("p95", "kpi", "api_latency_p95", "7d", "day", 6, 0, 3, 2),
    widget("users", "kpi", "active_users", "30d", "day", 9, 0, 3, 2),
    widget("trend", "area", "api_calls", "24h", "hour", 0, 2, 8, 4),
    widget("errors", "table", "api_errors", "30d", "day", 8, 2, 4, 4, "status"),
  ],
};

export const DEFAULT_PLATFORM_DASHBOARD = {
  version: 1,
  widgets: [
    widget("mrr", "kpi", "mrr", "12m", "month", 0, 0, 3, 2),
    widget("nrr", "kpi", "nrr", "12m", "month", 3, 0, 3, 2),
    widget("churn", "kpi", "logo_churn", "12m", "month", 6, 0, 3, 2),
    widget("calls", "kpi", "api_calls", "7d", "day", 9, 0, 3, 2),
    widget("mrr-trend", "area", "mrr", "12m", "month", 0, 2, 6, 4),
    widget("signups", "bar", "signups", "90d", "week", 6, 2, 6, 4),
  ],
};

export async function seedAnalytics(db: PrismaClient, now = new Date()): Promise<void> {
  const demo = await db.tenant.findMany({
    where: { slug: { in: Object.keys(WEIGHTS) } },
    select: { id: true, slug: true },
  });
  if (demo.length === 0) return;
  const ids = demo.map((t) => t.id);
  if ((await db.analyticsApiHourly.count({ where: { tenantId: { in: ids } } })) > 0) return;
  const slugs = Object.keys(WEIGHTS);
  const weights = slugs.map((s) => WEIGHTS[s] ?? 0);
  const nowHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const start = new Date(nowHour.getTime() - 365 * DAY_MS);

  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('TimeZone', 'UTC', true)`;
      await tx.$executeRaw`
      INSERT INTO analytics_api_hourly ("tenantId", hour, route, status, bucket, count, "latencyMsSum")
      SELECT t.id, h.hour, r.route, s.status, s.bucket, c.cnt, c.cnt::bigint * s.ms
      FROM tenants t
      JOIN unnest(${slugs}::text[], ${weights}::float8[]) AS w(slug, weight) ON w.slug = t.slug
      CROSS JOIN LATERAL generate_series(greatest(date_trunc('hour', t."createdAt"), ${start}::timestamptz),
                                         ${nowHour}::timestamptz, interval '1 hour') AS h(hour)
      CROSS JOIN (VALUES ('GET /api/v1/members', 0.3), ('GET /api/v1/tenant', 0.2), ('GET /api/v1/usage', 0.2),
                         ('POST /api/v1/usage/events', 0.3)) AS r(route, share)
      CROSS JOIN (VALUES (200, 3, 38, 0.82), (200, 5, 140, 0.14), (404, 1, 9, 0.025), (500, 7, 900, 0.015))
                 AS s(status, bucket, ms, share)
      CROSS JOIN LATERAL (
        SELECT floor(
          w.weight * r.share * s.share
          * (0.45 + 0.55 * extract(epoch FROM h.hour - ${start}::timestamptz) / (365 * 86400))
          * CASE WHEN extract(isodow FROM h.hour) > 5 THEN 0.4 ELSE 1 END
          * CASE WHEN extract(hour FROM h.hour) BETWEEN 8 AND 18 THEN 1 ELSE 0.25 END
          * (0.7 + (abs(hashtext(t.slug || h.hour::text || r.route)) % 600) / 1000.0)
          + (abs(hashtext(h.hour::text || r.route || s.status::text)) % 100) / 100.0
        )::int AS cnt
      ) AS c
      WHERE (extract(hour FROM h.hour) IN (10, 15)
             OR (extract(hour FROM h.hour) IN (9, 11, 14, 16) AND h.hour >= ${new Date(nowHour.getTime() - 30 * DAY_MS)}::timestamptz)
             OR h.hour >= ${new Date(nowHour.getTime() - 2 * DAY_MS)}::timestamptz)
        AND c.cnt > 0`;

      await tx.$executeRaw`
      INSERT INTO analytics_active_users ("tenantId", day, "userId")
      SELECT m."tenantId", d.day::date, m."userId"
      FROM memberships m
      JOIN tenants t ON t.id = m."tenantId" AND t.slug = ANY(${slugs}::text[])
      CROSS JOIN LATERAL generate_series(greatest(m."createdAt", ${start}::timestamptz)::date, ${now}::date, interval '1 day') AS d(day)
      WHERE abs(hashtext(m."userId" || d.day::text)) % 100 <
        (CASE m.role WHEN 'OWNER' THEN 70 WHEN 'ADMIN' THEN 55 WHEN 'MEMBER' THEN 45 WHEN 'BILLING' THEN 12 ELSE 18 END)
        * (CASE WHEN extract(isodow FROM d.day) > 5 THEN 0.3 ELSE 1 END)
        * (CASE WHEN t.status = 'SUSPENDED' AND d.day > ${new Date(now.getTime() - 30 * DAY_MS)}::date THEN 0 ELSE 1 END)
      ON CONFLICT DO NOTHING`;

      await tx.$executeRaw`
      UPDATE tenants SET "acquisitionChannel" = c.channel
      FROM unnest(${Object.keys(CHANNELS)}::text[], ${Object.values(CHANNELS)}::text[]) AS c(slug, channel)
      WHERE tenants.slug = c.slug AND tenants."acquisitionChannel" IS NULL`;

      await tx.$executeRaw`
      INSERT INTO acquisition_spend (id, month, channel, currency, amount, note, "updatedAt")
      SELECT 'seed_' || to_char(m.month, 'YYYYMM') || '_' || ch.channel, m.month::date, ch.channel, 'usd',
             (ch.base * (0.8 + (abs(hashtext(ch.channel || m.month::text)) % 400) / 1000.0))::int, 'demo', now()
      FROM generate_series(date_trunc('month', ${start}::timestamptz), date_trunc('month', ${now}::timestamptz), interval '1 month') AS m(month)
      CROSS JOIN (VALUES ('ads', 120000), ('content', 45000), ('referral', 20000)) AS ch(channel, base)
      ON CONFLICT (month, channel, currency) DO NOTHING`;

      await tx.dashboard.createMany({
        data: [
          ...demo.map((t) => ({ tenantId: t.id, name: "Overview", sharing: "view", spec: DEFAULT_TENANT_DASHBOARD })),
          { tenantId: null, name: "Platform overview", sharing: "view", spec: DEFAULT_PLATFORM_DASHBOARD },
        ],
      });
    },
    { timeout: 60_000 },
  );
}
