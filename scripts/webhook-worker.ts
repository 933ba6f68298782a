// npm run worker — the webhook worker in a process of its own (WEBHOOK_PROCESSING=external: the
// servers only store deliveries). Claims due webhook events from the configured PostgreSQL and
// processes them (lib/billing/webhooks/worker.ts) until SIGTERM or SIGINT, then finishes the batch
// in hand and exits 0. Any number may run at once. Needs DATABASE_URL: the embedded database
// belongs to the server process alone.
import "./lib/dotenv";

import { register } from "node:module";

// Modules marked `import "server-only"` (the webhook pipeline) load here as on Next's server.
const hook =
  'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }';
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const { env } = await import("../lib/env");
const { logger } = await import("../lib/observability/logger");

if (!env.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL (PostgreSQL): the embedded database belongs to the server process.");
  process.exit(2);
}
if (env.WEBHOOK_PROCESSING !== "external") {
  logger.warn("webhook worker started while WEBHOOK_PROCESSING is not external: the servers process webhooks too", {
    mode: env.WEBHOOK_PROCESSING,
  });
}

const { openDb } = await import("../lib/db/client");
const { startWebhookWorker, stopWebhookWorker } = await import("../lib/billing/webhooks/worker");
const handle = await openDb();
const worker = startWebhookWorker({ concurrency: env.WEBHOOK_WORKER_CONCURRENCY });
// The worker's idle timer does not hold a process open (in a server it must not): this one does.
const keepAlive = setInterval(() => {}, 60_000);
logger.info("webhook worker running", { concurrency: env.WEBHOOK_WORKER_CONCURRENCY });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("webhook worker stopping", { signal, processed: worker.processed });
  clearInterval(keepAlive);
  await stopWebhookWorker();
  await handle.client.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
