// Every tenant's invoices (filter by status, provider, tenant; state in the URL) and "New invoice"
// for a one-off amount: Stripe's when Stripe is configured, otherwise a local invoice.
import type { Metadata } from "next";

import { BillingNav } from "@/components/admin/billing/billing-nav";
import { NewInvoiceDialog } from "@/components/admin/billing/invoice-form";
import { InvoiceTable } from "@/components/admin/billing/invoice-table";
import { PageHeader } from "@/components/ui/page-header";
import { invoiceListSchema, lenientQuery, listAllInvoices, listTenantOptions } from "@/lib/billing/admin";
import { newInvoiceNonce } from "@/lib/billing/one-off-invoices";
import { requireOperator } from "@/lib/http/session";

import { createInvoiceAction } from "./actions";

export const metadata: Metadata = { title: "Invoices" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const [{ rows, total, query }, tenants] = await Promise.all([
    listAllInvoices(operator, lenientQuery(invoiceListSchema, await searchParams)),
    listTenantOptions(operator),
  ]);
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Every tenant's invoices from every provider. A one-off invoice is issued by Stripe when it is configured, otherwise by the local provider (Tessera renders its PDF)."
        actions={<NewInvoiceDialog action={createInvoiceAction} tenants={tenants} nonce={newInvoiceNonce()} />}
      />
      <BillingNav current="/admin/billing/invoices" />
      <InvoiceTable rows={rows} total={total} query={query} tenants={tenants} />
    </>
  );
}
