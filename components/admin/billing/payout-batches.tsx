// Payout batches at a glance: one card per batch with its total, status and how many of its items
// are in each status. The items themselves are in PayoutItemsTable.
import { statusLabel } from "@/components/billing/billing-format";
import { StatusBadge, type StatusVariant } from "@/components/billing/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/workspace/time";
import type { PayoutBatchRow } from "@/lib/billing/admin-payouts";
import type { PayoutStatus } from "@/lib/db/generated/enums";
import { formatMoney, plural } from "@/lib/format";

export const PAYOUT_STATUS_LABELS: Record<PayoutStatus, string> = {
  PENDING: "Pending",
  PROCESSING: "Processing",
  SUCCESS: "Paid",
  FAILED: "Failed",
  UNCLAIMED: "Unclaimed",
  RETURNED: "Returned",
  ONHOLD: "On hold",
  BLOCKED: "Blocked",
  REFUNDED: "Refunded",
  REVERSED: "Reversed",
  CANCELED: "Canceled",
  DENIED: "Denied",
};

const VARIANTS: Record<PayoutStatus, StatusVariant> = {
  PENDING: "info",
  PROCESSING: "info",
  SUCCESS: "success",
  FAILED: "destructive",
  UNCLAIMED: "warning",
  RETURNED: "destructive",
  ONHOLD: "warning",
  BLOCKED: "destructive",
  REFUNDED: "secondary",
  REVERSED: "destructive",
  CANCELED: "secondary",
  DENIED: "destructive",
};

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  return <StatusBadge status={status} labels={PAYOUT_STATUS_LABELS} variants={VARIANTS} />;
}

/** A batch's own status (PayPal's batch_status, or NOT_SENT when PayPal could not be reached). */
function BatchStatusBadge({ status }: { status: string }) {
  const variant =
    status === "SUCCESS"
      ? "success"
      : status === "DENIED" || status === "NOT_SENT" || status === "CANCELED"
        ? "destructive"
        : "info";
  return <Badge variant={variant}>{statusLabel(status)}</Badge>;
}

export function PayoutBatchSummaries({ batches }: { batches: PayoutBatchRow[] }) {
  return (
    <section aria-labelledby="payout-batches-heading" className="grid gap-3">
      <h2 id="payout-batches-heading" className="text-lg font-semibold">
        Batches
      </h2>
      {batches.length === 0 ? (
        <EmptyState
          headingLevel="h3"
          title="No payouts yet"
          description="Batches you send with the form above appear here, with each payee's status."
        />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {batches.map((batch) => {
            const byStatus = new Map<PayoutStatus, number>();
            for (const item of batch.items) byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
            return (
              <li key={batch.id}>
                <Card className="h-full">
                  <CardHeader>
                    <CardTitle as="h3" className="flex flex-wrap items-center justify-between gap-2">
                      <span className="tabular-nums">{formatMoney(batch.total, batch.currency)}</span>
                      <BatchStatusBadge status={batch.status} />
                    </CardTitle>
                    <CardDescription>
                      <Time value={batch.createdAt} withTime /> · {plural(batch.items.length, "payee")} ·{" "}
                      {batch.provider === "LOCAL" ? "simulated" : "PayPal"}
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="grid gap-2 text-sm">
                    {batch.note && <p>{batch.note}</p>}
                    <p className="font-mono text-xs break-all text-muted-foreground">{batch.senderBatchId}</p>
                    <ul className="flex flex-wrap gap-1.5" aria-label="Items by status">
                      {[...byStatus.entries()].map(([status, count]) => (
                        <li key={status}>
                          <Badge variant="outline">
                            {PAYOUT_STATUS_LABELS[status]}: {count}
                          </Badge>
                        </li>
                      ))}
                    </ul>
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
