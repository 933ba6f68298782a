// The SLO status of /admin/system: the app's own hourly history in Redis (memory store and a real
// Redis), kept when Redis fails, and the Prometheus source (a local fake answering the queries).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  SLO_QUERIES,
  flushSloCounts,
  noteRequestForSlo,
  sloFromHistory,
  sloFromPrometheus,
  sloStatus,
} from "@/lib/monitoring/slo";
import type { Operator } from "@/lib/http/operator";

import { redisTransports } from "../fixtures/redis-transports";
import { HOUR_MS } from "@/lib/calendar";

const NOW = new Date("2026-11-20T12:30:00Z");

/** 1,000 requests over two hours: 2 answered 5xx, 3 slower than a second, the rest 100 ms. */
function recordTraffic() {
  for (let i = 0; i < 1_000; i += 1) {
    const at = NOW.getTime() - (i < 400 ? 26 * HOUR_MS : 0);
    const status = i === 10 ? 500 : i === 500 ? 503 : i === 20 ? 404 : 200;
    noteRequestForSlo(status, i >= 997 ? 1.5 : 0.1, at);
  }
}

describe.each(redisTransports())("the app's SLO history on $name", (transport) => {
  let open: Awaited<ReturnType<typeof transport.open>>;
  beforeAll(async () => {
    open = await transport.open();
  });
  afterAll(async () => {
    await open?.close();
  });

  it("adds every process's hourly counts and reads 30 days back", async () => {
    recordTraffic();
    await flushSloCounts(open.redis);
    recordTraffic(); // a second process (or a later minute) adds to the same hours
    const status = await sloFromHistory(NOW, open.redis);
    expect(status).toMatchObject({
      source: "app",
      windowDays: 30,
      requests: 2_000,
      coverageHours: 2,
      errorBudgetRemaining: 0, // 0.2% failed: twice the 0.1% budget
    });
    expect(status.availability).toBeCloseTo(0.998, 6);
    expect(status.meanLatencySeconds).toBeCloseTo((997 * 0.1 + 3 * 1.5) / 1_000, 6);
    expect(status.slowShare).toBeCloseTo(0.003, 6);
    expect(status.days).toEqual([
      { day: "2026-11-19", requests: 800, availability: (800 - 2) / 800 },
      { day: "2026-11-20", requests: 1_200, availability: (1_200 - 2) / 1_200 },
    ]);
  });

  it("keeps the counts when Redis fails and writes them on the next flush", async () => {
    const broken = new Redis({
      request: () => Promise.reject(new Error("connection refused")),
    } as never);
    noteRequestForSlo(200, 0.05, NOW.getTime() - 60 * HOUR_MS);
    await flushSloCounts(broken);
    const status = await sloFromHistory(NOW, open.redis);
    expect(status.requests).toBe(2_001);
    expect(status.coverageHours).toBe(3);
  });
});

describe("the SLO status from Prometheus", () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    const answers: Record<string, string> = {
      [SLO_QUERIES.requests]: "100000",
      [SLO_QUERIES.errors]: "50",
      [SLO_QUERIES.mean]: "0.123",
      [SLO_QUERIES.p99]: "0.9",
    };
    server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://fake");
      const query = url.searchParams.get("query") ?? "";
      seen.push(`${url.pathname} ${query}`);
      response.setHeader("content-type", "application/json");
      if (url.pathname === "/api/v1/query_range") {
        const start = Number(url.searchParams.get("start"));
        const value = query === SLO_QUERIES.daily ? "0.9995" : "3333";
        response.end(JSON.stringify({ status: "success", data: { result: [{ values: [[start, value]] }] } }));
        return;
      }
      const value = answers[query];
      response.end(
        JSON.stringify({ status: "success", data: { result: value ? [{ metric: {}, value: [1, value] }] : [] } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("computes availability, budget and latency from the fleet's series", async () => {
    const status = await sloFromPrometheus(base, NOW);
    expect(status).toMatchObject({
      source: "prometheus",
      requests: 100_000,
      p99Seconds: 0.9,
      meanLatencySeconds: 0.123,
    });
    expect(status.availability).toBeCloseTo(0.9995, 6);
    expect(status.errorBudgetRemaining).toBeCloseTo(0.5, 6);
    expect(status.days).toEqual([{ day: "2026-10-22", requests: 3_333, availability: 0.9995 }]);
    expect(seen).toContain(`/api/v1/query ${SLO_QUERIES.errors}`);
  });

  it("is read for operators only", async () => {
    await expect(
      sloStatus({ via: "session", id: "u1", email: "x@example.test" } as unknown as Operator),
    ).rejects.toThrow();
  });
});
