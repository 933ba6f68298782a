// One webhook event for the operator: when and how it was delivered, its tenant, the last error
// and the stored payload, pretty-printed.
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList, type DescriptionListItem } from "@/components/ui/description-list";
import { Time } from "@/components/workspace/time";
import type { WebhookEventDetail } from "@/lib/billing/admin";
import { PROVIDER_LABELS } from "@/lib/billing/catalog";

import { TenantLink } from "./tenant-link";
import { WebhookStatusBadge } from "./webhook-status";

const none = <span className="text-muted-foreground">—</span>;
const at = (value: string | null) => (value ? <Time value={value} withTime className="tabular-nums" /> : none);

export function WebhookDeliveryFacts({ event }: { event: WebhookEventDetail }) {
  const items: DescriptionListItem[] = [
    { term: "Status", detail: <WebhookStatusBadge status={event.status} /> },
    { term: "Provider", detail: PROVIDER_LABELS[event.provider] },
    { term: "Event ID", detail: <span className="font-mono text-xs break-all">{event.eventId}</span> },
    {
      term: "Tenant",
      detail: event.tenantId ? (
        <TenantLink tenantId={event.tenantId}>{event.tenantName ?? event.tenantId}</TenantLink>
      ) : (
        <span className="text-muted-foreground">Not linked to a tenant</span>
      ),
    },
    { term: "Created by provider", detail: at(event.providerCreatedAt) },
    { term: "Received", detail: at(event.receivedAt) },
    { term: "Processed", detail: at(event.processedAt) },
    { term: "Attempts", detail: <span className="tabular-nums">{event.attempts}</span> },
    {
      term: "Next attempt",
      detail: event.nextAttemptAt
        ? at(event.nextAttemptAt)
        : event.status === "FAILED"
          ? "None scheduled: replay it"
          : none,
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Delivery</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <DescriptionList items={items} layout="wide" />
        {event.lastError && (
          <Alert variant="destructive">
            <AlertTitle>Last error</AlertTitle>
            <AlertDescription className="break-words">{event.lastError}</AlertDescription>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

export function WebhookPayload({ payload }: { payload: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Payload</CardTitle>
        <CardDescription>The event as it was stored, before any processing.</CardDescription>
      </CardHeader>
      <CardContent>
        {/* A named, focusable region so the scrollable block can be scrolled with the keyboard. */}
        <pre
          role="region"
          tabIndex={0}
          aria-label="Event payload (JSON)"
          className="max-h-[32rem] overflow-auto rounded-md border bg-muted/50 p-4 font-mono text-xs leading-relaxed focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {payload}
        </pre>
      </CardContent>
    </Card>
  );
}
