// The webhook worker: a loop that claims due webhook events and processes them (queue.ts). Where it
// runs is WEBHOOK_PROCESSING (lib/env.ts):
//   worker   (default) in each server process, started at boot (instrumentation.ts → lib/boot.ts);
//            the webhook routes wake it after storing an event, so it starts at once;
//   external in its own process, `npm run worker` (scripts/webhook-worker.ts); the servers only store;
//   inline   nowhere: the routes process each delivery before answering (the behaviour before the
//            queue; for hosts that end work when the response is sent).
// Any number of workers may run against one database. POST /api/cron/billing drains what is left
// in every mode. stop() lets the batch in hand finish; a worker killed mid-batch leaves leases that
// run out (WEBHOOK_LEASE_MS), after which another worker processes those events.
import "server-only";

import type { PrismaClient } from "../../db/generated/client";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { drainWebhooksOnce, refreshWebhookQueueGauges, type ClaimOptions, type ProcessOptions } from "./queue";

export interface WorkerOptions extends Omit<ClaimOptions, "now">, Omit<ProcessOptions, "db"> {
  db?: PrismaClient;
  /** How long to wait when nothing is due before looking again (events stored by other processes). */
  idleMs?: number;
}

export class WebhookWorker {
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Events processed since start (all outcomes). */
  processed = 0;

  constructor(private readonly options: WorkerOptions = {}) {}

  get running(): boolean {
    return this.loop !== null && !this.stopping;
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Something was stored: look now instead of after the idle wait. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Finishes the batch in hand and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.wakeUp = done;
    });
  }

  private async run(): Promise<void> {
    const idleMs = this.options.idleMs ?? 1_000;
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      try {
        const { claimed, counts } = await drainWebhooksOnce(this.options);
        failures = 0;
        this.processed += Object.values(counts).reduce((sum, n) => sum + n, 0);
        if (claimed > 0 || this.woken) continue;
      } catch (error) {
        // The database is away: back off (up to a minute) and try again.
        failures += 1;
        logger.warn("webhook worker could not claim events", { error, failures });
        if (!this.stopping) await this.idle(Math.min(60_000, idleMs * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (!this.stopping) await this.idle(idleMs);
    }
  }
}

const globalForWorker = globalThis as unknown as { __tesseraWebhookWorker?: WebhookWorker };

/** Starts this process's worker (once). */
export function startWebhookWorker(options: WorkerOptions = {}): WebhookWorker {
  return (globalForWorker.__tesseraWebhookWorker ??= new WebhookWorker(options).start());
}

/** Wakes this process's worker, if it runs here (the webhook routes call it after storing). */
export function wakeWebhookWorker(): void {
  globalForWorker.__tesseraWebhookWorker?.wake();
}

export async function stopWebhookWorker(): Promise<void> {
  const worker = globalForWorker.__tesseraWebhookWorker;
  globalForWorker.__tesseraWebhookWorker = undefined;
  await worker?.stop();
}

/** Keeps the backlog and lag gauges current on every scrape of /api/metrics, in every mode. */
export function exportWebhookQueueMetrics(): void {
  metrics().webhookQueueProbe = async () => {
    try {
      await refreshWebhookQueueGauges();
    } catch (error) {
      logger.warn("webhook queue gauges not refreshed", { error });
    }
  };
}
