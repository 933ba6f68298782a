// One webhook event: delivery facts, the last error, the payload, and "Replay event".
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { WebhookReplayPanel } from "@/components/admin/billing/webhook-actions";
import { WebhookDeliveryFacts, WebhookPayload } from "@/components/admin/billing/webhook-detail";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getWebhookEventForAdmin } from "@/lib/billing/admin";
import { isAppError } from "@/lib/errors";
import type { SessionOperator } from "@/lib/http/operator";
import { requireOperator } from "@/lib/http/session";

import { replayWebhookAction } from "../actions";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Webhook event" };

async function loadEvent(operator: SessionOperator, id: string) {
  try {
    return await getWebhookEventForAdmin(operator, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function WebhookEventPage({ params }: { params: Params }) {
  const operator = await requireOperator();
  const event = await loadEvent(operator, (await params).id);
  return (
    <>
      <PageHeader
        eyebrow={
          <Link
            href="/admin/billing/webhooks"
            className="inline-flex items-center gap-1 rounded-sm underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            <ArrowLeft aria-hidden className="size-4" />
            All webhook events
          </Link>
        }
        title={event.type}
        description={<span className="font-mono text-xs">{event.eventId}</span>}
      />
      <BillingNav current="/admin/billing/webhooks" />
      <div className="grid min-w-0 gap-6">
        <WebhookDeliveryFacts event={event} />
        <Card>
          <CardHeader>
            <CardTitle as="h2">Replay</CardTitle>
          </CardHeader>
          <CardContent>
            <WebhookReplayPanel
              eventId={event.id}
              replayable={event.status === "FAILED" || event.status === "RECEIVED"}
              action={replayWebhookAction}
            />
          </CardContent>
        </Card>
        <WebhookPayload payload={event.payload} />
      </div>
    </>
  );
}
