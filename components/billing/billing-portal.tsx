// The billing portal's sections, in reading order: notices, plan (change, cancel, resume), the
// upgrade panel when there is no subscription, limits and usage, metered usage, payment method,
// invoices, one-time purchases and the billing details.
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Time } from "@/components/workspace/time";
import type { BillingPortal } from "@/lib/billing/portal";
import { tierLabel } from "@/lib/tenancy/tiers";

import type { BillingActions } from "./action-types";
import { BillingProfileForm } from "./billing-profile-form";
import { InvoicesTable } from "./invoices-table";
import { OrdersTable } from "./orders-table";
import { PaymentMethodCard } from "./payment-method-card";
import { PlanCard } from "./plan-card";
import { UpgradePanel } from "./upgrade-panel";
import { MeteredUsageCard, PlanLimitsCard } from "./usage-cards";

export type PortalNotice = "checkout-success" | "checkout-canceled" | "card-updated" | null;

function Notice({ notice, trialEnd }: { notice: PortalNotice; trialEnd: Date | null }) {
  if (notice === "checkout-success") {
    return (
      <Alert variant="success" data-testid="checkout-success">
        <AlertTitle>Your subscription has started</AlertTitle>
        <AlertDescription>
          {trialEnd ? (
            // The remaining trial days carried over to the subscription: nothing was paid yet.
            <p>
              Thank you. Nothing was charged today: the trial goes on until <Time value={trialEnd} />, and the first
              payment is taken then.
            </p>
          ) : (
            <p>Thank you. The new plan applies now; the invoice is listed below.</p>
          )}
        </AlertDescription>
      </Alert>
    );
  }
  if (notice === "checkout-canceled") {
    return (
      <Alert variant="info">
        <AlertTitle>Checkout canceled</AlertTitle>
        <AlertDescription>
          <p>Nothing was charged. Choose a plan again whenever you are ready.</p>
        </AlertDescription>
      </Alert>
    );
  }
  if (notice === "card-updated") {
    return (
      <Alert variant="success">
        <AlertTitle>Payment method updated</AlertTitle>
        <AlertDescription>
          <p>Future charges go to the new card.</p>
        </AlertDescription>
      </Alert>
    );
  }
  return null;
}

export function BillingPortalView({
  portal,
  actions,
  slug,
  notice,
}: {
  portal: BillingPortal;
  actions: BillingActions;
  slug: string;
  notice: PortalNotice;
}) {
  const tier = portal.subscription?.tier ?? portal.paidTier;
  return (
    <div className="grid min-w-0 gap-6">
      <Notice
        notice={notice}
        trialEnd={portal.subscription?.status === "TRIALING" ? (portal.subscription.trialEnd ?? null) : null}
      />
      {!portal.canManage && (
        <Alert variant="info" data-testid="billing-read-only">
          <AlertTitle>View only</AlertTitle>
          <AlertDescription>
            <p>
              Only the workspace&apos;s owners and billing members can change the plan, the payment method or the
              billing details. You can see everything here.
            </p>
          </AlertDescription>
        </Alert>
      )}
      {/* Billing managers see the workspace-wide past-due banner; this tells the others. */}
      {portal.dunning && !portal.canManage && (
        <Alert variant="destructive" data-testid="billing-past-due">
          <AlertTitle>Your last payment failed</AlertTitle>
          <AlertDescription>
            <p>
              {portal.dunning.graceEndsAt ? (
                <>
                  Update the payment method by <Time value={portal.dunning.graceEndsAt} /> to keep the {tierLabel(tier)}{" "}
                  plan.
                </>
              ) : (
                <>Update the payment method to keep the {tierLabel(tier)} plan.</>
              )}{" "}
              The payment is retried daily until then.
            </p>
          </AlertDescription>
        </Alert>
      )}

      <PlanCard portal={portal} actions={actions} />
      {!portal.subscription && (
        <UpgradePanel
          slug={slug}
          action={actions.startCheckout}
          providers={portal.providers}
          defaultCurrency={portal.currency}
          trialEndsAt={portal.trial?.endsAt ?? null}
          canManage={portal.canManage}
          paypalClientId={portal.paypalClientId}
        />
      )}
      <PlanLimitsCard
        tier={portal.effectiveTier}
        usage={portal.usage}
        periodEnd={portal.usagePeriodEnd}
        usageHref={`/t/${slug}/usage`}
      />
      {portal.metered && portal.metered.meters.length > 0 && <MeteredUsageCard metered={portal.metered} />}
      <PaymentMethodCard
        paymentMethod={portal.paymentMethod}
        action={portal.canManage ? actions.paymentMethod : undefined}
      />

      <section className="grid min-w-0 content-start gap-3" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading" className="text-lg font-semibold">
          Invoices
        </h2>
        <InvoicesTable invoices={portal.invoices} />
      </section>

      <section className="grid min-w-0 content-start gap-3" aria-labelledby="orders-heading">
        <h2 id="orders-heading" className="text-lg font-semibold">
          One-time purchases
        </h2>
        <OrdersTable orders={portal.orders} />
      </section>

      <Card>
        <CardHeader>
          <CardTitle>Billing details</CardTitle>
          <CardDescription>Where invoices are sent, and the name and address printed on them.</CardDescription>
        </CardHeader>
        <CardContent>
          <BillingProfileForm
            action={actions.updateProfile}
            profile={portal.profile}
            countries={portal.countries}
            disabled={!portal.canManage}
          />
        </CardContent>
      </Card>
    </div>
  );
}
