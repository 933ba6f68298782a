// Operator overview: tenant counts by status and tier, where each concern runs, and health.
import type { Metadata } from "next";
import Link from "next/link";

import { BarList } from "@/components/admin/bar-list";
import { OverallHealthBadge, RuntimeModes } from "@/components/admin/runtime-modes";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { runtimeMode } from "@/lib/env";
import { formatCount } from "@/lib/format";
import { tierLabel } from "@/lib/tenancy/tiers";
import { requireOperator } from "@/lib/http/session";
import { healthReport } from "@/lib/monitoring/health";
import { adminTenantCounts } from "@/lib/lifecycle/tenants";
import { TIERS } from "@/lib/tenancy/tiers";

export const metadata: Metadata = { title: { absolute: "Overview · Operator console · Tessera" } };

export default async function AdminOverviewPage() {
  const operator = await requireOperator();
  const [counts, health] = await Promise.all([adminTenantCounts(operator), healthReport()]);
  const active = counts.byStatus.ACTIVE ?? 0;
  const suspended = counts.byStatus.SUSPENDED ?? 0;
  const deleted = counts.byStatus.DELETED ?? 0;
  const trialing = counts.trialing;

  const stats = [
    { label: "Tenants", value: active + suspended, description: "Active and suspended", href: "/admin/tenants" },
    {
      label: "Active",
      value: active,
      description: `${formatCount(trialing)} of them trialing`,
      href: "/admin/tenants?status=active",
    },
    { label: "Trialing", value: trialing, description: "Trial running now", href: "/admin/tenants?status=trialing" },
    {
      label: "Suspended",
      value: suspended,
      description: "Read-only until reactivated",
      href: "/admin/tenants?status=suspended",
    },
    {
      label: "Deleted",
      value: deleted,
      description: "In the 30-day grace period",
      href: "/admin/tenants?status=deleted",
    },
  ];

  return (
    <>
      <PageHeader
        title="Overview"
        description="Every tenant on this Tessera installation, and how the installation is running."
        actions={
          <Button asChild>
            <Link href="/admin/tenants">Manage tenants</Link>
          </Button>
        }
      />

      <section aria-labelledby="counts-heading" className="grid gap-4">
        <h2 id="counts-heading" className="sr-only">
          Tenant counts
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {stats.map((stat) => (
            <li key={stat.label}>
              <Link
                href={stat.href}
                className="group block h-full rounded-xl focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <Card className="h-full gap-2 transition-colors group-hover:bg-muted/50">
                  <CardHeader>
                    <CardDescription>{stat.label}</CardDescription>
                    <CardTitle as="h3" className="text-3xl tabular-nums">
                      {formatCount(stat.value)}
                      <span className="sr-only"> {stat.label.toLowerCase()} tenants</span>
                    </CardTitle>
                  </CardHeader>
                  <CardContent className="text-xs text-muted-foreground">{stat.description}</CardContent>
                </Card>
              </Link>
            </li>
          ))}
        </ul>

        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>By status</CardTitle>
              <CardDescription>
                Each tenant counted once; trialing tenants are active tenants with a running trial.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <BarList
                title="Tenants by status"
                items={[
                  { label: "Active, paying or free", value: active - trialing, barClassName: "bg-success" },
                  { label: "Trialing", value: trialing, href: "/admin/tenants?status=trialing" },
                  {
                    label: "Suspended",
                    value: suspended,
                    href: "/admin/tenants?status=suspended",
                    barClassName: "bg-warning",
                  },
                  {
                    label: "Deleted (grace period)",
                    value: deleted,
                    href: "/admin/tenants?status=deleted",
                    barClassName: "bg-destructive",
                  },
                ]}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>By tier</CardTitle>
              <CardDescription>
                The tier each tenant pays for (trials not included), deleted tenants excluded.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <BarList
                title="Tenants by paid tier"
                items={TIERS.map((tier) => ({
                  label: tierLabel(tier),
                  value: counts.byTier[tier] ?? 0,
                  href: `/admin/tenants?tier=${tier}`,
                }))}
              />
            </CardContent>
          </Card>
        </div>
      </section>

      <div className="mt-6 grid gap-4 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardHeader>
            <CardTitle>Runtime modes</CardTitle>
            <CardDescription>
              Configured services where set, embedded defaults otherwise (chosen in lib/env.ts).
            </CardDescription>
          </CardHeader>
          <CardContent>
            <RuntimeModes mode={runtimeMode} health={health} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Health</CardTitle>
            <CardDescription>Version {health.version}</CardDescription>
            <CardAction>
              <OverallHealthBadge status={health.status} />
            </CardAction>
          </CardHeader>
          <CardContent className="grid gap-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
              <dt className="text-muted-foreground">Database</dt>
              <dd>{health.database.ok ? `Reachable (${health.database.latencyMs ?? "?"} ms)` : "Unreachable"}</dd>
              <dt className="text-muted-foreground">Cache</dt>
              <dd>{health.cache.ok ? `Reachable (${health.cache.latencyMs ?? "?"} ms)` : "Unreachable"}</dd>
              <dt className="text-muted-foreground">Email</dt>
              <dd>{health.email.kind === "smtp" ? "SMTP" : "Log only"}</dd>
            </dl>
            <Button asChild variant="outline" size="sm" className="justify-self-start">
              <Link href="/admin/system">System details</Link>
            </Button>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
