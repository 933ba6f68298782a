// Usage this month against the plan's limits: a meter per dimension (amber from 80 %, red at
// 100 %), banners when a limit is near or reached, API calls per day, per key and per route.
import type { Metadata } from "next";
import Link from "next/link";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ComparePlansLink } from "@/components/workspace/compare-plans-link";
import { Time } from "@/components/workspace/time";
import { DailyCallsChart } from "@/components/workspace/usage/daily-calls-chart";
import { UsageBanners } from "@/components/workspace/usage/usage-banners";
import { UsageMeters } from "@/components/workspace/usage/usage-meters";
import { KeyUsageTable, RouteUsageTable } from "@/components/workspace/usage/usage-tables";
import { requireTenantPage } from "@/lib/http/tenant";
import { can } from "@/lib/tenancy/permissions";
import { TIER_DEFINITIONS } from "@/lib/tenancy/tiers";
import { getUsageSummary } from "@/lib/usage/summary";

export const metadata: Metadata = { title: "Usage" };

const SESSION_ROW_ID = "session";

export default async function UsagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "usage:read");
  const usage = await getUsageSummary(ctx);
  const plan = TIER_DEFINITIONS[usage.tier];
  const apiCalls = usage.byKey.reduce((sum, row) => sum + row.calls, 0);
  const share = (calls: number) => (apiCalls === 0 ? 0 : calls / apiCalls);
  const lastDay = new Date(usage.periodEnd.getTime() - 1);

  return (
    <>
      <PageHeader
        title="Usage"
        description={
          <>
            This month so far (<Time value={usage.periodStart} /> to <Time value={lastDay} />, UTC) against the{" "}
            {plan.label} plan&apos;s limits.
          </>
        }
      />

      <div className="grid gap-6">
        <UsageBanners
          dimensions={usage.dimensions}
          periodEnd={usage.periodEnd}
          overageBilled={ctx.tenant.overageBilling}
          billingHref={`/t/${ctx.tenant.slug}/billing`}
        />

        <Card>
          <CardHeader>
            <CardTitle>Plan limits</CardTitle>
            <CardDescription>
              API calls reset on <Time value={usage.periodEnd} />. <ComparePlansLink />
            </CardDescription>
          </CardHeader>
          <CardContent>
            <UsageMeters dimensions={usage.dimensions} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>API calls per day</CardTitle>
            <CardDescription>
              Every request to /api/v1 counts, with an API key or from these pages.
              {can(ctx.role, "apiKeys:read") && (
                <>
                  {" "}
                  <Link
                    href={`/t/${ctx.tenant.slug}/api-keys`}
                    className="font-medium text-foreground underline underline-offset-4"
                  >
                    Manage API keys
                  </Link>
                </>
              )}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DailyCallsChart daily={usage.daily} />
          </CardContent>
        </Card>

        {/* Side by side only where both tables fit whole: at 1280 px beside the sidebar, the by-key
            table's four columns were clipped. */}
        <div className="grid gap-6 2xl:grid-cols-2">
          <section className="grid min-w-0 content-start gap-3" aria-labelledby="by-key-heading">
            <h2 id="by-key-heading" className="text-lg font-semibold">
              By key
            </h2>
            <KeyUsageTable
              rows={usage.byKey.map((row) => ({
                id: row.apiKeyId ?? SESSION_ROW_ID,
                name: row.name,
                start: row.start,
                revoked: row.revoked,
                calls: row.calls,
                share: share(row.calls),
              }))}
            />
          </section>
          <section className="grid min-w-0 content-start gap-3" aria-labelledby="by-route-heading">
            <h2 id="by-route-heading" className="text-lg font-semibold">
              By route
            </h2>
            <RouteUsageTable
              rows={usage.byRoute.map((row) => ({ route: row.route, calls: row.calls, share: share(row.calls) }))}
            />
          </section>
        </div>
      </div>
    </>
  );
}
