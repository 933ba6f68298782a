#!/usr/bin/env node
// The web server Playwright starts (playwright.config.ts → webServer): a production build of the
// app on 127.0.0.1:$E2E_PORT (3210) against a fresh database.
//
// 1. Deletes .tmp/e2e-<port>/ so every run starts from an empty embedded PGlite database.
// 2. `next build` (skipped with E2E_SKIP_BUILD=1).
// 3. Runs `next start` inside this very process (Next's CLI is imported, not spawned), so the pid
//    Playwright stops is the server's own: no wrapper can leave a server running. Its stdout is
//    also kept in .tmp/e2e-<port>/server.log (the mail of the embedded mode: e2e/mail.ts).
//
// With E2E_DATABASE_URL (a local PostgreSQL database) it migrates and seeds that instead.
//
// Why this one stays plain JavaScript (the other scripts are TypeScript run by tsx; see
// docs/decisions.md): this process becomes the server under test (step 3). Run by tsx, tsx's
// module hooks would stay registered in the Next.js server Playwright measures and drives, and
// every module it loads would pass through them — no longer a plain `next start`. So it imports
// nothing of ours (not even scripts/lib/repo.ts, whose three lines it repeats below).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// As scripts/lib/repo.ts: the repository root, the CLIs resolved from its node_modules, local hosts.
const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const tsxCli = require.resolve("tsx/cli");
const isLocalHost = (hostname) => ["localhost", "127.0.0.1", "::1", "[::1]"].includes(hostname);

const port = process.env.E2E_PORT ?? "3210";
const scratch = path.join(root, ".tmp", `e2e-${port}`);
const dataDir = path.join(scratch, "pglite");

const env = process.env;
env.NODE_ENV = "production";
env.NEXT_TELEMETRY_DISABLED = "1";
env.PGLITE_DATA_DIR = dataDir;
// Uploaded files go to the run's scratch folder too (deleted with it), never to .data/objects.
if (!env.S3_BUCKET) env.STORAGE_DISK_DIR = path.join(scratch, "objects");
env.APP_URL = `http://127.0.0.1:${port}`;
env.AUTH_TRUST_HOST = "true";
env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
env.TESSERA_SEED ??= "auto";
// The offline engine's answers stream slowly enough for the assistants spec to reload mid-answer.
env.AI_LOCAL_CHUNK_DELAY_MS ??= "40";
// Custom-domain verification asks a fake DNS server the specs start on UDP <port>+1 (never the internet).
env.DOMAIN_DNS_SERVERS = `127.0.0.1:${Number(port) + 1}`;
if (env.REDIS_URL) env.REDIS_KEY_PREFIX = `${env.REDIS_KEY_PREFIX ?? ""}e2e-${process.pid}-`;

const log = (message) => console.log(`[e2e-server] ${message}`);

function step(label, args) {
  const started = Date.now();
  log(`${label}…`);
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`[e2e-server] ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  log(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

rmSync(scratch, { recursive: true, force: true });

if (env.E2E_DATABASE_URL) {
  const host = new URL(env.E2E_DATABASE_URL).hostname;
  if (!isLocalHost(host)) {
    console.error(
      `[e2e-server] refusing E2E_DATABASE_URL on ${host}: end-to-end tests write to it; use a local database`,
    );
    process.exit(1);
  }
  env.DATABASE_URL = env.E2E_DATABASE_URL;
  // Production on PostgreSQL turns the simulated checkout off unless asked: the tests pay with it.
  if (!env.STRIPE_SECRET_KEY && !env.PAYPAL_CLIENT_ID) env.BILLING_SIMULATED_CHECKOUT ??= "true";
  log(`database: PostgreSQL (${host})`);
} else {
  delete env.DATABASE_URL;
  log(`database: embedded PGlite at ${path.relative(root, dataDir)}`);
}

if (env.E2E_SKIP_BUILD === "1") log("E2E_SKIP_BUILD=1: using the existing .next build");
else step("next build", [nextBin, "build"]);

// A build must not leave database files behind (prerendering may have opened the database).
rmSync(scratch, { recursive: true, force: true });

if (env.DATABASE_URL) {
  step("db:migrate", [tsxCli, "scripts/db-migrate.ts"]);
  step("db:seed --if-empty", [tsxCli, "scripts/db-seed.ts", "--if-empty"]);
}

// Without SMTP the log is how email arrives (verification and invitation links): keep a copy
// where the specs can read it (e2e/mail.ts).
mkdirSync(scratch, { recursive: true });
const serverLog = createWriteStream(path.join(scratch, "server.log"), { flags: "a" });
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  serverLog.write(chunk);
  return write(chunk, ...rest);
};

log(`next start on 127.0.0.1:${port}`);
process.argv = [process.execPath, nextBin, "start", "--port", port, "--hostname", "127.0.0.1"];
await import(nextBin);
