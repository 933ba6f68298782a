// All tenants: one server-side page per request (search, filters, sort and pagination come from
// the URL), so the list stays fast with any number of tenants.
import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { CreateTenantDialog } from "@/components/admin/create-tenant-dialog";
import { tenantListSearch } from "@/components/admin/tenant-list-query";
import { TenantsTable } from "@/components/admin/tenants-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/lib/http/session";
import { adminListSchema, adminListTenants, type AdminListQuery } from "@/lib/lifecycle/tenants";

import { createTenantAction } from "../actions";

export const metadata: Metadata = { title: "Tenants" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Keeps each valid parameter and drops invalid ones (a hand-edited URL still shows a list). */
function listInput(params: SearchParams): Partial<Record<keyof AdminListQuery, string>> {
  const input: Partial<Record<keyof AdminListQuery, string>> = {};
  for (const key of Object.keys(adminListSchema.shape) as (keyof AdminListQuery)[]) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && adminListSchema.shape[key].safeParse(value).success) input[key] = value;
  }
  return input;
}

export default async function TenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const { rows, total, query } = await adminListTenants(operator, listInput(await searchParams));
  const lastPage = Math.max(1, Math.ceil(total / query.pageSize));
  if (query.page > lastPage) redirect(`/admin/tenants${tenantListSearch({ ...query, page: lastPage })}`);

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Search, filter and sort every tenant. Open one to change its tier, trial or status."
        actions={<CreateTenantDialog action={createTenantAction} />}
      />
      <TenantsTable rows={rows} total={total} query={query} />
    </>
  );
}
