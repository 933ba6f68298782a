// The operator's cache console: hit rates (overall, per namespace, by minute), Redis' own figures,
// health and suggestions, key distribution by pattern, warming and pattern invalidation, and the
// audit of cache operations. Every figure comes from lib/cache-console/console.ts with the operator passed in.
import type { Metadata } from "next";

import { HitRateChart, type HitRatePoint } from "@/components/admin/cache/hit-rate-chart";
import { InvalidatePanel } from "@/components/admin/cache/invalidate-panel";
import { NamespaceTable } from "@/components/admin/cache/namespace-table";
import { PatternScanner } from "@/components/admin/cache/pattern-scanner";
import { WarmPanel } from "@/components/admin/cache/warm-panel";
import { OverallHealthBadge } from "@/components/admin/runtime-modes";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import {
  getCacheHealth,
  getCacheHistory,
  getCacheStats,
  getCacheSuggestions,
  listCacheAudit,
  type HistorySample,
} from "@/lib/cache-console/console";
import { formatBytes } from "@/lib/cache/keyspace";
import { WARMERS } from "@/lib/cache-console/warmers";
import { formatDateTime } from "@/lib/format";
import { requireOperator } from "@/lib/http/session";

import { dryRunInvalidationAction, invalidateAction, scanKeyspaceAction, warmStepAction } from "./actions";

export const metadata: Metadata = { title: "Cache" };
export const dynamic = "force-dynamic";

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);
const count = (value: number | null) => (value === null ? "unknown" : value.toLocaleString("en"));

/** Hit rate per interval between consecutive samples (the counters are cumulative). */
function hitRatePoints(history: HistorySample[]): HitRatePoint[] {
  const points: HitRatePoint[] = [];
  for (let i = 1; i < history.length; i++) {
    const prev = history[i - 1];
    const cur = history[i];
    if (!prev || !cur) continue;
    const hits = Math.max(0, cur.hits - prev.hits);
    const misses = Math.max(0, cur.misses - prev.misses);
    const lookups = hits + misses;
    points.push({ at: cur.at, lookups, hitRate: lookups > 0 ? Math.round((hits / lookups) * 1000) / 10 : null });
  }
  return points;
}

export default async function AdminCachePage() {
  const operator = await requireOperator();
  const [stats, history, health, suggestions, audit] = await Promise.all([
    getCacheStats(operator),
    getCacheHistory(operator),
    getCacheHealth(operator),
    getCacheSuggestions(operator),
    listCacheAudit(operator, { limit: 15 }),
  ]);
  const server = stats.server;
  const kpis = [
    {
      label: "Hit rate",
      value: percent(stats.overall.hitRate),
      description: `${count(stats.overall.lookups)} lookups, all instances`,
    },
    {
      label: "Memory",
      value: server.usedMemory === null ? "unknown" : formatBytes(server.usedMemory),
      description: server.maxMemory ? `of ${formatBytes(server.maxMemory)} maxmemory` : "no maxmemory set",
    },
    { label: "Keys", value: count(stats.dbSize), description: "in the database (DBSIZE)" },
    {
      label: "Ops/s",
      value: count(server.opsPerSec),
      description: `${count(server.connectedClients)} clients connected`,
    },
  ];

  return (
    <>
      <PageHeader
        title="Cache"
        description={`The read-through cache and its Redis (${stats.transport}). Hit-rate goal: 85% per namespace.`}
        actions={<OverallHealthBadge status={health.state} />}
      />
      <div className="grid gap-6">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {kpis.map((kpi) => (
            <Card key={kpi.label}>
              <CardHeader>
                <CardDescription>{kpi.label}</CardDescription>
                <CardTitle
                  className="text-2xl"
                  data-testid={`cache-kpi-${kpi.label.toLowerCase().replace(/\W+/g, "-")}`}
                >
                  {kpi.value}
                </CardTitle>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">{kpi.description}</CardContent>
            </Card>
          ))}
        </div>
        {stats.bypassing && (
          <Card>
            <CardContent className="text-sm text-destructive">
              The cache is skipping Redis after errors: every read goes to the database until Redis answers again.
            </CardContent>
          </Card>
        )}

        <Card>
          <CardHeader>
            <CardTitle>Hit rate, last day</CardTitle>
            <CardDescription>
              One sample a minute (POST /api/cron/cache-stats), kept for a day; each column adds up an hour.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <HitRateChart points={hitRatePoints(history)} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Namespaces</CardTitle>
            <CardDescription>
              Application counters from every instance. Stale: served past its TTL while one background fill refreshed
              it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <NamespaceTable rows={stats.namespaces} />
          </CardContent>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Health</CardTitle>
              <CardDescription>Also part of /api/health.</CardDescription>
              <CardAction>
                <OverallHealthBadge status={health.state} />
              </CardAction>
            </CardHeader>
            <CardContent className="grid gap-3">
              {health.reasons.length > 0 && (
                <ul className="list-disc pl-5 text-sm" data-testid="cache-health-reasons">
                  {health.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              )}
              <DescriptionList
                items={[
                  { term: "PING", detail: health.pingMs === null ? "no answer" : `${health.pingMs} ms` },
                  {
                    term: "Role",
                    detail: health.role ? `${health.role} (${health.replicas ?? 0} replicas)` : "unknown",
                  },
                  {
                    term: "Memory",
                    detail:
                      health.usedMemory === null
                        ? "unknown"
                        : `${formatBytes(health.usedMemory)}${health.maxMemory ? ` of ${formatBytes(health.maxMemory)}` : " (no limit)"}`,
                  },
                  { term: "Eviction policy", detail: health.evictionPolicy ?? "unknown" },
                  { term: "Fragmentation", detail: health.fragmentation ?? "unknown" },
                  { term: "Slow commands (10 min)", detail: health.slowlogEntries ?? "unknown" },
                  { term: "Rejected connections", detail: health.rejectedConnections ?? "unknown" },
                ]}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Redis</CardTitle>
              <CardDescription>
                {server.note ?? `Redis ${server.version ?? ""}: its own counters since it started.`}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <DescriptionList
                items={[
                  { term: "Keyspace hit rate", detail: percent(server.hitRate) },
                  { term: "Peak memory", detail: formatBytes(server.usedMemoryPeak) },
                  { term: "Expired keys", detail: count(server.expiredKeys) },
                  { term: "Evicted keys", detail: count(server.evictedKeys) },
                  { term: "Blocked clients", detail: count(server.blockedClients) },
                  {
                    term: "Databases",
                    detail: server.databases.length
                      ? server.databases.map((db) => `${db.db}: ${db.keys} keys (${db.expires} expiring)`).join("; ")
                      : "unknown",
                  },
                ]}
              />
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader>
            <CardTitle>Suggestions</CardTitle>
            <CardDescription>
              Rules over the figures above and a small key sample, each with its evidence and action.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {suggestions.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing to suggest: every rule passes.</p>
            ) : (
              <ul className="grid gap-3" data-testid="cache-suggestions">
                {suggestions.map((s) => (
                  <li key={s.id} className="grid gap-1 rounded-md border p-3">
                    <span className="flex flex-wrap items-center gap-2 font-medium">
                      <Badge variant={s.severity === "critical" ? "destructive" : "outline"}>{s.severity}</Badge>
                      {s.title}
                    </span>
                    <span className="text-sm text-muted-foreground">{s.evidence}</span>
                    <span className="text-sm">{s.action}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Keys by pattern</CardTitle>
            <CardDescription>
              SCAN in bounded steps (never KEYS): ids become *, application namespaces are named, protected keys marked.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <PatternScanner action={scanKeyspaceAction} />
          </CardContent>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Warm</CardTitle>
              <CardDescription>Fill a namespace ahead of demand; entries already fresh are left alone.</CardDescription>
            </CardHeader>
            <CardContent>
              <WarmPanel
                action={warmStepAction}
                warmers={WARMERS.map(({ namespace, description }) => ({ namespace, description }))}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Invalidate by pattern</CardTitle>
              <CardDescription>
                Dry run first. Rate limits, usage counters, throttles and auth epochs are never deleted.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <InvalidatePanel dryRun={dryRunInvalidationAction} invalidate={invalidateAction} />
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader>
            <CardTitle>Cache operations</CardTitle>
            <CardDescription>The audit log of invalidations and warm runs, newest first.</CardDescription>
          </CardHeader>
          <CardContent>
            {audit.length === 0 ? (
              <p className="text-sm text-muted-foreground">No cache operations yet.</p>
            ) : (
              <ul className="grid gap-2 text-sm" data-testid="cache-audit">
                {audit.map((entry) => (
                  <li
                    key={entry.id}
                    className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b pb-2 last:border-0"
                  >
                    <span className="font-medium">{entry.action}</span>
                    <code className="font-mono text-xs">{entry.target}</code>
                    <span className="text-muted-foreground">{entry.actorEmail}</span>
                    <span className="text-muted-foreground">{formatDateTime(entry.createdAt)}</span>
                    <span className="basis-full text-xs text-muted-foreground">{summarizeDetails(entry.details)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function summarizeDetails(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const d = details as Record<string, unknown>;
  if (typeof d.deleted === "number") return `${d.deleted} deleted of ${String(d.matched)} matched`;
  if (typeof d.written === "number") {
    return d.resumed
      ? `finished (page by page): ${String(d.total)} entries`
      : `${d.written} written, ${String(d.present)} already cached of ${String(d.total)}`;
  }
  if (typeof d.reason === "string") return `Refused: ${d.reason}`;
  return "";
}
