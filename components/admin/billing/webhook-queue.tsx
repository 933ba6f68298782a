// The webhook queue above the event list: how many events wait to be processed now (backlog), how
// long the oldest has waited (lag), the failed ones waiting for a later retry or for an operator,
// and where events are processed (WEBHOOK_PROCESSING). The same figures are exported as
// tessera_webhook_backlog_events and tessera_webhook_lag_seconds.
import { cn } from "@/components/ui/cn";
import type { WebhookQueueView } from "@/lib/billing/webhooks/queue";
import { formatCount, formatDuration } from "@/lib/format";

const MODES: Record<WebhookQueueView["mode"], string> = {
  worker: "In each server (worker)",
  external: "Separate worker process",
  inline: "Inside each delivery (inline)",
};

/** A lag above this is shown as a problem (the worker is behind or not running). */
const SLOW_SECONDS = 60;

export function WebhookQueueSummary({ queue }: { queue: WebhookQueueView }) {
  const items = [
    { term: "Backlog", detail: formatCount(queue.backlog), alert: false },
    {
      term: "Lag",
      detail: queue.backlog === 0 ? "None" : formatDuration(queue.lagSeconds),
      alert: queue.lagSeconds > SLOW_SECONDS,
    },
    { term: "Retrying later", detail: formatCount(queue.retrying), alert: false },
    { term: "Waiting for an operator", detail: formatCount(queue.parked), alert: queue.parked > 0 },
    { term: "Processing", detail: MODES[queue.mode], alert: false },
  ];
  return (
    <section aria-labelledby="webhook-queue-heading" className="grid gap-2">
      <h2 id="webhook-queue-heading" className="text-sm font-medium text-muted-foreground">
        Processing queue
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {items.map((item) => (
          <div key={item.term} className="grid gap-1 rounded-lg border bg-card p-4">
            <dt className="text-sm text-muted-foreground">{item.term}</dt>
            <dd className={cn("text-lg font-semibold tabular-nums", item.alert && "text-destructive")}>
              {item.detail}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
