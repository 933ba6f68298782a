// The workspace's dashboards: the ones the caller may see (their own, and the shared ones).
import type { Metadata } from "next";

import { DashboardList } from "@/components/analytics/dashboards/dashboard-list";
import { PageHeader } from "@/components/ui/page-header";
import { listDashboards } from "@/lib/analytics/dashboards";
import { requireTenantPage } from "@/lib/http/tenant";
import { can } from "@/lib/tenancy/permissions";

import { createDashboardAction, importDashboardAction } from "./actions";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "dashboards:read");
  const dashboards = await listDashboards({ kind: "tenant", ctx });
  return (
    <>
      <PageHeader title="Dashboards" description="Build your own views of this workspace's metrics." />
      <DashboardList
        baseHref={`/t/${ctx.tenant.slug}/dashboards`}
        canCreate={can(ctx.role, "dashboards:manage")}
        create={createDashboardAction.bind(null, ctx.tenant.slug)}
        importFile={importDashboardAction.bind(null, ctx.tenant.slug)}
        rows={dashboards.map((d) => ({
          id: d.id,
          name: d.name,
          sharing: d.sharing,
          widgets: d.spec.widgets.length,
          updatedAt: d.updatedAt.toISOString(),
        }))}
      />
    </>
  );
}
