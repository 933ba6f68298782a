// Payouts: the latest batches with each item's status, and the "New payout" form (checked, then
// confirmed with the total per currency, then sent).
import type { Metadata } from "next";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { PayoutBatchSummaries } from "@/components/admin/billing/payout-batches";
import { PayoutForm } from "@/components/admin/billing/payout-form";
import { PayoutItemsTable } from "@/components/admin/billing/payout-items-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTenantOptions } from "@/lib/billing/admin";
import { listPayoutBatchesForAdmin } from "@/lib/billing/admin-payouts";
import { requireOperator } from "@/lib/http/session";

import { payoutAction } from "./actions";

export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutsPage() {
  const operator = await requireOperator();
  const [batches, tenants] = await Promise.all([listPayoutBatchesForAdmin(operator), listTenantOptions(operator)]);
  return (
    <>
      <PageHeader
        title="Payouts"
        description="Money the platform sends out (partner fees, refunds outside a charge) in batches through PayPal Payouts; without PayPal configured, batches are simulated."
      />
      <BillingNav current="/admin/billing/payouts" />
      <div className="grid min-w-0 gap-8">
        <PayoutForm action={payoutAction} tenants={tenants} />
        <PayoutBatchSummaries batches={batches} />
        <PayoutItemsTable batches={batches} />
      </div>
    </>
  );
}
