// One operator dashboard in the builder.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DashboardBuilder } from "@/components/analytics/dashboards/dashboard-builder";
import { PageHeader } from "@/components/ui/page-header";
import { metricsFor } from "@/lib/analytics/catalog";
import { isAppError } from "@/lib/errors";
import { getDashboard } from "@/lib/analytics/dashboards";
import { requireOperator } from "@/lib/http/session";

import {
  deletePlatformDashboardAction,
  duplicatePlatformDashboardAction,
  savePlatformDashboardAction,
} from "../actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function PlatformDashboardPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperator();
  const { id } = await params;
  const dashboard = await getDashboard({ kind: "platform", operator }, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={dashboard.name}
        description={
          <Link href="/admin/dashboards" className="underline underline-offset-4">
            All dashboards
          </Link>
        }
      />
      <DashboardBuilder
        key={dashboard.id}
        dashboard={{ ...dashboard, canManage: false }}
        catalog={metricsFor("platform").map(({ name, label, unit, dimensions, kind, higherIsBetter }) => ({
          name,
          label,
          unit,
          dimensions,
          kind,
          higherIsBetter,
        }))}
        dataUrl="/admin/dashboards/data"
        listHref="/admin/dashboards"
        exportBase="/admin/analytics/export.csv"
        save={savePlatformDashboardAction}
        duplicate={duplicatePlatformDashboardAction}
        remove={deletePlatformDashboardAction}
      />
    </>
  );
}
