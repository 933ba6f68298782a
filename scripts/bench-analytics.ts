// npm run bench:analytics — do analytics reads stay flat as data grows? Trend, KPI and dashboard
// query times at 1× and 10× data, measured in the same run on the same database.
//
// 1. Needs PostgreSQL (DATABASE_URL, a local server): two fresh databases (dropped at the end),
//    migrated by `npm run db:migrate`.
// 2. scripts/bench-analytics-run.ts loads 1× into the first (BENCH_TENANTS workspaces, 20, a year
//    of hourly API-call rows: about 200k rows, several million calls; subscriptions and active
//    members) and 10× into the second (ten times the workspaces with the same history: about 2M
//    rows), then measures each query BENCH_ROUNDS (11) times on each, the two sizes alternating
//    round by round after a warm-up, so both see the same load on a shared machine.
// 3. Prints each query's best and median round at 1× and 10× with the ratio of the best (load only
//    ever adds time; goal: ≤ 1.2×) and a SUMMARY line, with the 12-widget dashboards at 10×.

import { benchLog, type Cleanup, freshDatabase, numberSetting, runStep, runCleanups } from "./lib/bench";
import { atRepoRoot } from "./lib/repo";

const { tsxCli } = atRepoRoot();
const opt = numberSetting;
const settings = { tenants: opt("BENCH_TENANTS", 20), rounds: opt("BENCH_ROUNDS", 11) };
const log = benchLog;
const cleanups: Cleanup[] = [];

const run = runStep;

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.log(
      "[bench] bench:analytics needs PostgreSQL: set DATABASE_URL (a fresh database is created and dropped).",
    );
    console.log("SUMMARY: not run — bench:analytics needs PostgreSQL (DATABASE_URL)");
    return 1;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", TESSERA_SEED: "never" };
  delete env.REDIS_URL;
  delete env.UPSTASH_REDIS_REST_URL;
  delete env.UPSTASH_REDIS_REST_TOKEN;
  const urls: string[] = [];
  for (const size of ["1x", "10x"]) {
    const { url, name } = await freshDatabase(process.env.DATABASE_URL, {
      prefix: `tessera_bench_analytics_${size}`,
      cleanups,
    });
    log(`${size} database: PostgreSQL (${new URL(url).host}, fresh database ${name})`);
    run(`db:migrate (${size})`, [tsxCli, "scripts/db-migrate.ts"], { ...env, DATABASE_URL: url });
    urls.push(url);
  }
  env.DATABASE_URL = urls[0];
  return run(
    "measure",
    ["--import", "tsx", "scripts/bench-analytics-run.ts", JSON.stringify({ ...settings, urls })],
    env,
  );
}

process.once("SIGINT", () => {
  runCleanups(cleanups).finally(() => process.exit(130));
});

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  console.log("SUMMARY: bench:analytics failed before measuring (see above)");
  process.exitCode = 1;
} finally {
  await runCleanups(cleanups);
}
