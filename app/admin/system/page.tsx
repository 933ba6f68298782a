// System status for operators: health, runtime modes, version and process facts, and the
// purge of soft-deleted tenants whose grace period has passed.
import type { Metadata } from "next";

import { formatDateTime, formatDuration } from "@/components/admin/format";
import { PurgeDeletedTenants } from "@/components/admin/purge-deleted";
import { HealthBadge, OverallHealthBadge, RuntimeModes } from "@/components/admin/runtime-modes";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { env, runtimeMode } from "@/lib/env";
import { healthReport } from "@/lib/observability/health";
import { DELETE_GRACE_DAYS } from "@/lib/tenancy/admin";

import { purgeDeletedTenantsAction } from "../actions";

export const metadata: Metadata = { title: "System" };

export default async function AdminSystemPage() {
  const health = await healthReport();
  const checkedAt = new Date();
  const facts: [string, React.ReactNode][] = [
    ["Tessera version", health.version],
    ["Node.js", process.version],
    ["Platform", `${process.platform} ${process.arch}`],
    ["Environment", env.NODE_ENV],
    ["Uptime", formatDuration(health.uptimeSeconds)],
    ["Checked", formatDateTime(checkedAt)],
  ];

  return (
    <>
      <PageHeader title="System" description="How this installation runs, checked just now." />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Health</CardTitle>
            <CardDescription>The same report /api/health serves to load balancers and monitors.</CardDescription>
            <CardAction>
              <OverallHealthBadge status={health.status} />
            </CardAction>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm sm:grid-cols-[11rem_1fr]">
              <dt className="font-medium">Database</dt>
              <dd className="flex flex-wrap items-center gap-2">
                {health.database.kind === "postgres" ? "PostgreSQL" : "Embedded PGlite"}
                <HealthBadge ok={health.database.ok} latencyMs={health.database.latencyMs} />
              </dd>
              <dt className="font-medium">Cache</dt>
              <dd className="flex flex-wrap items-center gap-2">
                {health.cache.kind}
                <HealthBadge ok={health.cache.ok} latencyMs={health.cache.latencyMs} />
              </dd>
              <dt className="font-medium">Email transport</dt>
              <dd>{health.email.kind === "smtp" ? "SMTP" : "Log (not sent)"}</dd>
            </dl>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Runtime modes</CardTitle>
            <CardDescription>Configured services where set, embedded defaults otherwise.</CardDescription>
          </CardHeader>
          <CardContent>
            <RuntimeModes mode={runtimeMode} health={health} pgliteDataDir={env.PGLITE_DATA_DIR} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Process</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm sm:grid-cols-[11rem_1fr]">
              {facts.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="font-medium">{label}</dt>
                  <dd className="tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Deleted tenants</CardTitle>
            <CardDescription>
              Deleted tenants stay restorable for {DELETE_GRACE_DAYS} days. After that the purge removes them for good; it is
              safe to run at any time.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <PurgeDeletedTenants action={purgeDeletedTenantsAction} graceDays={DELETE_GRACE_DAYS} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
