// System status for operators: health, runtime modes, version and process facts, and the
// purge of soft-deleted tenants whose grace period has passed.
import type { Metadata } from "next";
import Link from "next/link";

import { PurgeDeletedTenants } from "@/components/admin/purge-deleted";
import { HealthBadge, OverallHealthBadge, RuntimeModes } from "@/components/admin/runtime-modes";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList, type DescriptionListItem } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { env, runtimeMode } from "@/lib/env";
import { formatDateTime, formatDuration } from "@/lib/format";
import { requireOperator } from "@/lib/http/session";
import { healthReport } from "@/lib/observability/health";
import { DELETE_GRACE_DAYS } from "@/lib/tenancy/admin";

import { purgeDeletedTenantsAction } from "../actions";

export const metadata: Metadata = { title: "System" };

export default async function AdminSystemPage() {
  await requireOperator();
  const health = await healthReport();
  const checkedAt = new Date();
  const facts: DescriptionListItem[] = [
    { term: "Tessera version", detail: health.version },
    { term: "Node.js", detail: process.version },
    { term: "Platform", detail: `${process.platform} ${process.arch}` },
    { term: "Environment", detail: env.NODE_ENV },
    { term: "Uptime", detail: formatDuration(health.uptimeSeconds) },
    { term: "Checked", detail: formatDateTime(checkedAt) },
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
            <DescriptionList
              layout="wide"
              termClassName="font-medium"
              items={[
                {
                  term: "Database",
                  detail: (
                    <>
                      {health.database.kind === "postgres" ? "PostgreSQL" : "Embedded PGlite"}
                      <HealthBadge ok={health.database.ok} latencyMs={health.database.latencyMs} />
                    </>
                  ),
                  detailClassName: "flex flex-wrap items-center gap-2",
                },
                {
                  term: "Cache",
                  detail: (
                    <>
                      {health.cache.kind}
                      <HealthBadge ok={health.cache.ok} latencyMs={health.cache.latencyMs} />
                      {health.cache.state === "degraded" && (
                        <Link href="/admin/cache" className="text-sm underline underline-offset-4">
                          degraded: see the cache console
                        </Link>
                      )}
                    </>
                  ),
                  detailClassName: "flex flex-wrap items-center gap-2",
                },
                { term: "Email transport", detail: health.email.kind === "smtp" ? "SMTP" : "Log (not sent)" },
              ]}
            />
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
            <DescriptionList layout="wide" termClassName="font-medium" detailClassName="tabular-nums" items={facts} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Deleted tenants</CardTitle>
            <CardDescription>
              Deleted tenants stay restorable for {DELETE_GRACE_DAYS} days. After that the purge removes them for good;
              it is safe to run at any time.
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
