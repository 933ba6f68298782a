// npm run bench:pages — Lighthouse performance on the main pages, in Debian's Chromium
// (/usr/bin/chromium, or CHROMIUM_PATH) against `next start` with the embedded default (a fresh,
// seeded PGlite: scripts/e2e-server.mjs), plus the page-weight figures from the same build.
//
// Pages: landing, sign-in, a workspace overview, usage and analytics (the ENTERPRISE demo tenant
// "delta", signed in as its owner), the operator dashboard (the demo operator). Baseline in the same
// run: the landing page, the lightest the app serves (Lighthouse refuses to audit a 404); each
// page's LCP is shown as a ratio to the landing's and its script bytes as kB above the landing's
// (the landing sends no script, so a ratio of bytes would divide by zero).
//
// Lighthouse's default settings: a mobile device with simulated throttling (slow 4G, 4× CPU), so
// scores are comparable with other Lighthouse runs; BENCH_PRESET=desktop uses its desktop preset.
// BENCH_RUNS (1) runs per page, median reported; BENCH_PORT (3240). Builds first when .next has no
// build (BENCH_BUILD=1 always builds). Prints one table; exits 1 when a page failed to load.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags } from "lighthouse";

import { CEILINGS_KB, gzipSizer, judge, readBuild, weigh } from "./lib/page-weight";
import { median } from "./lib/stats";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const port = Number(process.env.BENCH_PORT ?? 3240);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const desktop = process.env.BENCH_PRESET === "desktop";
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const base = `http://127.0.0.1:${port}`;
const distDir = path.join(root, ".next");

const WORKSPACE_OWNER = { email: "dana@delta.test", password: "tessera-demo-password" };
const OPERATOR = { email: "admin@tessera.local", password: "tessera-admin-demo" };

interface Target {
  name: string;
  path: string;
  /** The route pattern in the page-weight table. */
  route: string;
  as?: { email: string; password: string };
}

const TARGETS: Target[] = [
  { name: "landing (baseline)", path: "/", route: "/" },
  { name: "sign-in", path: "/sign-in", route: "/sign-in" },
  { name: "workspace overview", path: "/t/delta", route: "/t/[slug]", as: WORKSPACE_OWNER },
  { name: "usage", path: "/t/delta/usage", route: "/t/[slug]/usage", as: WORKSPACE_OWNER },
  { name: "analytics", path: "/t/delta/analytics", route: "/t/[slug]/analytics", as: WORKSPACE_OWNER },
  { name: "operator dashboard", path: "/admin", route: "/admin", as: OPERATOR },
];

function log(message: string) {
  console.error(`[bench:pages] ${message}`);
}

async function waitForHealth(deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`next start did not answer ${base}/api/health in ${deadlineMs / 1000}s`);
}

/** Signs in through Auth.js's credentials callback; returns the Cookie header of the session. */
async function signIn(user: { email: string; password: string }): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, callbackUrl: base }),
  });
  keep(response);
  if (![...cookies.keys()].some((name) => name.includes("session-token")))
    throw new Error(`sign-in as ${user.email} gave no session cookie (status ${response.status})`);
  return header();
}

interface Measure {
  score: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  scriptBytes: number;
  status: number;
}

async function measure(url: string, chromePort: number, cookie: string | undefined): Promise<Measure> {
  const flags: Flags = {
    port: chromePort,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  const result = await lighthouse(url, flags, desktop ? desktopConfig : undefined);
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`lighthouse returned no result for ${url}`);
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const summary = lhr.audits["resource-summary"]?.details as
    { items?: { resourceType: string; transferSize: number }[] } | undefined;
  const scripts = summary?.items?.find((item) => item.resourceType === "script");
  const mainDocument = lhr.audits["network-requests"]?.details as
    { items?: { url: string; statusCode: number }[] } | undefined;
  return {
    score: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
    lcpMs: numeric("largest-contentful-paint"),
    fcpMs: numeric("first-contentful-paint"),
    tbtMs: numeric("total-blocking-time"),
    scriptBytes: scripts?.transferSize ?? NaN,
    status: mainDocument?.items?.find((item) => item.url === url)?.statusCode ?? NaN,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

let server: ChildProcess | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;
let failed = false;

try {
  if (process.env.BENCH_BUILD === "1" || !existsSync(path.join(distDir, "BUILD_ID"))) {
    log("next build…");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
  }

  log(`next start on ${base} (embedded PGlite, seeded)…`);
  const env: NodeJS.ProcessEnv = { ...process.env, E2E_PORT: String(port), E2E_SKIP_BUILD: "1" };
  delete env.DATABASE_URL;
  delete env.E2E_DATABASE_URL;
  delete env.REDIS_URL;
  server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForHealth(180_000);

  const cookies = new Map<string, string>();
  for (const target of TARGETS)
    if (target.as && !cookies.has(target.as.email)) cookies.set(target.as.email, await signIn(target.as));

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });

  const weights = new Map(
    judge(weigh(readBuild(distDir), gzipSizer(distDir)), CEILINGS_KB).rows.map((row) => [row.route, row]),
  );
  const results: { target: Target; measures: Measure[] }[] = [];
  for (const target of TARGETS) {
    const measures: Measure[] = [];
    for (let run = 0; run < runs; run += 1) {
      const cookie = target.as ? cookies.get(target.as.email) : undefined;
      // Warm the server's caches for this page (first render compiles nothing in production, but
      // opens database pages), so Lighthouse measures the page, not a cold start.
      if (run === 0) await fetch(`${base}${target.path}`, { headers: cookie ? { cookie } : {} }).then((r) => r.text());
      measures.push(await measure(`${base}${target.path}`, chrome.port, cookie));
    }
    results.push({ target, measures });
    log(`${target.name}: done`);
  }

  const baselineScripts = median(results[0]?.measures.map((m) => m.scriptBytes) ?? []);
  const baselineLcp = median(results[0]?.measures.map((m) => m.lcpMs) ?? []);
  const rows = results.map(({ target, measures }) => {
    const pick = (key: keyof Measure) => median(measures.map((m) => m[key]));
    const status = measures.map((m) => m.status);
    if (status.some((code) => code !== 200)) failed = true;
    const weight = weights.get(target.route);
    const scripts = pick("scriptBytes");
    const lcp = pick("lcpMs");
    return [
      target.name,
      target.path,
      String(status[0]),
      String(pick("score")),
      (lcp / 1000).toFixed(2),
      baselineLcp > 0 ? `${(lcp / baselineLcp).toFixed(2)}×` : "-",
      (pick("fcpMs") / 1000).toFixed(2),
      String(Math.round(pick("tbtMs"))),
      (scripts / 1000).toFixed(1),
      `${scripts >= baselineScripts ? "+" : "−"}${(Math.abs(scripts - baselineScripts) / 1000).toFixed(1)}`,
      weight ? `${(weight.bytes / 1000).toFixed(1)} / ${weight.budgetBytes / 1000}` : "-",
    ];
  });
  console.log(
    `\nLighthouse ${desktop ? "desktop" : "mobile (simulated slow 4G, 4× CPU)"}, Chromium ${chromePath}, median of ${runs} run(s) per page\n`,
  );
  console.log(
    table(
      [
        "page",
        "path",
        "status",
        "perf score",
        "LCP s",
        "LCP vs baseline",
        "FCP s",
        "TBT ms",
        "JS kB (transfer)",
        "JS kB vs baseline",
        "first-visit kB / budget (manifest)",
      ],
      rows,
    ),
  );
  console.log(
    "\nJS kB (transfer): every script Chromium fetched while loading the page (lazy chunks fetched at load included).",
  );
} catch (error) {
  failed = true;
  console.error(`[bench:pages] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await chrome?.kill();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server?.once("exit", resolve));
  }
}
process.exitCode = failed ? 1 : 0;
