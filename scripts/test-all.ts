// npm test — the one command that runs every test suite and sums them up.
//
//   npm test                 Vitest (unit + integration), then Playwright (end-to-end)
//   npm test -- --unit-only  Vitest only
//   npm test -- --e2e-only   Playwright only
//   npm test -- <args>       other arguments are passed to `vitest run` (e.g. a file filter)
//
// Both runners write JSON reports to a temporary folder; one failing does not stop the other.
// The last line printed is always `N passed, N failed` (CI reads it). Flaky tests (passed on a
// retry) count as passed; skipped or todo tests count as failed, since they did not run. A runner
// that crashed or left no report counts as 1 failed, as does one that exited non-zero with no
// failed test (e.g. an unhandled error or a web server that never started). Exit code: 0 only
// when nothing failed.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string): string => path.join(root, "node_modules", ".bin", name);

const args = process.argv.slice(2);
const unitOnly = args.includes("--unit-only");
const e2eOnly = args.includes("--e2e-only");
const passThrough = args.filter((arg) => arg !== "--unit-only" && arg !== "--e2e-only");

/** Passed and failed tests of one runner. */
interface Counts {
  passed: number;
  failed: number;
}

/** Runs a command with inherited output; resolves with its exit code (or 1 if it could not start). */
function run(command: string, commandArgs: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`test-all: could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    console.error(`test-all: unreadable report ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Vitest's JSON report (Jest-compatible): per-test statuses, plus files that failed to load. */
interface VitestReport {
  testResults?: { status?: string; assertionResults?: { status?: string }[] }[];
}

function countVitest(report: VitestReport): Counts {
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      if (test.status === "passed") passed += 1;
      else failed += 1; // failed, skipped, pending, todo
    }
    // A file that failed before running any test (syntax error, failing beforeAll import...).
    if (tests.length === 0 && file.status === "failed") failed += 1;
  }
  return { passed, failed };
}

/** Playwright's JSON report: stats.expected/unexpected/flaky/skipped, errors outside tests. */
interface PlaywrightReport {
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  errors?: unknown[];
}

function countPlaywright(report: PlaywrightReport): Counts {
  const stats = report.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = (stats.unexpected ?? 0) + (stats.skipped ?? 0);
  if (failed === 0 && (report.errors ?? []).length > 0) failed = 1; // e.g. web server or config error
  return { passed, failed };
}

const reports = mkdtempSync(path.join(tmpdir(), "tessera-test-"));
const suites: (Counts & { name: string; note: string; seconds: string })[] = [];

/** The report is the runner's own JSON, read as the shape `count` expects (a missing field counts as none). */
async function suite<Report>(
  name: string,
  command: string,
  commandArgs: string[],
  env: Record<string, string>,
  reportFile: string,
  count: (report: Report) => Counts,
): Promise<void> {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━ ${[path.basename(command), ...commandArgs].join(" ")}`);
  const code = await run(command, commandArgs, env);
  const report = readJson(reportFile) as Report | undefined;
  let result: Counts;
  let note = "";
  if (!report) {
    result = { passed: 0, failed: 1 };
    note = ` (no report: runner exited ${code})`;
  } else {
    result = count(report);
    if (code !== 0 && result.failed === 0) {
      result.failed = 1;
      note = ` (runner exited ${code} with no failed test: counted as 1 failed)`;
    }
    if (result.passed + result.failed === 0) {
      result.failed = 1;
      note = " (ran no test: counted as 1 failed)";
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  suites.push({ name, ...result, note, seconds });
}

try {
  if (!e2eOnly) {
    const file = path.join(reports, "vitest.json");
    await suite("vitest", bin("vitest"), ["run", ...passThrough], { VITEST_JSON_REPORT: file }, file, countVitest);
  }
  if (!unitOnly) {
    const file = path.join(reports, "playwright.json");
    await suite(
      "playwright",
      bin("playwright"),
      ["test", "--reporter=list,json"],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: file },
      file,
      countPlaywright,
    );
  }
} catch (error) {
  console.error(`test-all: ${error instanceof Error ? error.stack : String(error)}`);
  suites.push({ name: "test-all", passed: 0, failed: 1, note: " (crashed)", seconds: "0.0" });
} finally {
  rmSync(reports, { recursive: true, force: true });
}

const passed = suites.reduce((sum, s) => sum + s.passed, 0);
const failed = suites.reduce((sum, s) => sum + s.failed, 0);
console.log("\n━━ summary ━━");
for (const s of suites) console.log(`  ${s.name}: ${s.passed} passed, ${s.failed} failed in ${s.seconds}s${s.note}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
