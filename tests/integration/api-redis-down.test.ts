// Redis unreachable: the API stays up (burst limit, quota and usage fail open, counted in
// tessera_redis_unavailable_total) but revocation never fails open: keys are re-read from
// PostgreSQL on every call.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/cache/redis", () => ({
  getRedis: async () => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
  },
}));

const ping = await import("@/app/api/v1/ping/route");
const { createApiKey } = await import("@/lib/api-keys/keys");
const { metrics } = await import("@/lib/observability/metrics");
const { call, tenantWithOwner } = await import("../helpers/api");
const { setupTestDb } = await import("../helpers/db");

const t = setupTestDb();

async function fallbacks(): Promise<number> {
  const metric = await metrics().redisFallback.get();
  return metric.values.find((v) => v.labels.purpose === "api_gate")?.value ?? 0;
}

describe("Redis down", () => {
  it("serves calls without limits and still refuses a revoked key at once", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { key, secret } = await createApiKey(ctx, { name: "down", scopes: ["tenant:read"] });
    const before = await fallbacks();
    const ok = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-limit")).toBeNull();
    expect(await fallbacks()).toBe(before + 1);

    // Revoked behind this process's back (its epoch bump cannot reach Redis either).
    await t.db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const refused = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
    expect(refused.status).toBe(401);
  });
});
