// The health report behind /api/health and the admin console's status panel.
import "server-only";

import { checkCacheHealth } from "../cache-console/console";
import { dbKind, getDb } from "../db/client";
import { withDeadline } from "../deadline";
import { runtimeMode } from "../env";
import { appVersion } from "../version";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  version: string;
  uptimeSeconds: number;
  database: { kind: "postgres" | "embedded"; ok: boolean; latencyMs?: number; error?: string };
  /** state: the cache's health (lib/cache-console/console.ts checkCacheHealth); details on /admin/cache. */
  cache: { kind: string; ok: boolean; state: "ok" | "degraded" | "down"; latencyMs?: number; error?: string };
  email: { kind: string };
  /** Where uploaded files are kept: "disk" (STORAGE_DISK_DIR) or "s3" (S3_BUCKET). */
  storage: { kind: string };
}

async function pingDatabase(): Promise<HealthReport["database"]> {
  const started = performance.now();
  try {
    const db = await getDb();
    await withDeadline(db.$queryRaw`SELECT 1`, 2_000);
    return { kind: dbKind(), ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { kind: dbKind(), ok: false, error: "unreachable" };
  }
}

export async function healthReport(): Promise<HealthReport> {
  const [database, cache] = await Promise.all([pingDatabase(), checkCacheHealth()]);
  const ok = cache.state !== "down";
  return {
    status: !database.ok ? "down" : cache.state === "ok" ? "ok" : "degraded",
    version: appVersion,
    uptimeSeconds: Math.round(process.uptime()),
    database,
    cache: {
      kind: cache.transport,
      ok,
      state: cache.state,
      latencyMs: cache.pingMs ?? undefined,
      ...(ok ? {} : { error: "unreachable" }),
    },
    email: { kind: runtimeMode.email },
    storage: { kind: runtimeMode.storage },
  };
}
