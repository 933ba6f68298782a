import Link from "next/link";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import type { BoundAction } from "@/components/workspace/action-types";
import { Time } from "@/components/workspace/time";
import type { CheckoutSummary } from "@/lib/billing/local/checkout";
import { formatMoney } from "@/lib/format";

import type { CheckoutData } from "./action-types";
import { INTERVAL_LABELS } from "./billing-format";
import { CardForm } from "./card-form";

/** The simulated checkout: the order summary beside the test card form (or why it cannot go on). */
export function CheckoutView({
  summary,
  billingHref,
  session,
  cardholder,
  action,
}: {
  /** The order, or the reason the session cannot be used. */
  summary: CheckoutSummary | string;
  billingHref: string;
  session: string;
  cardholder: string;
  action: BoundAction<CheckoutData>;
}) {
  if (typeof summary === "string") {
    return (
      <Alert variant="warning" data-testid="checkout-invalid">
        <AlertTitle>This checkout cannot continue</AlertTitle>
        <AlertDescription>
          <p>{summary}</p>
          <p>
            <Button asChild variant="outline" size="sm" className="mt-2">
              <Link href={billingHref}>Back to Billing</Link>
            </Button>
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  const money = (minor: number) => formatMoney(minor, summary.currency);
  const unit = INTERVAL_LABELS[summary.interval].unit;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <Card data-testid="order-summary">
        <CardHeader>
          <CardTitle>Order summary</CardTitle>
          <CardDescription>{summary.label}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <DescriptionList
            items={[
              { term: "Plan", detail: summary.label },
              {
                term: "Price",
                detail: <span className="tabular-nums">{`${money(summary.unitAmount)} / ${unit}`}</span>,
              },
              ...(summary.trialEnd ? [{ term: "Trial until", detail: <Time value={summary.trialEnd} /> }] : []),
              {
                term: "Due today",
                detail: <span className="font-semibold tabular-nums">{money(summary.dueToday)}</span>,
              },
            ]}
          />
          <p className="text-sm text-muted-foreground">
            {summary.trialEnd ? (
              <>
                Nothing is charged now. The first {money(summary.unitAmount)} is charged on{" "}
                <Time value={summary.trialEnd} />, then every {unit} until you cancel.
              </>
            ) : (
              <>Renews every {unit} until you cancel. Cancel any time from Billing.</>
            )}
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payment</CardTitle>
          <CardDescription>
            This session expires at <Time value={summary.expiresAt} withTime />.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CardForm
            action={action}
            hidden={{ session }}
            submitLabel={summary.trialEnd ? "Subscribe, nothing due today" : `Pay ${money(summary.dueToday)}`}
            pendingLabel={summary.trialEnd ? "Subscribing…" : "Paying…"}
            cancelHref={`${billingHref}?checkout=canceled`}
            cardholder={cardholder}
          />
        </CardContent>
      </Card>
    </div>
  );
}
