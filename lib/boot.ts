// Start-up: open the database; on the embedded one apply migrations and seed a first run;
// ensure the operator account. Configured PostgreSQL is migrated by `npm run db:migrate`.
import "server-only";

import { startAnalyticsFlusher } from "./analytics/flush";
import { ensureOperator } from "./auth/operator";
import { openDb } from "./db/client";
import { pgliteExecutor } from "./db/executors";
import { migrate, readMigrations } from "./db/migrate";
import { seedIfEmpty } from "./db/seed";
import { env, runtimeMode } from "./env";
import { logger } from "./observability/logger";
import { startUsageFlusher } from "./usage/flush";
import { exportWebhookQueueMetrics, startWebhookWorker, stopWebhookWorker } from "./billing/webhooks/worker";

const globalForBoot = globalThis as unknown as { __tesseraBoot?: Promise<void> };

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
    if (env.WEBHOOK_PROCESSING === "worker") {
      startWebhookWorker({ concurrency: env.WEBHOOK_WORKER_CONCURRENCY });
      // On shutdown the batch in hand finishes (what a kill interrupts is claimed again later). Next's
      // server exits on these signals itself; where nothing else handles them, exit as Node would.
      for (const [signal, code] of [
        ["SIGTERM", 143],
        ["SIGINT", 130],
      ] as const) {
        process.once(signal, () => {
          const handledElsewhere = process.listenerCount(signal) > 0;
          void stopWebhookWorker().finally(() => {
            if (!handledElsewhere) process.exit(code);
          });
        });
      }
    }
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
