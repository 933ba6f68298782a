// The measuring half of npm run bench:analytics (see scripts/bench-analytics.mjs).
import { kpiRange, loadKpiInput } from "@/lib/analytics/kpis";
import { computeKpis } from "@/lib/analytics/kpi-math";
import { loadPlatformTrend, loadTenantTrend } from "@/lib/analytics/trends";
import { loadTenantWidgetData } from "@/lib/analytics/widget-data";
import { openDb } from "@/lib/db/client";
// eslint-disable-next-line no-restricted-imports -- the benchmark acts as an operator in-process, as the tests do
import { operatorFromUser } from "@/lib/http/operator";
import { buildTenantContext } from "@/lib/tenancy/context";
import { DAY_MS } from "@/lib/calendar";

const settings = JSON.parse(process.argv[2] ?? "{}") as { tenants: number; rounds: number };
const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const start = new Date(now.getTime() - 365 * DAY_MS);
const operator = operatorFromUser({ id: "bench", email: "bench@example.test", name: "Bench", isPlatformAdmin: true });

const handle = await openDb();
const db = handle.client;

/** Workspaces `from`..`to` (exclusive) with a year of rows: 7 hours a day × 4 route/status rows. */
async function load(from: number, to: number) {
  const started = performance.now();
  await db.$executeRaw`
    INSERT INTO tenants (id, name, slug, tier, "createdAt", "updatedAt")
    SELECT 'bench_' || n, 'Bench ' || n, 'bench-' || n, 'STARTER', ${start}::timestamptz, now()
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
    SELECT 'bench_' || n, 'sub_' || n, ${start}::timestamptz + (n % 200) * interval '1 day', 'STARTER', 'MONTH',
           CASE WHEN n % 7 = 0 AND v = 2 THEN 'CANCELED' ELSE 'ACTIVE' END::"SubscriptionStatus", 'usd', 2900,
           CASE WHEN n % 7 = 0 AND v = 2 THEN 0 ELSE 2900 END
    FROM generate_series(${from}::int, ${to - 1}::int) AS n CROSS JOIN generate_series(1, 2) AS v
    WHERE v = 1 OR n % 7 = 0`;
  const rows = await db.analyticsApiHourly.count();
  return { rows, seconds: (performance.now() - started) / 1000 };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < settings.rounds; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

async function measure() {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: "bench_0" } });
  const ctx = buildTenantContext(
    { id: "bench-user", email: "b@example.test", name: null, isPlatformAdmin: false },
    tenant,
    "OWNER",
  );
  const last30 = { from: new Date(now.getTime() - 30 * DAY_MS).toISOString(), to: now.toISOString() };
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
    "platform KPIs, 12 months": await time(async () => {
      const input = await loadKpiInput(operator, { now });
      const range = kpiRange({ now });
      return computeKpis(input, { ...range, asOf: now });
    }),
    "platform trend, 7 days by day": await time(() =>
      loadPlatformTrend(
        operator,
        "api_calls",
        { from: new Date(now.getTime() - 7 * DAY_MS).toISOString(), to: now.toISOString(), grain: "day" },
        now,
      ),
    ),
  };
}

const one = await load(0, settings.tenants);
console.log(
  `[bench] 1×: ${settings.tenants} workspaces, ${one.rows} hourly rows (loaded in ${one.seconds.toFixed(1)}s)`,
);
await db.$executeRawUnsafe("ANALYZE");
const base = await measure();
const ten = await load(settings.tenants, settings.tenants * 10);
console.log(
  `[bench] 10×: ${settings.tenants * 10} workspaces, ${ten.rows} hourly rows (loaded in ${ten.seconds.toFixed(1)}s)`,
);
await db.$executeRawUnsafe("ANALYZE");
const grown = await measure();

console.log("");
console.log(`${"query".padEnd(44)} ${"1× ms".padStart(9)} ${"10× ms".padStart(9)} ${"ratio".padStart(7)}`);
let worstWorkspace = 0;
for (const [name, ms] of Object.entries(base)) {
  const after = grown[name as keyof typeof grown];
  const ratio = after / ms;
  if (name.startsWith("workspace")) worstWorkspace = Math.max(worstWorkspace, ratio);
  console.log(
    `${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ${after.toFixed(1).padStart(9)} ${ratio.toFixed(2).padStart(7)}`,
  );
}
const dashboardMs = grown["workspace dashboard, 12 widgets"];
console.log("");
console.log(
  `SUMMARY: workspace reads at 10× cost ≤ ${worstWorkspace.toFixed(2)}× of 1× (goal ≤ 1.2×); 12-widget dashboard ${dashboardMs.toFixed(0)} ms at 10× (goal ≤ 1000 ms)`,
);
await db.$disconnect();
process.exit(0);
