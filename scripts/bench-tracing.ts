// npm run bench:tracing — what tracing costs: the same route (GET /api/health through its real
// route handler: one Prisma query, one Redis PING, the request metrics) served by two processes,
// one with tracing off (the default) and one with tracing on at 100% sampling exporting OTLP/HTTP
// to a local sink, measured in one run with autocannon, rounds interleaved (A B, B A, …).
//
// Handler level: the servers are plain node HTTP servers (scripts/bench-tracing-server.ts), not
// `next start`: one request span stands for Next's (Next makes a few more), and each request runs
// inside an AsyncLocalStorage as Next's do; what is measured is Tessera's setup: @vercel/otel's SDK,
// the batch span processor and OTLP exporter, Prisma's and the outbound instrumentation, context
// propagation. Each server's CPU time per request (from /proc) is printed next to throughput.
//
// BENCH_TARGET=next measures the real server instead: `next start` on the existing build (`next
// build` first), one process per mode (Next 16 serves in the process it starts in, so /proc gives
// its CPU), each on its own embedded PGlite; Next's own request spans are then part of the figure,
// and so is everything else a Next request costs.
//
// BENCH_ROUTE picks the route: `health` (default; the worst case: a route of microseconds with
// six spans — the request, one Prisma query, four Redis commands) or `v1`, GET /api/v1/ping with
// an API key (scripts/bench-api-setup.ts makes a workspace and a tenant:read key in each server's
// database before it starts): the API's own path, key lookup, the gate's Redis round trip, usage
// counting and metrics, with the spans an API call has (the request, carrying the API's
// attributes, and `api.gate`, which counts its Redis command; Next's route-handler span too under
// BENCH_TARGET=next).
//
// Settings: BENCH_ROUNDS (4), BENCH_DURATION seconds (5), BENCH_CONNECTIONS (8), BENCH_WARMUP rounds
// (3: a server's CPU per request keeps falling for its first 15-20 s of load, JIT tiers and heap
// sizing, and not at the same pace in both, so one short warm-up round let a slow-warming server
// decide the ratio; the warm-up rounds are printed, not counted). Database: with
// DATABASE_URL that server (read-only SELECT 1), else an embedded PGlite per process in a temp dir.
// Goal (issue 16): throughput with tracing ≥ 90% of without. Exit code 1 when missed.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { type Cleanup, freshDatabase, runCleanups } from "./lib/bench";
import { atRepoRoot } from "./lib/repo";
import { median } from "./lib/stats";

const { root, nextBin, tsxCli } = atRepoRoot();
const cleanups: Cleanup[] = [];
const target = process.env.BENCH_TARGET === "next" ? "next" : "handler";
const route = process.env.BENCH_ROUTE === "v1" ? "v1" : "health";
const routePath = route === "v1" ? "/api/v1/ping" : "/api/health";
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const warmUpRounds = Number(process.env.BENCH_WARMUP ?? 3);
const temp = mkdtempSync(path.join(tmpdir(), "tessera-bench-tracing-"));

// The OTLP sink: accepts trace exports, counts requests and bytes.
const sink = { requests: 0, bytes: 0 };
const sinkServer = http.createServer((request, response) => {
  request.on("data", (chunk: Buffer) => (sink.bytes += chunk.length));
  request.on("end", () => {
    sink.requests += 1;
    response.writeHead(200, { "content-type": "application/json" });
    response.end("{}");
  });
});
await new Promise<void>((resolve) => sinkServer.listen(0, "127.0.0.1", resolve));
const sinkUrl = `http://127.0.0.1:${(sinkServer.address() as AddressInfo).port}`;

/** A started server process and the URL measured on it. */
interface Server {
  child: ChildProcess;
  url: string;
  /** The request's headers: the API key's Authorization for BENCH_ROUTE=v1. */
  headers: Record<string, string>;
}

/** One measured run: requests/s (mean), p99 latency (ms), the server's CPU µs per request. */
interface Figures {
  rps: number;
  p99: number;
  cpuPerRequest: number;
  /** The server's resident memory after the round (MiB): a server that keeps growing shows here first. */
  rssMiB: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// BENCH_ROUTE=v1 on the handler target with DATABASE_URL: a fresh database on that server for the
// run (migrated, dropped at the end), shared by both servers; the health route only reads SELECT 1.
let databaseUrl = process.env.DATABASE_URL;
if (route === "v1" && target === "handler" && databaseUrl) {
  databaseUrl = (await freshDatabase(databaseUrl, { prefix: "tessera_bench_tracing", cleanups })).url;
  const migrated = spawnSync(process.execPath, [tsxCli, "scripts/db-migrate.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (migrated.status !== 0) throw new Error("db:migrate failed");
}

/** Each server's own database: a PGlite directory, or (handler target) the DATABASE_URL server. */
function databaseEnv(name: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  if (target === "next") return { ...inherited, PGLITE_DATA_DIR: path.join(temp, name, "pglite") };
  return {
    ...inherited,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PGLITE_DATA_DIR: path.join(temp, name),
  };
}

/** BENCH_ROUTE=v1: a workspace and a tenant:read key in the server's database, before it starts. */
function apiKeyHeaders(name: string): Record<string, string> {
  if (route !== "v1") return {};
  const setup = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-api-setup.ts"], {
    cwd: root,
    env: { ...databaseEnv(name), LOG_LEVEL: "error" },
    encoding: "utf8",
  });
  const last = setup.stdout.trim().split("\n").at(-1) ?? "";
  if (setup.status !== 0 || !last.startsWith("{")) throw new Error(`${name}: bench setup failed: ${setup.stderr}`);
  const { secret } = JSON.parse(last) as { secret: string };
  return { authorization: `Bearer ${secret}` };
}

/** The environment both kinds of server get: limits computed but never hit, no background flush. */
const SERVER_ENV = { LOG_LEVEL: "error", USAGE_FLUSH_INTERVAL_SECONDS: "0", API_RATE_LIMIT_MULTIPLIER: "100000" };

/** `next start` on the build, ready once /api/health answers 200 (boot migrates its PGlite). */
async function startNext(name: string, extraEnv: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const headers = apiKeyHeaders(name);
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...databaseEnv(name),
      ...SERVER_ENV,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "bench-tracing-secret-0123456789abcdef",
      AUTH_TRUST_HOST: "true",
      APP_URL: base,
      TESSERA_SEED: "never",
      STORAGE_DISK_DIR: path.join(temp, name, "objects"),
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + 600_000; // boot migrates a fresh PGlite: minutes on a busy machine
  for (;;) {
    if (exited) throw new Error(`${name} server exited`);
    const ok = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { child, url: `${base}${routePath}`, headers };
    if (Date.now() > deadline) throw new Error(`${name} server not ready`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function startServer(name: string, extraEnv: Record<string, string>): Promise<Server> {
  if (target === "next") return startNext(name, extraEnv);
  const headers = apiKeyHeaders(name);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-tracing-server.ts"], {
      cwd: root,
      env: { ...databaseEnv(name), ...SERVER_ENV, BENCH_ROUTE: route, ...extraEnv },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.once("error", reject);
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(chunk.toString());
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}${routePath}`, headers });
    });
    child.once("exit", (code) => reject(new Error(`${name} server exited (${code})`)));
  });
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.removeAllListeners("exit");
    server.child.once("exit", () => resolve());
    server.child.kill("SIGTERM");
  });

/** The server process's CPU time so far (µs, from /proc): less disturbed by other load than throughput. */
function cpuMicros(server: Server): number {
  const fields = (readFileSync(`/proc/${server.child.pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime + stime, in USER_HZ (100)
}

/** The server process's resident set (MiB, from /proc). */
function rssMiB(server: Server): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${server.child.pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** A round's CPU and memory, as every round line prints them. */
const perRequest = (figures: Figures) =>
  `${figures.cpuPerRequest.toFixed(0)} µs CPU/request, RSS ${figures.rssMiB.toFixed(0)} MiB`;

async function measure(server: Server, warmUp = false): Promise<Figures> {
  const before = cpuMicros(server);
  const result = await autocannon({ url: server.url, headers: server.headers, connections, duration });
  const cpu = cpuMicros(server) - before;
  // A rare 503 (the health check's 2 s database timeout on an overloaded machine) is reported, not fatal.
  if (!warmUp && (result.errors > 0 || result.non2xx > result.requests.total / 1000))
    throw new Error(`${server.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  if (result.non2xx > 0) console.log(`[bench] ${result.non2xx} non-2xx answers of ${result.requests.total}`);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuPerRequest: cpu / result.requests.total,
    rssMiB: rssMiB(server),
  };
}

let off: Server | undefined;
let on: Server | undefined;
let code = 0;
try {
  [off, on] = await Promise.all([
    startServer("off", { OTEL_EXPORTER_OTLP_ENDPOINT: "" }),
    startServer("on", {
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
      OTEL_TRACES_SAMPLER: "always_on",
      OTEL_SERVICE_NAME: "tessera-bench",
    }),
  ]);
  for (let round = 0; round < warmUpRounds; round += 1) {
    const order = round % 2 === 0 ? (["off", "on"] as const) : (["on", "off"] as const);
    for (const mode of order) {
      const figures = await measure(mode === "off" ? off : on, true); // the first requests open the pools
      console.log(
        `[bench] warm-up ${round + 1} tracing ${mode.padEnd(3)} ${figures.rps.toFixed(0)} req/s, ` +
          perRequest(figures),
      );
    }
  }
  const results: Record<"off" | "on", Figures[]> = { off: [], on: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? (["off", "on"] as const) : (["on", "off"] as const);
    for (const mode of order) {
      const figures = await measure(mode === "off" ? off : on);
      results[mode].push(figures);
      console.log(
        `[bench] round ${round + 1} tracing ${mode.padEnd(3)} ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99} ms, ` +
          perRequest(figures),
      );
    }
  }
  const offRps = median(results.off.map((r) => r.rps));
  const onRps = median(results.on.map((r) => r.rps));
  const ratio = onRps / offRps;
  const offCpu = median(results.off.map((r) => r.cpuPerRequest));
  const onCpu = median(results.on.map((r) => r.cpuPerRequest));
  console.log("");
  console.log(
    `GET ${routePath} (${target === "next" ? "next start" : "route handler"}), ${connections} connections, ${rounds} rounds of ${duration}s (medians)`,
  );
  console.log(
    `tracing off: ${offRps.toFixed(0)} req/s, p99 ${median(results.off.map((r) => r.p99))} ms, ${offCpu.toFixed(0)} µs CPU/request, RSS ${(results.off.at(-1)?.rssMiB ?? Number.NaN).toFixed(0)} MiB at the end`,
  );
  console.log(
    `tracing on:  ${onRps.toFixed(0)} req/s, p99 ${median(results.on.map((r) => r.p99))} ms, ${onCpu.toFixed(0)} µs CPU/request, RSS ${(results.on.at(-1)?.rssMiB ?? Number.NaN).toFixed(0)} MiB at the end (100% sampled)`,
  );
  console.log(`OTLP sink received ${sink.requests} exports, ${(sink.bytes / 1024).toFixed(0)} KiB`);
  const verdict = ratio >= 0.9 ? "met" : "MISSED";
  console.log(
    `CPU per request without / with tracing: ${(offCpu / onCpu).toFixed(3)} (the throughput a CPU-bound server keeps)`,
  );
  console.log(`throughput with tracing / without: ${ratio.toFixed(3)} (goal ≥ 0.90: ${verdict})`);
  if (ratio < 0.9 || sink.requests === 0) code = 1;
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await Promise.all([off, on].filter((server) => server !== undefined).map(stop));
  sinkServer.close();
  await runCleanups(cleanups);
  rmSync(temp, { recursive: true, force: true });
}
process.exit(code);
