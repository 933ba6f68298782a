// The workspace's own analytics: the last 60 minutes live, KPI cards against the previous period,
// the hourly trend of API calls and the latency percentiles. Every figure is this workspace's
// (read under RLS); widgets stream in independently.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";

import { RealtimePanel } from "@/components/analytics/realtime-panel";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireTenantPage } from "@/lib/http/tenant";

import { CardSkeleton, TenantKpi, TenantTrendCard } from "./widgets";

export const metadata: Metadata = { title: "Analytics" };

const KPIS = ["api_calls", "api_success_rate", "api_latency_p95", "active_users", "spend"] as const;

export default async function AnalyticsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "dashboards:read");
  const base = `/t/${ctx.tenant.slug}`;
  return (
    <>
      <PageHeader
        title="Analytics"
        description="This workspace's API traffic, reliability, members and spend (UTC). Changes compare with the previous period of the same length."
        actions={
          <Button asChild variant="outline">
            <Link href={`${base}/dashboards`}>Dashboards</Link>
          </Button>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Last 60 minutes</CardTitle>
            <CardDescription>Updates every five seconds.</CardDescription>
          </CardHeader>
          <CardContent>
            <RealtimePanel url={`${base}/analytics/realtime`} />
          </CardContent>
        </Card>

        <section aria-label="Last 7 days" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {KPIS.map((metric) => (
            <Suspense key={metric} fallback={<Skeleton className="h-28" />}>
              <TenantKpi ctx={ctx} metric={metric} days={metric === "spend" ? 30 : 7} />
            </Suspense>
          ))}
        </section>

        <Suspense fallback={<CardSkeleton />}>
          <TenantTrendCard
            ctx={ctx}
            metric="api_calls"
            title="API calls per hour"
            description="The last 48 hours; the dashed line is the 48 hours before."
            days={2}
            grain="hour"
            kind="area"
          />
        </Suspense>
        <div className="grid gap-6 lg:grid-cols-2">
          <Suspense fallback={<CardSkeleton />}>
            <TenantTrendCard
              ctx={ctx}
              metric="api_latency_p95"
              title="p95 latency per day"
              description="The last 30 days against the 30 before."
              days={30}
              grain="day"
            />
          </Suspense>
          <Suspense fallback={<CardSkeleton />}>
            <TenantTrendCard
              ctx={ctx}
              metric="api_errors"
              title="Errors by status"
              description="Calls answered 4xx or 5xx per day, the last 30 days."
              days={30}
              grain="day"
              kind="bar"
              groupBy="status"
            />
          </Suspense>
          <Suspense fallback={<CardSkeleton />}>
            <TenantTrendCard
              ctx={ctx}
              metric="active_users"
              title="Active members per day"
              description="Members who opened the workspace or called the API with their session."
              days={30}
              grain="day"
            />
          </Suspense>
          <Suspense fallback={<CardSkeleton />}>
            <TenantTrendCard
              ctx={ctx}
              metric="api_calls"
              title="Calls by route"
              description="The last 7 days per day."
              days={7}
              grain="day"
              groupBy="route"
            />
          </Suspense>
        </div>
      </div>
    </>
  );
}
