// The measuring half of npm run bench:analytics (see scripts/bench-analytics.ts).
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();
const [
  { kpiRange, loadKpiInput, loadMrrByTier },
  { computeKpis },
  { loadTenantKpis, loadTenantTrend },
  { loadPlatformTrend },
  { loadPlatformWidgetData, loadTenantWidgetData },
  { createPostgresClient, setDb },
  { operatorFromUser },
  { buildTenantContext },
] = await Promise.all([
  import("../lib/analytics/kpis"),
  import("../lib/analytics/kpi-math"),
  import("../lib/analytics/trends"),
  import("../lib/analytics/trends-platform"),
  import("../lib/analytics/widget-data"),
  import("../lib/db/client"),
  import("../lib/http/operator"),
  import("../lib/tenancy/context"),
]);

const settings = JSON.parse(process.argv[2] ?? "{}") as { tenants: number; rounds: number; urls: [string, string] };
const DAY = 86_400_000;
const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const start = new Date(now.getTime() - 365 * DAY);
const operator = operatorFromUser({ id: "bench", email: "bench@example.test", name: "Bench", isPlatformAdmin: true });

const handles = settings.urls.map((url) => createPostgresClient(url));
let db = handles[0]!.client;
/** Points the domain code (getDb) and the loader at one of the two databases. */
function selectDb(index: 0 | 1) {
  setDb(handles[index]!);
  db = handles[index]!.client;
}

/** Workspaces `from`..`to` (exclusive) with a year of rows: 7 hours a day × 4 route/status rows. */
async function load(from: number, to: number) {
  const started = performance.now();
  // Two of three workspaces name an acquisition channel (per-channel CAC reads their new customers).
  await db.$executeRaw`
    INSERT INTO tenants (id, name, slug, tier, "createdAt", "updatedAt", "acquisitionChannel")
    SELECT 'bench_' || n, 'Bench ' || n, 'bench-' || n, 'STARTER', ${start}::timestamptz, now(),
           (ARRAY['ads', 'content', NULL])[n % 3 + 1]
    FROM generate_series(${from}::int, ${to - 1}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO analytics_api_hourly ("tenantId", hour, route, status, bucket, count, "latencyMsSum")
    SELECT 'bench_' || n, h.hour, r.route, r.status, r.bucket, 20 + (n + extract(hour FROM h.hour)::int) % 30, 600
    FROM generate_series(${from}::int, ${to - 1}::int) AS n
    CROSS JOIN generate_series(${start}::timestamptz, ${now}::timestamptz, interval '1 hour') AS h(hour)
    CROSS JOIN (VALUES ('GET /api/v1/members', 200, 3), ('GET /api/v1/members', 500, 7),
                       ('POST /api/v1/usage/events', 201, 4), ('GET /api/v1/tenant', 404, 1)) AS r(route, status, bucket)
    WHERE extract(hour FROM h.hour) IN (8, 10, 12, 14, 16, 18, 20)`;
  await db.$executeRaw`
    INSERT INTO subscriptions ("tenantId", id, provider, "providerId", tier, interval, status, currency, "unitAmount",
                               "providerCreatedAt", "providerUpdatedAt", "updatedAt")
    SELECT 'bench_' || n, 'sub_' || n, 'LOCAL', 'bench_sub_' || n, 'STARTER',
           CASE WHEN n % 5 = 0 THEN 'YEAR' ELSE 'MONTH' END::"BillingInterval", 'ACTIVE', 'usd', 2900,
           ${start}::timestamptz, ${start}::timestamptz, now()
    FROM generate_series(${from}::int, ${to - 1}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO subscription_versions ("tenantId", "subscriptionId", "effectiveAt", tier, interval, status, currency, "unitAmount", mrr)
    SELECT 'bench_' || n, 'sub_' || n, ${start}::timestamptz + ((n % 150) + (v - 1) * 120) * interval '1 day', 'STARTER', 'MONTH',
           CASE WHEN n % 7 = 0 AND v = 2 THEN 'CANCELED' ELSE 'ACTIVE' END::"SubscriptionStatus", 'usd', 2900,
           CASE WHEN n % 7 = 0 AND v = 2 THEN 0 ELSE 2900 END
    FROM generate_series(${from}::int, ${to - 1}::int) AS n CROSS JOIN generate_series(1, 2) AS v
    WHERE v = 1 OR n % 7 = 0`;
  // Three members per workspace, each active on about half the days of the year.
  await db.$executeRaw`
    INSERT INTO analytics_active_users ("tenantId", day, "userId")
    SELECT 'bench_' || n, d.day::date, 'bench_user_' || n || '_' || u
    FROM generate_series(${from}::int, ${to - 1}::int) AS n
    CROSS JOIN generate_series(1, 3) AS u
    CROSS JOIN generate_series(${start}::timestamptz, ${now}::timestamptz, interval '1 day') AS d(day)
    WHERE (extract(doy FROM d.day)::int + n + u) % 2 = 0`;
  const rows = await db.analyticsApiHourly.count();
  return { rows, seconds: (performance.now() - started) / 1000 };
}

interface Timing {
  /** The fastest round: the query's own cost (on a shared machine, load only ever adds time). */
  best: number;
  median: number;
}

const summary = (samples: number[]): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { best: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
};

/** Times `fn` on both databases, alternating round by round after a warm-up on each. */
async function time(fn: () => Promise<unknown>): Promise<[Timing, Timing]> {
  const samples: [number[], number[]] = [[], []];
  for (const index of [0, 1] as const) {
    selectDb(index);
    for (let i = 0; i < 3; i += 1) await fn(); // warm-up: the process's code paths and the server's caches
  }
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const index of (round % 2 ? [1, 0] : [0, 1]) as (0 | 1)[]) {
      selectDb(index);
      const started = performance.now();
      await fn();
      samples[index].push(performance.now() - started);
    }
  }
  return [summary(samples[0]), summary(samples[1])];
}

/** The operator's default dashboard (lib/db/seed-analytics.ts) doubled: KPIs, API trends, cohorts. */
const PLATFORM_WIDGETS: [metric: string, range: string, grain: string, type?: string, group_by?: string][] = [
  ["mrr", "12m", "month"],
  ["nrr", "12m", "month"],
  ["logo_churn", "12m", "month"],
  ["mau", "12m", "month"],
  ["api_calls", "7d", "day"],
  ["api_success_rate", "7d", "day"],
  ["api_latency_p95", "30d", "day"],
  ["api_errors", "30d", "day", "table", "status"],
  ["active_users", "30d", "day"],
  ["signups", "90d", "week"],
  ["active_users", "12m", "month", "cohort"],
  ["api_calls", "24h", "hour"],
];

async function measure() {
  selectDb(0);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: "bench_0" } });
  const ctx = buildTenantContext(
    { id: "bench-user", email: "b@example.test", name: null, isPlatformAdmin: false },
    tenant,
    "OWNER",
  );
  const last30 = { from: new Date(now.getTime() - 30 * DAY).toISOString(), to: now.toISOString() };
  const widgets = [
    "api_calls",
    "api_errors",
    "api_success_rate",
    "api_latency_p50",
    "api_latency_p95",
    "api_latency_p99",
  ];
  return {
    "workspace trend, 30 days by hour": await time(() =>
      loadTenantTrend(ctx, "api_calls", { ...last30, grain: "hour" }, now),
    ),
    "workspace p95 latency, 12 months by month": await time(() =>
      loadTenantTrend(
        ctx,
        "api_latency_p95",
        { from: start.toISOString(), to: now.toISOString(), grain: "month" },
        now,
      ),
    ),
    "workspace dashboard, 12 widgets": await time(() =>
      Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          loadTenantWidgetData(
            ctx,
            new URLSearchParams({ metric: widgets[i % widgets.length]!, range: i % 2 ? "7d" : "30d", grain: "day" }),
            now,
          ),
        ),
      ),
    ),
    "workspace KPIs, 30 days vs the 30 before": await time(() => loadTenantKpis(ctx, 30, now)),
    "workspace active users, 90 days by week": await time(() =>
      loadTenantTrend(
        ctx,
        "active_users",
        { from: new Date(now.getTime() - 90 * DAY).toISOString(), to: now.toISOString(), grain: "week" },
        now,
      ),
    ),
    "platform KPIs, 12 months": await time(async () => {
      const input = await loadKpiInput(operator, { now });
      const range = kpiRange({ now });
      return computeKpis(input, { ...range, asOf: now });
    }),
    "platform dashboard, 12 widgets": await time(() =>
      Promise.all(
        PLATFORM_WIDGETS.map(([metric, range, grain, type, group_by]) =>
          loadPlatformWidgetData(
            operator,
            new URLSearchParams({ metric, range, grain, ...(type ? { type } : {}), ...(group_by ? { group_by } : {}) }),
            now,
          ),
        ),
      ),
    ),
    "platform cohorts, 12 months": await time(() =>
      loadPlatformWidgetData(
        operator,
        new URLSearchParams({ metric: "active_users", range: "12m", grain: "month", type: "cohort" }),
        now,
      ),
    ),
    "platform active users, 30 days by day": await time(() =>
      loadPlatformTrend(operator, "active_users", { ...last30, grain: "day" }, now),
    ),
    "platform CAC per channel, 12 months": await time(() =>
      loadPlatformTrend(
        operator,
        "cac",
        { from: start.toISOString(), to: now.toISOString(), grain: "month", group_by: "channel" },
        now,
      ),
    ),
    "platform MRR by tier now": await time(() => loadMrrByTier(operator, now)),
    "platform active users, 90 days by week": await time(() =>
      loadPlatformTrend(
        operator,
        "active_users",
        { from: new Date(now.getTime() - 90 * DAY).toISOString(), to: now.toISOString(), grain: "week" },
        now,
      ),
    ),
    "platform active users, 12 months by month": await time(() =>
      loadPlatformTrend(
        operator,
        "active_users",
        { from: start.toISOString(), to: now.toISOString(), grain: "month" },
        now,
      ),
    ),
    "platform active users, 14 days by day": await time(() =>
      loadPlatformTrend(
        operator,
        "active_users",
        { from: new Date(now.getTime() - 14 * DAY).toISOString(), to: now.toISOString(), grain: "day" },
        now,
      ),
    ),
    "platform trend, 7 days by day": await time(() =>
      loadPlatformTrend(
        operator,
        "api_calls",
        { from: new Date(now.getTime() - 7 * DAY).toISOString(), to: now.toISOString(), grain: "day" },
        now,
      ),
    ),
  };
}

selectDb(0);
const one = await load(0, settings.tenants);
console.log(
  `[bench] 1×: ${settings.tenants} workspaces, ${one.rows} hourly rows (loaded in ${one.seconds.toFixed(1)}s)`,
);
selectDb(1);
const ten = await load(0, settings.tenants * 10);
console.log(
  `[bench] 10×: ${settings.tenants * 10} workspaces, ${ten.rows} hourly rows (loaded in ${ten.seconds.toFixed(1)}s)`,
);
// As autovacuum would after a bulk load: visibility map and statistics, so both sizes are read alike.
for (const index of [0, 1] as const) {
  selectDb(index);
  await db.$executeRawUnsafe("VACUUM (ANALYZE)");
}
const measured = await measure();
const base = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v[0]]));
const grown = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v[1]]));

console.log("");
console.log(
  `${"query".padEnd(46)} ${"1× best".padStart(9)} ${"10× best".padStart(9)} ${"ratio".padStart(7)} ${"1× med".padStart(9)} ${"10× med".padStart(9)}`,
);
let worstWorkspace = 0;
let worstPlatform = 0;
for (const [name, one] of Object.entries(base)) {
  const ten = grown[name]!;
  const ratio = ten.best / one.best;
  if (name.startsWith("workspace")) worstWorkspace = Math.max(worstWorkspace, ratio);
  if (name.startsWith("platform")) worstPlatform = Math.max(worstPlatform, ratio);
  console.log(
    `${name.padEnd(46)} ${one.best.toFixed(1).padStart(9)} ${ten.best.toFixed(1).padStart(9)} ${ratio.toFixed(2).padStart(7)} ${one.median.toFixed(1).padStart(9)} ${ten.median.toFixed(1).padStart(9)}`,
  );
}
const dashboard = grown["workspace dashboard, 12 widgets"]!;
const platformDashboard = grown["platform dashboard, 12 widgets"]!;
console.log("");
console.log(
  "Platform reads use the platform rollups (per hour, day and month) for API calls, active users and cohorts, and the revenue rollups (movements, money, trials and new customers per channel per month; MRR per tier) for MRR, CAC and the ledger KPIs.",
);
console.log(
  `SUMMARY: workspace reads at 10× cost ≤ ${worstWorkspace.toFixed(2)}× of 1×, platform reads ≤ ${worstPlatform.toFixed(2)}× (best of ${settings.rounds}; goal ≤ 1.2×); 12-widget dashboards at 10×: workspace ${dashboard.best.toFixed(0)} ms best, ${dashboard.median.toFixed(0)} ms median, platform ${platformDashboard.best.toFixed(0)} ms best, ${platformDashboard.median.toFixed(0)} ms median (goal ≤ 1000 ms)`,
);
await Promise.all(handles.map((h) => h.client.$disconnect()));
process.exit(0);
