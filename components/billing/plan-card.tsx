import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList, type DescriptionListItem } from "@/components/ui/description-list";
import { Time } from "@/components/workspace/time";
import { isCurrency, isPaidTier } from "@/lib/billing/catalog";
import type { BillingPortal, PortalSubscription } from "@/lib/billing/portal";
import { PROVIDER_LABELS } from "@/lib/billing/catalog";
import { formatDate, formatMoney } from "@/lib/format";
import { tierLabel } from "@/lib/tenancy/tiers";

import type { BillingActions } from "./action-types";
import { INTERVAL_LABELS, SUBSCRIPTION_STATUS_LABELS } from "./billing-format";
import { ChangePlanDialog } from "./change-plan-dialog";
import { CancelOrResume } from "./subscription-actions";

/** The status badges: trial, past due, cancels on …, active. */
export function SubscriptionBadges({ subscription }: { subscription: PortalSubscription }) {
  const end = subscription.currentPeriodEnd;
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="subscription-badges">
      {subscription.status === "TRIALING" && <Badge variant="info">Trial</Badge>}
      {subscription.status === "PAST_DUE" && <Badge variant="destructive">Past due</Badge>}
      {subscription.cancelAtPeriodEnd && end && <Badge variant="warning">Cancels on {formatDate(end)}</Badge>}
      {subscription.status === "ACTIVE" && !subscription.cancelAtPeriodEnd && <Badge variant="success">Active</Badge>}
      {!["TRIALING", "PAST_DUE", "ACTIVE"].includes(subscription.status) && (
        <Badge variant="secondary">{SUBSCRIPTION_STATUS_LABELS[subscription.status]}</Badge>
      )}
    </span>
  );
}

function subscriptionFacts(subscription: PortalSubscription): DescriptionListItem[] {
  const interval = INTERVAL_LABELS[subscription.interval];
  const end = subscription.currentPeriodEnd;
  const items: DescriptionListItem[] = [
    {
      term: "Price",
      detail: (
        <span className="tabular-nums">
          {formatMoney(subscription.unitAmount, subscription.currency)} / {interval.unit} (
          {interval.adjective.toLowerCase()})
        </span>
      ),
    },
  ];
  if (subscription.status === "TRIALING" && subscription.trialEnd) {
    items.push({ term: "Trial ends", detail: <Time value={subscription.trialEnd} /> });
  }
  if (end) {
    items.push({
      term: subscription.cancelAtPeriodEnd
        ? "Ends on"
        : subscription.status === "TRIALING"
          ? "First charge"
          : "Renews on",
      detail: <Time value={end} />,
    });
  }
  items.push({ term: "Billed through", detail: PROVIDER_LABELS[subscription.provider] });
  return items;
}

export function PlanCard({ portal, actions }: { portal: BillingPortal; actions: BillingActions }) {
  const { subscription, trial } = portal;
  // What the portal can change: a live subscription on a catalog plan, for billing managers.
  const changeable =
    portal.canManage && subscription && isPaidTier(subscription.tier) && isCurrency(subscription.currency)
      ? { tier: subscription.tier, currency: subscription.currency, subscription }
      : null;

  return (
    <Card data-testid="plan-card">
      <CardHeader>
        <CardTitle>Current plan</CardTitle>
        <CardDescription>
          {subscription
            ? subscription.cancelAtPeriodEnd
              ? "This subscription ends at the end of the period; resume it to keep the plan."
              : "Your subscription and when it renews."
            : trial
              ? "You are on a trial. Choose a plan to keep its features after it ends."
              : "This workspace has no subscription."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p className="flex flex-wrap items-center gap-3">
          <span className="text-2xl font-semibold" data-testid="current-plan">
            {tierLabel(subscription ? subscription.tier : portal.effectiveTier)}
          </span>
          {subscription ? (
            <SubscriptionBadges subscription={subscription} />
          ) : trial ? (
            <Badge variant="info">Trial</Badge>
          ) : (
            <Badge variant="secondary">Free</Badge>
          )}
        </p>
        {subscription ? (
          <DescriptionList items={subscriptionFacts(subscription)} />
        ) : trial ? (
          <p className="text-sm text-muted-foreground">
            The {tierLabel(trial.tier)} trial ends on <Time value={trial.endsAt} />; after that the workspace moves to
            the {tierLabel(portal.paidTier)} plan unless you choose one below.
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">
            The Free plan&apos;s limits apply. Choose a plan below to upgrade.
          </p>
        )}
      </CardContent>
      {changeable && (
        <CardFooter className="gap-3">
          {changeable.subscription.status !== "PAST_DUE" && (
            <ChangePlanDialog
              current={{ tier: changeable.tier, interval: changeable.subscription.interval }}
              currency={changeable.currency}
              previewAction={actions.previewPlanChange}
              changeAction={actions.changePlan}
            />
          )}
          <CancelOrResume
            cancelAtPeriodEnd={changeable.subscription.cancelAtPeriodEnd}
            periodEnd={changeable.subscription.currentPeriodEnd}
            cancelAction={actions.cancel}
            resumeAction={actions.resume}
          />
        </CardFooter>
      )}
    </Card>
  );
}
