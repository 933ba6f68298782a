// A webhook event's status as a badge, and the counts per status above the list (each a link that
// filters the list to that status).
import Link from "next/link";

import { StatusBadge } from "@/components/billing/status-badge";
import { cn } from "@/components/ui/cn";
import type { WebhookStatus } from "@/lib/db/generated/enums";
import { formatCount } from "@/lib/format";

export const WEBHOOK_STATUS_LABELS: Record<WebhookStatus, string> = {
  FAILED: "Failed",
  RECEIVED: "Received",
  PROCESSED: "Processed",
  IGNORED: "Ignored",
};

const VARIANTS = {
  FAILED: "destructive",
  RECEIVED: "warning",
  PROCESSED: "success",
  IGNORED: "secondary",
} as const satisfies Record<WebhookStatus, string>;

export function WebhookStatusBadge({ status }: { status: WebhookStatus }) {
  return <StatusBadge status={status} labels={WEBHOOK_STATUS_LABELS} variants={VARIANTS} />;
}

/** Needs-attention statuses first. */
export const WEBHOOK_STATUS_ORDER: WebhookStatus[] = ["FAILED", "RECEIVED", "PROCESSED", "IGNORED"];

export function WebhookStatusCounts({
  counts,
  current,
}: {
  counts: Record<WebhookStatus, number>;
  current: WebhookStatus | "";
}) {
  return (
    <nav aria-label="Webhook events by status">
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {WEBHOOK_STATUS_ORDER.map((status) => (
          <li key={status}>
            <Link
              href={`/admin/billing/webhooks?status=${status}`}
              aria-current={current === status ? "page" : undefined}
              className={cn(
                "grid gap-1 rounded-lg border bg-card p-4 transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                current === status && "border-primary",
              )}
            >
              <span className="text-sm text-muted-foreground">{WEBHOOK_STATUS_LABELS[status]}</span>
              <span
                className={cn(
                  "text-2xl font-semibold tabular-nums",
                  status === "FAILED" && counts.FAILED > 0 && "text-destructive",
                )}
              >
                {formatCount(counts[status])}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
