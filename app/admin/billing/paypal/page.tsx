// PayPal: one-time orders and the capture rate, PayPal subscriptions and payouts by status over
// the last twelve months (lib/billing/reports/paypal.ts).
import type { Metadata } from "next";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { OrdersSection, PaypalKpis, SubscriptionsAndPayouts } from "@/components/admin/billing/paypal-sections";
import { monthLabel } from "@/components/charts/chart-format";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { isLocalProviderEnabled } from "@/lib/billing/provider-mode";
import { enabledProviders } from "@/lib/billing/provider-registry";
import { paypalAnalytics } from "@/lib/billing/reports/paypal";
import { requireOperator } from "@/lib/http/session";

export const metadata: Metadata = { title: "PayPal" };

export default async function PaypalPage() {
  const operator = await requireOperator();
  // Without PayPal credentials the local provider stands in for it where it serves (never next to Stripe).
  const simulated = !enabledProviders().includes("PAYPAL") && isLocalProviderEnabled();
  const data = await paypalAnalytics(operator, { providers: simulated ? ["PAYPAL", "LOCAL"] : ["PAYPAL"] });
  const last = new Date(data.to.getTime() - 1).toISOString().slice(0, 7);
  return (
    <>
      <PageHeader
        title="PayPal"
        description={`Orders, subscriptions and payouts, ${monthLabel(data.from.toISOString().slice(0, 7))} – ${monthLabel(last)} (UTC).`}
      />
      <BillingNav current="/admin/billing/paypal" />
      <div className="grid gap-6">
        {simulated && (
          <Alert>
            <AlertDescription>
              PayPal is not configured: figures include the local simulated provider, which stands in for it.
            </AlertDescription>
          </Alert>
        )}
        <PaypalKpis data={data} />
        <OrdersSection data={data} />
        <SubscriptionsAndPayouts data={data} />
      </div>
    </>
  );
}
