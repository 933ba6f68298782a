// Customers: every tenant that has subscribed or paid, with lifetime value, payments and current
// MRR per currency (lib/billing/reports/customers.ts).
import type { Metadata } from "next";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { toCustomerTableRows } from "@/components/admin/billing/customer-rows";
import { CustomersTable } from "@/components/admin/billing/customers-table";
import { PageHeader } from "@/components/ui/page-header";
import { listCustomerAnalytics } from "@/lib/billing/reports/customers";
import { requireOperator } from "@/lib/http/session";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const operator = await requireOperator();
  const rows = toCustomerTableRows(await listCustomerAnalytics(operator));
  return (
    <>
      <PageHeader
        title="Customers"
        description="Lifetime value is what a tenant paid less what was refunded to it. A tenant paying in two currencies has a row for each."
      />
      <BillingNav current="/admin/billing/customers" />
      <CustomersTable rows={rows} />
    </>
  );
}
