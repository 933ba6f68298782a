// `redocly lint` with the recommended rules (redocly.yaml) over the generated OpenAPI document:
// no errors and no warnings. The CLI runs with telemetry off and a preload that refuses every
// socket and DNS lookup, so it provably never calls out; a check shows that preload does bite.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

import { afterAll, describe, expect, it } from "vitest";

import { buildOpenApiDocument } from "@/lib/api/openapi";
import { prop } from "../helpers/indexed";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "node_modules/@redocly/cli/bin/cli.js");
const GUARD = pathToFileURL(path.join(ROOT, "tests/helpers/no-network.mjs")).href;
const dir = mkdtempSync(path.join(tmpdir(), "tessera-redocly-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OFFLINE_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
  NODE_OPTIONS: `--import=${GUARD}`,
};

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

async function lint(doc: object): Promise<{ report: LintReport; stderr: string }> {
  const file = path.join(dir, `openapi-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const result = await run(
    process.execPath,
    [CLI, "lint", "--config", path.join(ROOT, "redocly.yaml"), "--format", "json", file],
    { cwd: dir, env: OFFLINE_ENV, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? "",
    stderr: error.stderr ?? "",
  }));
  return { report: JSON.parse(result.stdout) as LintReport, stderr: result.stderr };
}

describe("redocly lint (recommended rules)", () => {
  it("passes the document as a deployment serves it, with 0 errors and 0 warnings, offline", async () => {
    // APP_URL is the deployment's public origin; here a reserved .test name stands in for it.
    const { report, stderr } = await lint(buildOpenApiDocument(undefined, { serverUrl: "https://tessera.test" }));
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    expect(stderr).not.toContain("NO_NETWORK");
  }, 120_000);

  it("bites: a document missing its license and a 4XX response gets warnings", async () => {
    const doc = buildOpenApiDocument(undefined, { serverUrl: "https://tessera.test" }) as {
      info: Record<string, unknown>;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    delete doc.info.license;
    const ping = prop(prop(doc.paths, "/api/v1/ping"), "get").responses;
    for (const status of Object.keys(ping)) if (status.startsWith("4")) delete ping[status];
    const { report } = await lint(doc);
    expect(report.problems.map((p) => p.ruleId).sort()).toEqual(["info-license", "operation-4xx-response"]);
  }, 120_000);

  it("runs under a preload that refuses any network access", async () => {
    const attempt = await run(
      process.execPath,
      ["-e", "fetch('http://registry.npmjs.org/').then(() => console.log('reached'), () => console.log('refused'))"],
      { env: OFFLINE_ENV, timeout: 30_000 },
    );
    expect(attempt.stdout.trim()).toBe("refused");
    expect(attempt.stderr).toContain("NO_NETWORK: connect registry.npmjs.org:80");
  });
});
