// Webhook events from every provider: the processing queue (backlog, lag), counts per status, the
// list (failed first, filterable, sortable, state in the URL), replay per event and "Retry due now".
import type { Metadata } from "next";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { RetryDueButton } from "@/components/admin/billing/webhook-actions";
import { WebhookQueueSummary } from "@/components/admin/billing/webhook-queue";
import { WebhookStatusCounts } from "@/components/admin/billing/webhook-status";
import { WebhookTable } from "@/components/admin/billing/webhook-table";
import { PageHeader } from "@/components/ui/page-header";
import { lenientQuery, listWebhookEvents, webhookListSchema } from "@/lib/billing/admin";
import { loadWebhookQueue } from "@/lib/billing/webhooks/queue";
import { requireOperator } from "@/lib/http/session";

import { replayWebhookAction, retryDueWebhooksAction } from "./actions";

export const metadata: Metadata = { title: "Webhook events" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const [{ rows, total, query, counts }, queue] = await Promise.all([
    listWebhookEvents(operator, lenientQuery(webhookListSchema, await searchParams)),
    loadWebhookQueue(operator),
  ]);
  return (
    <>
      <PageHeader
        title="Webhook events"
        description="Every event Stripe, PayPal and the local provider delivered, stored once. Failed events are retried on a back-off; replay one to run it through the ledger again now."
        actions={<RetryDueButton action={retryDueWebhooksAction} />}
      />
      <BillingNav current="/admin/billing/webhooks" />
      <div className="grid min-w-0 gap-6">
        <WebhookQueueSummary queue={queue} />
        <WebhookStatusCounts counts={counts} current={query.status} />
        <WebhookTable rows={rows} total={total} query={query} replay={replayWebhookAction} />
      </div>
    </>
  );
}
