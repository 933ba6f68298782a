// The operator's dashboards (platform metrics across workspaces).
import type { Metadata } from "next";

import { DashboardList } from "@/components/analytics/dashboards/dashboard-list";
import { PageHeader } from "@/components/ui/page-header";
import { listDashboards } from "@/lib/analytics/dashboards";
import { requireOperator } from "@/lib/http/session";

import { createPlatformDashboardAction, importPlatformDashboardAction } from "./actions";

export const metadata: Metadata = { title: "Dashboards" };

export default async function PlatformDashboardsPage() {
  const operator = await requireOperator();
  const dashboards = await listDashboards({ kind: "platform", operator });
  return (
    <>
      <PageHeader title="Dashboards" description="Your own views of the platform's metrics and KPIs." />
      <DashboardList
        baseHref="/admin/dashboards"
        canCreate
        create={createPlatformDashboardAction}
        importFile={importPlatformDashboardAction}
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
