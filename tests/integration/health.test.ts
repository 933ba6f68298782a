// GET /api/health: 200 with the database and cache in use; 503 when the database is unreachable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET } from "@/app/api/health/route";
import { createPostgresClient, setDb } from "@/lib/db/client";
import type { HealthReport } from "@/lib/monitoring/health";

import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
  // The first query of a fresh pool opens its connection; under a loaded CI machine that alone can
  // take longer than the health check's 2 s budget. Warm it so the test checks the answer, not the
  // machine's load.
  await GET();
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("GET /api/health", () => {
  it("answers 200 with the database kind and state, the cache and the version", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as HealthReport;
    expect(body.status).toBe("ok");
    expect(body.database).toMatchObject({ kind: t.kind, ok: true });
    expect(body.cache.ok).toBe(true);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("answers 503 when the database is unreachable, without leaking the error", async () => {
    const broken = createPostgresClient("postgresql://nobody@127.0.0.1:1/nothing");
    setDb(broken);
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      const body = (await response.json()) as HealthReport;
      expect(body.status).toBe("down");
      expect(body.database).toEqual({ kind: "postgres", ok: false, error: "unreachable" });
    } finally {
      await broken.client.$disconnect();
    }
  });
});
