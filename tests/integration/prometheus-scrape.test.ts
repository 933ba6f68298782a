// A real Prometheus (Debian's /usr/bin/prometheus, started here on a free port with a temporary
// config and data folder) scrapes an HTTP server that serves the app's registry through the real
// /api/metrics route handler, with the request metrics installed on that server; then queries of
// the dashboards' panels and the recording rules return data.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import * as metricsRoute from "@/app/api/metrics/route";
import { installHttpMetrics } from "@/lib/monitoring/http-metrics";
import { routeMatcher, routesFromFolders } from "@/lib/observability/routes";

import { openIsolatedDb, type IsolatedDb } from "../helpers/isolated-db";

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
const root = path.resolve(import.meta.dirname, "../..");

interface Panel {
  title: string;
  targets?: { expr: string }[];
}
function panelQuery(file: string, title: string): string {
  const dashboard = JSON.parse(readFileSync(path.join(root, "monitoring/grafana/dashboards", file), "utf8")) as {
    panels: Panel[];
  };
  const expr = dashboard.panels.find((panel) => panel.title === title)?.targets?.[0]?.expr;
  if (!expr) throw new Error(`no panel "${title}" in ${file}`);
  return expr.replaceAll("$instance", ".*");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function toRequest(request: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(new URL(request.url ?? "/", base), { method: request.method, headers });
}

let iso: IsolatedDb;
let app: Server;
let appBase: string;
let prometheus: ChildProcess | undefined;
let prometheusBase: string;
let prometheusLog = "";
const dataDir = mkdtempSync(path.join(tmpdir(), "tessera-prometheus-"));

beforeAll(async () => {
  iso = await openIsolatedDb();
  const tenant = await iso.db.tenant.create({
    data: { name: "Scrape Co", slug: `scrape-${process.pid}`, tier: "STARTER" },
  });
  await iso.db.subscription.create({
    data: {
      tenantId: tenant.id,
      provider: "LOCAL",
      providerId: `sub_scrape_${process.pid}`,
      tier: "STARTER",
      interval: "MONTH",
      status: "ACTIVE",
      currency: "usd",
      unitAmount: 2900,
      providerCreatedAt: new Date(),
      providerUpdatedAt: new Date(),
    },
  });

  installHttpMetrics(routeMatcher(routesFromFolders(root)));
  app = createServer((request, response) => {
    void (async () => {
      if (request.url?.startsWith("/api/metrics")) {
        const answer = await metricsRoute.GET(toRequest(request, appBase));
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
        return;
      }
      response.writeHead(request.url?.startsWith("/api/v1/") ? 503 : 200, { "content-type": "text/plain" });
      response.end("ok");
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appPort = (app.address() as AddressInfo).port;
  appBase = `http://127.0.0.1:${appPort}`;

  const port = await freePort();
  prometheusBase = `http://127.0.0.1:${port}`;
  const config = path.join(dataDir, "prometheus.yml");
  writeFileSync(
    config,
    JSON.stringify({
      global: { scrape_interval: "1s", evaluation_interval: "1s" },
      rule_files: [path.join(root, "monitoring/rules/*.yml")],
      scrape_configs: [
        { job_name: "tessera", metrics_path: "/api/metrics", static_configs: [{ targets: [`127.0.0.1:${appPort}`] }] },
      ],
    }),
  );
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dataDir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  prometheus.stdout?.on("data", (chunk: Buffer) => (prometheusLog += chunk.toString()));
  prometheus.stderr?.on("data", (chunk: Buffer) => (prometheusLog += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    prometheus?.once("error", (error) =>
      reject(new Error(`${PROMETHEUS} did not start (apt-get install prometheus): ${error.message}`)),
    );
    prometheus?.once("spawn", () => resolve());
  });
}, 90_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus?.once("exit", resolve));
    prometheus.kill("SIGTERM");
    await exited;
  }
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  await iso?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`${prometheusBase}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: [] } };
  if (body.status !== "success") throw new Error(`query failed: ${body.error} (${expr})`);
  return body.data?.result ?? [];
}

describe("a real Prometheus scraping the app's /api/metrics", () => {
  it("answers the dashboards' queries with the app's data", async () => {
    // Traffic between scrapes, so rate() over the scraped counters has something to show.
    await vi.waitFor(
      async () => {
        for (const url of ["/t/acme/members", "/t/globex/members", "/api/v1/members"])
          await (await fetch(appBase + url)).text();
        const up = await query('up{job="tessera"}');
        expect(up[0]?.value[1], prometheusLog).toBe("1");
        const byStatus = await query(panelQuery("tessera-system.json", "Requests per second by status"));
        const statuses = Object.fromEntries(byStatus.map((sample) => [sample.metric.status, Number(sample.value[1])]));
        expect(statuses["200"]).toBeGreaterThan(0);
        expect(statuses["503"]).toBeGreaterThan(0);
      },
      { timeout: 60_000, interval: 500 },
    );

    const mrr = await query(panelQuery("tessera-business.json", "MRR"));
    expect(mrr).toEqual([expect.objectContaining({ metric: { currency: "usd" }, value: [expect.any(Number), "29"] })]);

    const tiers = await query(panelQuery("tessera-tenants.json", "Tenants by tier"));
    expect(tiers).toEqual([expect.objectContaining({ metric: { tier: "starter" }, value: [expect.any(Number), "1"] })]);

    const memory = await query(panelQuery("tessera-system.json", "Memory"));
    expect(Number(memory[0]?.value[1])).toBeGreaterThan(1_000_000);

    // The labels are route templates, never the concrete paths.
    const routes = await query('count by (route) (tessera_http_requests_total{route=~"/t/.*"})');
    expect(routes.map((sample) => sample.metric.route)).toEqual(["/t/[slug]/members"]);
  }, 90_000);

  it("evaluates the recording rules: the error ratio is the share of 503s", async () => {
    await vi.waitFor(
      async () => {
        const ratio = await query("tessera:http_errors:ratio_rate5m");
        const value = Number(ratio[0]?.value[1]);
        // One of three non-asset requests per round fails; metrics scrapes (200) dilute it.
        expect(value).toBeGreaterThan(0.05);
        expect(value).toBeLessThan(0.34);
      },
      // The SLO recording group is evaluated every 30 s.
      { timeout: 75_000, interval: 500 },
    );
  }, 90_000);
});
