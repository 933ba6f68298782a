// System status for operators: health, the service-level status over 30 days (with links to
// Grafana and Jaeger when configured), runtime modes, version and process facts, and the purge of
// soft-deleted tenants whose grace period has passed.
import type { Metadata } from "next";
import Link from "next/link";

import { PurgeDeletedTenants } from "@/components/admin/purge-deleted";
import { SloChart } from "@/components/admin/slo-chart";
import { Badge } from "@/components/ui/badge";
import { HealthBadge, OverallHealthBadge, RuntimeModes } from "@/components/admin/runtime-modes";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList, type DescriptionListItem } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { env, runtimeMode } from "@/lib/env";
import { formatDateTime, formatDuration } from "@/lib/format";
import { requireOperator } from "@/lib/http/session";
import { healthReport } from "@/lib/monitoring/health";
import { SLO, sloStatus, type SloStatus } from "@/lib/monitoring/slo";
import { DELETE_GRACE_DAYS } from "@/lib/lifecycle/tenants";

import { purgeDeletedTenantsAction } from "../actions";

export const metadata: Metadata = { title: "System" };

export default async function AdminSystemPage() {
  const operator = await requireOperator();
  const [health, slo] = await Promise.all([healthReport(), sloStatus(operator)]);
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
                { term: "File storage", detail: health.storage.kind === "s3" ? "S3 bucket" : "Disk (single instance)" },
              ]}
            />
          </CardContent>
        </Card>

        <ServiceLevelCard slo={slo} />

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

const pct = (value: number | null, digits = 3) => (value === null ? "—" : `${(value * 100).toFixed(digits)}%`);
const ms = (seconds: number | null) => (seconds === null ? "—" : `${Math.round(seconds * 1000)} ms`);

function Objective({ met }: { met: boolean | null }) {
  if (met === null) return <Badge variant="outline">no traffic</Badge>;
  return met ? <Badge variant="success">met</Badge> : <Badge variant="destructive">missed</Badge>;
}

/** Availability and latency against the objectives over 30 days, and the monitoring links. */
function ServiceLevelCard({ slo }: { slo: SloStatus }) {
  const availabilityMet = slo.availability === null ? null : slo.availability >= SLO.availability;
  const latencyMet = slo.meanLatencySeconds === null ? null : slo.meanLatencySeconds < SLO.meanLatencySeconds;
  const source =
    slo.source === "prometheus"
      ? "From Prometheus (every instance it scrapes)."
      : `From the app's own hourly history in Redis (${slo.coverageHours ?? 0} hours with traffic).`;
  const links = [
    { label: "Grafana", url: env.GRAFANA_URL },
    { label: "Jaeger", url: env.JAEGER_URL },
    { label: "Prometheus", url: env.PROMETHEUS_URL },
  ].filter((link): link is { label: string; url: string } => Boolean(link.url));
  const items: DescriptionListItem[] = [
    {
      term: `Availability (objective ${SLO.availability * 100}%)`,
      detail: (
        <>
          <span className="tabular-nums">{pct(slo.availability)}</span>
          <Objective met={availabilityMet} />
        </>
      ),
      detailClassName: "flex flex-wrap items-center gap-2",
    },
    { term: "Error budget left", detail: pct(slo.errorBudgetRemaining, 1), detailClassName: "tabular-nums" },
    {
      term: `Average response (objective < ${SLO.meanLatencySeconds * 1000} ms)`,
      detail: (
        <>
          <span className="tabular-nums">{ms(slo.meanLatencySeconds)}</span>
          <Objective met={latencyMet} />
        </>
      ),
      detailClassName: "flex flex-wrap items-center gap-2",
    },
    slo.source === "prometheus"
      ? { term: "p99 response", detail: ms(slo.p99Seconds), detailClassName: "tabular-nums" }
      : { term: `Slower than ${SLO.slowSeconds} s`, detail: pct(slo.slowShare, 2), detailClassName: "tabular-nums" },
    { term: "Requests", detail: slo.requests.toLocaleString("en-US"), detailClassName: "tabular-nums" },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Service level (last {slo.windowDays} days)</CardTitle>
        <CardDescription>
          Requests answered without a 5xx, and response times. {source}
          {slo.note ? ` ${slo.note}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <DescriptionList layout="wide" termClassName="font-medium" items={items} />
        {slo.days.length > 0 ? (
          <SloChart
            objective={SLO.availability * 100}
            points={slo.days.map((day) => ({
              day: day.day,
              requests: day.requests,
              availability: day.availability === null ? null : day.availability * 100,
            }))}
          />
        ) : null}
        {links.length > 0 ? (
          <nav aria-label="Monitoring" className="flex flex-wrap gap-4 text-sm">
            {links.map((link) => (
              <a
                key={link.label}
                href={link.url}
                className="underline underline-offset-4"
                target="_blank"
                rel="noreferrer"
              >
                Open {link.label}
              </a>
            ))}
          </nav>
        ) : (
          <p className="text-muted-foreground text-sm">
            Set GRAFANA_URL and JAEGER_URL to link the dashboards and traces here (docs/monitoring.md).
          </p>
        )}
      </CardContent>
    </Card>
  );
}
