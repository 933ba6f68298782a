// Which implementation serves each concern (configured service or embedded default), with its
// live state from the health report. Shown on the overview and the system page.
import { Badge } from "@/components/ui/badge";
import type { runtimeMode as RuntimeModeValue } from "@/lib/env";
import type { HealthReport } from "@/lib/monitoring/health";

type RuntimeMode = typeof RuntimeModeValue;

interface Concern {
  name: string;
  summary: string;
  configured: boolean;
  note: string;
  state?: { ok: boolean; latencyMs?: number };
}

export function describeRuntime(
  mode: RuntimeMode,
  health?: HealthReport,
  details?: { pgliteDataDir?: string },
): Concern[] {
  const database: Concern =
    mode.database === "postgres"
      ? {
          name: "Database",
          summary: "PostgreSQL (configured)",
          configured: true,
          note: "DATABASE_URL is set. Migrations run with npm run db:migrate.",
        }
      : {
          name: "Database",
          summary: "Embedded PGlite (single instance)",
          configured: false,
          note: `PostgreSQL in WebAssembly, persisted under ${details?.pgliteDataDir ?? "PGLITE_DATA_DIR"}. Only one app instance can use it; set DATABASE_URL for production.`,
        };
  const cache: Concern =
    mode.cache === "upstash"
      ? {
          name: "Cache and rate limits",
          summary: "Upstash Redis (configured)",
          configured: true,
          note: "UPSTASH_REDIS_REST_URL is set.",
        }
      : mode.cache === "redis"
        ? { name: "Cache and rate limits", summary: "Redis (configured)", configured: true, note: "REDIS_URL is set." }
        : {
            name: "Cache and rate limits",
            summary: "In-process memory (single instance)",
            configured: false,
            note: "Counters and rate limits live in this process and reset on restart; set REDIS_URL or UPSTASH_REDIS_REST_URL to share them.",
          };
  const email: Concern =
    mode.email === "smtp"
      ? {
          name: "Email",
          summary: "SMTP (configured)",
          configured: true,
          note: "SMTP_URL is set; invitations are mailed.",
        }
      : {
          name: "Email",
          summary: "Written to the log",
          configured: false,
          note: "SMTP_URL is unset: messages go to the server log and invitation links are shown in the console to pass on.",
        };
  if (health) {
    database.state = { ok: health.database.ok, latencyMs: health.database.latencyMs };
    cache.state = { ok: health.cache.ok, latencyMs: health.cache.latencyMs };
  }
  return [database, cache, email];
}

export function RuntimeModes({
  mode,
  health,
  pgliteDataDir,
  showNotes = true,
}: {
  mode: RuntimeMode;
  health?: HealthReport;
  pgliteDataDir?: string;
  showNotes?: boolean;
}) {
  const concerns = describeRuntime(mode, health, { pgliteDataDir });
  return (
    <dl className="grid gap-4">
      {concerns.map((concern) => (
        <div key={concern.name} className="grid gap-1 sm:grid-cols-[11rem_1fr] sm:gap-4">
          <dt className="text-sm font-medium">{concern.name}</dt>
          <dd className="grid gap-1">
            <span className="flex flex-wrap items-center gap-2 text-sm">
              {concern.summary}
              <Badge variant={concern.configured ? "secondary" : "outline"}>
                {concern.configured ? "Configured" : "Embedded default"}
              </Badge>
              {concern.state && <HealthBadge ok={concern.state.ok} latencyMs={concern.state.latencyMs} />}
            </span>
            {showNotes && <span className="text-sm text-muted-foreground">{concern.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function HealthBadge({ ok, latencyMs }: { ok: boolean; latencyMs?: number }) {
  return ok ? (
    <Badge variant="success">
      Reachable{latencyMs !== undefined ? <span className="font-normal tabular-nums"> · {latencyMs} ms</span> : null}
    </Badge>
  ) : (
    <Badge variant="destructive">Unreachable</Badge>
  );
}

export function OverallHealthBadge({ status }: { status: HealthReport["status"] }) {
  if (status === "ok") return <Badge variant="success">All systems operational</Badge>;
  if (status === "degraded") return <Badge variant="warning">Degraded</Badge>;
  return <Badge variant="destructive">Down</Badge>;
}
