// The machine endpoints outside /api/v1: POST /api/cron/usage-flush and /api/cron/purge
// (Bearer CRON_SECRET; 404 while unset, 401 on a wrong secret), GET /api/metrics (Prometheus
// text; Bearer METRICS_TOKEN when set) and the bare GET /api/ping. Handlers are called in-process.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

import { deleteRedisKeys } from "../../scripts/lib/redis-keys";

// One mutable copy of the settings for every module of this file; each test sets the secrets it
// needs. The Redis key prefix keeps this file's counters (and its flush) apart from other files'.
const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(
    importOriginal,
    settings,
    { CRON_SECRET: undefined, METRICS_TOKEN: undefined },
    { keyPrefix: "cron" },
  ),
);

const { createApiKey } = await import("@/lib/api-keys/keys");
const ping = await import("@/app/api/v1/ping/route");
const barePing = await import("@/app/api/ping/route");
const metricsRoute = await import("@/app/api/metrics/route");
const usageFlush = await import("@/app/api/cron/usage-flush/route");
const purge = await import("@/app/api/cron/purge/route");
const { call, tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

type TestDb = Awaited<ReturnType<typeof openTestDb>>;

const CRON_SECRET = `cron-${randomBytes(16).toString("hex")}`;
const METRICS_TOKEN = `metrics-${randomBytes(16).toString("hex")}`;

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  const url = process.env.REDIS_URL;
  // This file's keys, under its own prefix.
  if (url) await deleteRedisKeys(url, settings.env.REDIS_KEY_PREFIX);
  await t.close();
});
beforeEach(() => {
  settings.env.CRON_SECRET = undefined;
  settings.env.METRICS_TOKEN = undefined;
});

async function scrape(headers: Record<string, string> = {}) {
  const response = await metricsRoute.GET(new Request("http://localhost/api/metrics", { headers }));
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("GET /api/ping", () => {
  it("answers what the v1 ping answers, without a key", async () => {
    const response = barePing.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, service: "tessera" });
    expect(barePing.dynamic).toBe("force-dynamic");
  });
});

describe("cron routes", () => {
  it("are not advertised while CRON_SECRET is unset", async () => {
    for (const handler of [usageFlush.POST, purge.POST]) {
      const response = await call(handler, "POST", "/api/cron/x", { key: "anything-at-all-0123456789" });
      expect(response.status).toBe(404);
      expect(response.json.error.code).toBe("not_found");
    }
  });

  it("refuse a missing, malformed or wrong secret", async () => {
    settings.env.CRON_SECRET = CRON_SECRET;
    for (const handler of [usageFlush.POST, purge.POST]) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: CRON_SECRET },
        { authorization: `Basic ${CRON_SECRET}` },
        { authorization: `Bearer ${CRON_SECRET}x` },
        { authorization: `Bearer ${CRON_SECRET.slice(0, -1)}` },
        { authorization: "Bearer " },
      ];
      for (const headers of attempts) {
        const response = await call(handler, "POST", "/api/cron/x", { headers });
        expect(response.status, JSON.stringify(headers)).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe("Bearer");
      }
    }
  });

  it("flush counted API usage into the hourly rollups", async () => {
    settings.env.CRON_SECRET = CRON_SECRET;
    const ctx = await tenantWithOwner(t.db);
    const { key, secret } = await createApiKey(ctx, { name: "cron", scopes: ["tenant:read"] });
    for (let i = 0; i < 3; i += 1) {
      expect((await call(ping.GET, "GET", "/api/v1/ping", { key: secret })).status).toBe(200);
    }
    // The tenant joins this hour's flush set off the request path: wait until the flush sees it.
    const flushed = await vi.waitFor(async () => {
      const response = await call(usageFlush.POST, "POST", "/api/cron/usage-flush", { key: CRON_SECRET });
      expect(response.status).toBe(200);
      expect(response.json.tenants).toBeGreaterThanOrEqual(1);
      return response.json;
    });
    expect(flushed).toEqual({ tenants: 1, batches: 1, calls: 3 });
    const rollups = await t.db.usageRollup.findMany({ where: { tenantId: ctx.tenant.id } });
    expect(rollups).toEqual([expect.objectContaining({ apiKeyId: key.id, route: "GET /api/v1/ping", count: 3 })]);
    // Nothing left: a second run moves no calls.
    const again = await call(usageFlush.POST, "POST", "/api/cron/usage-flush", { key: CRON_SECRET });
    expect(again.json).toMatchObject({ batches: 0, calls: 0 });
  });

  it("purge tenants whose grace period has passed", async () => {
    settings.env.CRON_SECRET = CRON_SECRET;
    const now = Date.now();
    const slug = uniq("purge").toLowerCase().slice(0, 40);
    // A minute past its grace period: never within reach of another file's back-dated purge.
    const doomed = await t.db.tenant.create({
      data: {
        name: slug,
        slug,
        status: "DELETED",
        deletedAt: new Date(now - 60_000),
        purgeAfter: new Date(now - 60_000),
      },
    });
    const kept = await t.db.tenant.create({
      data: {
        name: `${slug}-kept`,
        slug: `${slug}-kept`,
        status: "DELETED",
        deletedAt: new Date(now),
        purgeAfter: new Date(now + 86_400_000),
      },
    });
    const response = await call(purge.POST, "POST", "/api/cron/purge", { key: CRON_SECRET });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ purged: expect.any(Number) });
    // Another file's purge may have taken it first; either way it is gone and the other stays.
    expect(await t.db.tenant.count({ where: { id: doomed.id } })).toBe(0);
    expect(await t.db.tenant.count({ where: { id: kept.id } })).toBe(1);
    if (t.kind === "embedded") expect(response.json.purged).toBe(1);
  });
});

describe("GET /api/metrics", () => {
  it("exposes the registry, counting v1 calls", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { secret } = await createApiKey(ctx, { name: "metrics", scopes: ["tenant:read"] });
    expect((await call(ping.GET, "GET", "/api/v1/ping", { key: secret })).status).toBe(200);
    expect((await call(ping.GET, "GET", "/api/v1/ping")).status).toBe(401);
    const scraped = await scrape();
    expect(scraped.status).toBe(200);
    expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scraped.text).toContain("# TYPE tessera_api_requests_total counter");
    expect(scraped.text).toMatch(/^tessera_api_requests_total\{route="GET \/api\/v1\/ping",status="200"\} [1-9]/m);
    expect(scraped.text).toMatch(/^tessera_api_requests_total\{route="GET \/api\/v1\/ping",status="401"\} [1-9]/m);
    expect(scraped.text).toContain("tessera_api_request_duration_seconds_bucket");
    expect(scraped.text).toContain("tessera_process_cpu_seconds_total");
  });

  it("requires the bearer token when METRICS_TOKEN is set", async () => {
    settings.env.METRICS_TOKEN = METRICS_TOKEN;
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${CRON_SECRET}` })).status).toBe(401);
    const allowed = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain("tessera_api_requests_total");
  });
});
