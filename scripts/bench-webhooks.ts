// npm run bench:webhooks — what receiving Stripe webhooks costs, and how fast the queue processes
// them (issue 11.2). Signed Stripe events through the intake route (verify + one deduplicating
// insert + 2xx) against a bare handler that verifies and inserts one row, measured in the same run,
// interleaved A/B so drift hits both; then a worker draining what was stored (events/s); then a
// burst through the route with the worker running; then the old inline path for comparison.
//
// 1. Needs PostgreSQL (DATABASE_URL, a local server): a fresh database on it (dropped at the end),
//    migrated by `npm run db:migrate`. Redis: with REDIS_URL, the real server under a per-run key
//    prefix (deleted at the end; the handler bumps the auth epoch when a tier changes); otherwise
//    the in-process memory store.
// 2. scripts/bench-webhooks-run.ts (tsx) creates BENCH_TENANTS (20) workspaces with Stripe
//    customers and calls the handlers in-process with one Request per event (no HTTP server and
//    no bench-only route): BENCH_WARMUP (150) events, then BENCH_ROUNDS (5) rounds of
//    BENCH_EVENTS (400) fresh events through each intake handler, BENCH_CONCURRENCY (1) in flight;
//    one worker (WEBHOOK_WORKER_CONCURRENCY, 8) processes everything stored; BENCH_BURST (5000)
//    events at BENCH_BURST_CONCURRENCY (64) in flight with the worker running; BENCH_INLINE (300)
//    events processed inline (WEBHOOK_PROCESSING=inline), 8 in flight.
// 3. Prints the intake rates (median over rounds), their ratio (goal ≥ 0.5), processing events/s
//    (goal ≥ 500), the burst's acknowledgement latencies and drain time, checks that every event was
//    stored once and processed exactly once, and a closing SUMMARY line. Exit code 1 when a check
//    failed (a missed goal is printed, not an error: the machine may be shared).
import { randomBytes } from "node:crypto";

import {
  benchLog,
  type Cleanup,
  freshDatabase,
  numberSetting,
  runStep,
  redisRunPrefix,
  runCleanups,
} from "./lib/bench";
import { atRepoRoot } from "./lib/repo";

const { tsxCli } = atRepoRoot();

const opt = numberSetting;
const settings = {
  tenants: opt("BENCH_TENANTS", 20),
  warmup: opt("BENCH_WARMUP", 150),
  rounds: opt("BENCH_ROUNDS", 5),
  perRound: opt("BENCH_EVENTS", 400),
  concurrency: opt("BENCH_CONCURRENCY", 1),
  burst: opt("BENCH_BURST", 5000),
  burstConcurrency: opt("BENCH_BURST_CONCURRENCY", 64),
  inline: opt("BENCH_INLINE", 300),
};

const log = benchLog;
const cleanups: Cleanup[] = [];

const run = runStep;

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.log(
      "[bench] bench:webhooks measures the full webhook path, which writes to PostgreSQL: set DATABASE_URL " +
        "(e.g. postgresql://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped) and run it again.",
    );
    console.log("SUMMARY: not run — bench:webhooks needs PostgreSQL (DATABASE_URL)");
    return 1;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    TESSERA_SEED: "never",
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
    // The routes only store; the measuring script starts the worker itself.
    WEBHOOK_PROCESSING: "external",
  };
  delete env.STRIPE_SECRET_KEY;
  delete env.UPSTASH_REDIS_REST_URL;
  delete env.UPSTASH_REDIS_REST_TOKEN;

  const { url, name } = await freshDatabase(process.env.DATABASE_URL, { prefix: "tessera_bench_webhooks", cleanups });
  env.DATABASE_URL = url;
  log(`database: PostgreSQL (${new URL(url).host}, fresh database ${name})`);
  run("db:migrate", [tsxCli, "scripts/db-migrate.ts"], env);

  if (process.env.REDIS_URL) {
    const prefix = redisRunPrefix("bench-webhooks", process.env.REDIS_URL, cleanups);
    env.REDIS_KEY_PREFIX = prefix;
    log(`cache:    Redis (${new URL(process.env.REDIS_URL).host}, key prefix ${prefix})`);
  } else log("cache:    memory (in-process)");

  return run("measure", ["--import", "tsx", "scripts/bench-webhooks-run.ts", JSON.stringify(settings)], env);
}

const cleanup = () => runCleanups(cleanups);

process.once("SIGINT", () => {
  cleanup().finally(() => process.exit(130));
});

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  console.log("SUMMARY: bench:webhooks failed before measuring (see above)");
  process.exitCode = 1;
} finally {
  await cleanup();
}
