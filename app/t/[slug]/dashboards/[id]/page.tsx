// One dashboard of the workspace, in the builder (view only when the caller may not edit it).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DashboardBuilder } from "@/components/analytics/dashboards/dashboard-builder";
import { PageHeader } from "@/components/ui/page-header";
import { metricsFor } from "@/lib/analytics/catalog";
import { isAppError } from "@/lib/errors";
import { getDashboard } from "@/lib/analytics/dashboards";
import { requireTenantPage } from "@/lib/http/tenant";

import { deleteDashboardAction, duplicateDashboardAction, saveDashboardAction } from "../actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const ctx = await requireTenantPage(slug, "dashboards:read");
  const dashboard = await getDashboard({ kind: "tenant", ctx }, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const base = `/t/${ctx.tenant.slug}/dashboards`;
  return (
    <>
      <PageHeader
        title={dashboard.name}
        description={
          <Link href={base} className="underline underline-offset-4">
            All dashboards
          </Link>
        }
      />
      <DashboardBuilder
        key={dashboard.id}
        dashboard={dashboard}
        catalog={metricsFor("tenant").map(({ name, label, unit, dimensions, kind, higherIsBetter }) => ({
          name,
          label,
          unit,
          dimensions,
          kind,
          higherIsBetter,
        }))}
        dataUrl={`${base}/data`}
        listHref={base}
        exportBase="/api/v1/analytics/export.csv"
        exportParams={{ tenant: ctx.tenant.slug }}
        save={saveDashboardAction.bind(null, ctx.tenant.slug)}
        duplicate={duplicateDashboardAction.bind(null, ctx.tenant.slug)}
        remove={deleteDashboardAction.bind(null, ctx.tenant.slug)}
      />
    </>
  );
}
