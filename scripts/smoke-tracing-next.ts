// Tracing under the real server, not only in tests: starts `next start` on the existing production
// build (`next build` first) with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local OTLP/HTTP
// receiver this script runs, requests a page-less route (/api/health) and an unknown API path,
// then waits for the batch export and checks what arrived: protobuf on /v1/traces, Next's request
// span, Prisma's span and the cache check's (its Redis commands counted on it), and the trace id
// of the 404's x-request-id.
//
//   npx tsx scripts/smoke-tracing-next.ts        (PORT: SMOKE_PORT, default 3227)
//
// Database: DATABASE_URL when set, else an embedded PGlite in a temp folder. Exit code 1 on failure.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { atRepoRoot } from "./lib/repo";

const { nextBin } = atRepoRoot();
const port = Number(process.env.SMOKE_PORT ?? 3227);
const temp = mkdtempSync(path.join(tmpdir(), "tessera-smoke-tracing-"));
/** What the receiver got: one entry per OTLP export request. */
const received: { path: string | undefined; type: string | undefined; body: Buffer }[] = [];

const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ path: request.url, type: request.headers["content-type"], body: Buffer.concat(chunks) });
    response.writeHead(200, { "content-type": "application/json" });
    response.end("{}");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));

const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "smoke-tracing-secret-0123456789abcdef",
    AUTH_TRUST_HOST: "true",
    APP_URL: `http://127.0.0.1:${port}`,
    PGLITE_DATA_DIR: path.join(temp, "pglite"),
    STORAGE_DISK_DIR: path.join(temp, "objects"),
    TESSERA_SEED: "never",
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    OTEL_TRACES_SAMPLER: "always_on",
    OTEL_BSP_SCHEDULE_DELAY: "200",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
server.stdout.on("data", () => {});

const deadline = (seconds: number): number => Date.now() + seconds * 1000;
async function until<T>(check: () => Promise<T | undefined>, seconds: number, what: string): Promise<T> {
  const end = deadline(seconds);
  for (;;) {
    const result = await check().catch(() => undefined);
    if (result) return result;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let code = 0;
try {
  const base = `http://127.0.0.1:${port}`;
  const health = await until(
    async () => {
      const response = await fetch(`${base}/api/health`);
      return response.status === 200 ? response : undefined;
    },
    120,
    "/api/health to answer 200",
  );
  await health.arrayBuffer();
  const missing = await fetch(`${base}/api/no-such-endpoint`);
  const requestId = missing.headers.get("x-request-id") ?? "";
  const text = () => Buffer.concat(received.map((item) => item.body)).toString("latin1");
  const expected = ["BaseServer.handleRequest", "prisma:client:operation", "cache.health", "tessera.redis.commands"];
  await until(async () => expected.every((name) => text().includes(name)), 30, `spans ${expected.join(", ")}`);
  const traceIdBytes = Buffer.from(requestId, "hex").toString("latin1");
  await until(async () => requestId.length === 32 && text().includes(traceIdBytes), 30, "the 404's trace");
  const types = [...new Set(received.map((item) => `${item.path} ${item.type}`))];
  console.log(`[smoke] ${received.length} exports (${types.join("; ")}), spans found: ${expected.join(", ")}`);
  console.log(`[smoke] the 404's x-request-id ${requestId} is a trace id the receiver got`);
  console.log(`[smoke] serialize spans exported: ${text().includes("prisma:client:serialize") ? "yes" : "no"}`);
} catch (error) {
  console.error(`[smoke] failed: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once("exit", () => resolve())));
  receiver.close();
  rmSync(temp, { recursive: true, force: true });
}
process.exit(code);
