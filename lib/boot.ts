// Start-up: open the database; on the embedded one apply migrations and seed a first run;
// ensure the operator account. Configured PostgreSQL is migrated by `npm run db:migrate`.
import "server-only";

import { startAnalyticsFlusher } from "./analytics/flush";
import { settleTracked } from "./analytics/record";
import { ensureOperator } from "./auth/operator";
import { openDb } from "./db/client";
import { withDeadline } from "./deadline";
import { pgliteExecutor } from "./db/executors";
import { migrate, readMigrations } from "./db/migrate";
import { seedIfEmpty } from "./db/seed";
import { env, runtimeMode } from "./env";
import { logger } from "./observability/logger";
import { startUsageFlusher } from "./usage/flush";
import { closeGateLeases } from "./usage/lease";
import { exportWebhookQueueMetrics, startWebhookWorker, stopWebhookWorker } from "./billing/webhooks/worker";

const globalForBoot = globalThis as unknown as { __tesseraBoot?: Promise<void> };

/** How long a shutdown waits for in-flight work before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * What a stopping server finishes first: the webhook batch in hand (what a kill interrupts is
 * claimed again later), the gate leases (unused calls given back, leased calls' usage written)
 * and the API calls gathered for analytics. Counts held in the process would otherwise be lost.
 */
async function finishInFlightWork(): Promise<void> {
  await Promise.allSettled([
    env.WEBHOOK_PROCESSING === "worker" ? stopWebhookWorker() : Promise.resolve(),
    closeGateLeases(),
    settleTracked(),
  ]);
}

/**
 * Runs `finish` on SIGTERM and SIGINT. Next's server exits on these signals itself once its own
 * connections close (its handler was there first); where nothing else handles them, exit as Node
 * would, after `finish` or the grace period.
 */
function onShutdown(finish: () => Promise<void>): void {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    process.once(signal, () => {
      const handledElsewhere = process.listenerCount(signal) > 0;
      void withDeadline(finish(), SHUTDOWN_GRACE_MS)
        .catch((error: unknown) => logger.warn("shutdown: in-flight work not finished", { error }))
        .finally(() => {
          if (!handledElsewhere) process.exit(code);
        });
    });
  }
}

export function boot(): Promise<void> {
  globalForBoot.__tesseraBoot ??= (async () => {
    const started = performance.now();
    const handle = await openDb();
    if (handle.kind === "embedded" && handle.pglite) {
      const result = await migrate(pgliteExecutor(handle.pglite), readMigrations());
      if (result.applied.length > 0) logger.info("embedded database migrated", { applied: result.applied });
    }
    await ensureOperator(handle.client);
    if (handle.kind === "embedded" && env.TESSERA_SEED === "auto") await seedIfEmpty(handle.client);
    startUsageFlusher(env.USAGE_FLUSH_INTERVAL_SECONDS);
    exportWebhookQueueMetrics();
    if (env.WEBHOOK_PROCESSING === "worker") startWebhookWorker({ concurrency: env.WEBHOOK_WORKER_CONCURRENCY });
    onShutdown(finishInFlightWork);
    startAnalyticsFlusher(env.USAGE_FLUSH_INTERVAL_SECONDS);
    logger.info("tessera ready", {
      database: runtimeMode.database,
      cache: runtimeMode.cache,
      email: runtimeMode.email,
      webhooks: env.WEBHOOK_PROCESSING,
      bootMs: Math.round(performance.now() - started),
    });
  })();
  return globalForBoot.__tesseraBoot;
}
