// Workspace overview: the plan and its limits (users with a usage bar), members, recent activity.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ArrowRight } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { describeAction } from "@/components/workspace/audit-format";
import { ComparePlansLink } from "@/components/workspace/compare-plans-link";
import { Time } from "@/components/workspace/time";
import { ApiUsageCard, ApiUsageCardSkeleton } from "./_components/api-usage-card";
import { workspaceTrial } from "@/lib/billing/portal";
import { daysUntil, plural } from "@/lib/format";
import { requireTenantPage } from "@/lib/http/tenant";
import { can } from "@/lib/tenancy/permissions";
import { formatLimit, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";
import { getWorkspaceOverview } from "@/lib/tenancy/workspace";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug);
  const [{ seats, recentActivity }, current] = await Promise.all([getWorkspaceOverview(ctx), workspaceTrial(ctx)]);
  const base = `/t/${ctx.tenant.slug}`;
  const plan = TIER_DEFINITIONS[ctx.tier];
  const trial = current?.endsAt ?? null;
  const used = seats.members + seats.pending;
  const userLimit = plan.limits.users;

  return (
    <>
      <PageHeader
        title={ctx.tenant.name}
        description="Your plan, its limits and what happened recently in this workspace."
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2 lg:row-span-2">
          <CardHeader>
            <CardTitle id="plan-title">Plan</CardTitle>
            <CardDescription>
              {trial ? (
                <>
                  {plan.label} trial until <Time value={trial} /> ({plural(daysUntil(trial), "day")} left), then{" "}
                  {current?.subscribed ? "the subscription's first payment" : TIER_DEFINITIONS[ctx.tenant.tier].label}.
                </>
              ) : (
                <>Features: {plan.featureSummary}.</>
              )}
            </CardDescription>
            <CardAction>
              <span className="flex items-center gap-2">
                <Badge variant="secondary" className="text-sm" data-testid="effective-tier">
                  {plan.label}
                </Badge>
                {trial && <Badge variant="info">Trial</Badge>}
              </span>
            </CardAction>
          </CardHeader>
          <CardContent className="grid gap-6">
            {userLimit === null ? (
              <p className="text-sm">
                <span className="font-medium">Users:</span> {plural(seats.members, "member")}
                {seats.pending > 0 && <> and {plural(seats.pending, "pending invitation")}</>} (unlimited)
              </p>
            ) : (
              <Progress
                label="Users"
                value={used}
                max={userLimit}
                tone="auto"
                valueText={`${used.toLocaleString("en-US")} of ${formatLimit(userLimit)} (${plural(seats.members, "member")}, ${seats.pending} pending)`}
              />
            )}
            <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-3">
              <div className="grid gap-1">
                <dt className="text-muted-foreground">AI agents</dt>
                <dd className="font-medium tabular-nums">{formatLimit(plan.limits.aiAgents)}</dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-muted-foreground">API calls per month</dt>
                <dd className="font-medium tabular-nums">{formatLimit(plan.limits.apiCallsPerMonth)}</dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-muted-foreground">Storage</dt>
                <dd className="font-medium tabular-nums">{formatLimit(plan.limits.storageBytes, "bytes")}</dd>
              </div>
            </dl>
            <p className="text-sm text-muted-foreground">
              <ComparePlansLink />
            </p>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle id="members-title">Members</CardTitle>
            <CardDescription>People with access to this workspace.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <p>
              <span className="text-3xl font-semibold tabular-nums" data-testid="member-count">
                {seats.members.toLocaleString("en-US")}
              </span>{" "}
              <span className="text-sm text-muted-foreground">{seats.members === 1 ? "member" : "members"}</span>
            </p>
            {seats.pending > 0 && (
              <p className="text-sm text-muted-foreground">{plural(seats.pending, "pending invitation")}</p>
            )}
            {can(ctx.role, "members:read") && (
              <Button asChild variant="outline" size="sm" className="w-fit">
                <Link href={`${base}/members`}>
                  {can(ctx.role, "members:invite") ? "Manage members" : "View members"}
                  <ArrowRight aria-hidden />
                </Link>
              </Button>
            )}
          </CardContent>
        </Card>

        <Suspense fallback={<ApiUsageCardSkeleton />}>
          <ApiUsageCard ctx={ctx} />
        </Suspense>

        {recentActivity && (
          <Card className="lg:col-span-3">
            <CardHeader>
              <CardTitle id="activity-title">Recent activity</CardTitle>
              <CardDescription>The latest entries of the audit log.</CardDescription>
              <CardAction>
                <Button asChild variant="ghost" size="sm">
                  <Link href={`${base}/audit`}>
                    View audit log
                    <ArrowRight aria-hidden />
                  </Link>
                </Button>
              </CardAction>
            </CardHeader>
            <CardContent>
              {recentActivity.length === 0 ? (
                <p className="text-sm text-muted-foreground">Nothing has happened yet.</p>
              ) : (
                <ul className="divide-y">
                  {recentActivity.map((entry) => (
                    <li
                      key={entry.id}
                      className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5 text-sm"
                    >
                      <span>
                        <span className="font-medium">{describeAction(entry.action)}</span>
                        <span className="text-muted-foreground"> by {entry.actorEmail ?? "system"}</span>
                      </span>
                      <Time value={entry.createdAt} withTime className="text-muted-foreground tabular-nums" />
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
