// The monitoring files are code: every PromQL expression of the alert rules and the Grafana
// dashboards names only metrics the app exports (lib/observability/catalogue.ts) with labels
// they carry; promtool (Debian's prometheus package) checks the config and the rules and runs
// the rules' unit tests; the guide documents every metric and alert.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { METRIC_CATALOGUE, exposedSeries } from "@/lib/observability/catalogue";

import { checkExpr, promqlRefs, type Problem } from "../helpers/promql";

const root = path.resolve(import.meta.dirname, "../..");
const monitoring = path.join(root, "monitoring");
const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
}

const ruleFiles = readdirSync(path.join(monitoring, "rules"))
  .filter((file) => file.endsWith(".yml"))
  .map((file) => path.join(monitoring, "rules", file));

const rules: { file: string; rule: Rule }[] = ruleFiles.flatMap((file) =>
  (parse(readFileSync(file, "utf8")) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) =>
    group.rules.map((rule) => ({ file: path.relative(root, file), rule })),
  ),
);

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; definition?: string }[] };
}

const dashboardDir = path.join(monitoring, "grafana", "dashboards");
const dashboards = readdirSync(dashboardDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({ file, dashboard: JSON.parse(readFileSync(path.join(dashboardDir, file), "utf8")) as Dashboard }));

/** Dashboard variables replaced by what Grafana would send for "All". */
const withVariables = (expr: string) => expr.replaceAll("$instance", ".*").replaceAll("$__rate_interval", "5m");

const panelQueries = dashboards.flatMap(({ file, dashboard }) =>
  dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `${file}: ${panel.title}`, expr: withVariables(target.expr) })),
  ),
);

/** The exported series plus the recording rules' series (with the labels their inputs carry). */
function knownSeries(): Map<string, Set<string>> {
  const known = exposedSeries();
  for (const { rule } of rules) {
    if (!rule.record) continue;
    const labels = new Set<string>();
    for (const selector of promqlRefs(rule.expr).selectors) {
      for (const label of known.get(selector.metric) ?? []) labels.add(label);
    }
    known.set(rule.record, labels);
  }
  return known;
}

function promtool(...args: string[]) {
  const result = spawnSync(PROMTOOL, args, { cwd: monitoring, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw new Error(`${PROMTOOL} could not run (apt-get install prometheus): ${result.error.message}`);
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const temp = mkdtempSync(path.join(tmpdir(), "tessera-monitoring-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("PromQL of the alert rules and dashboards", () => {
  it("reads selectors, matchers and grouping labels", () => {
    const refs = promqlRefs(
      'sum by (route, le) (rate(tessera_http_request_duration_seconds_bucket{route!="/_next/*", status=~"5.."}[5m])) / on (route) group_left x offset 1d',
    );
    expect(refs.selectors).toEqual([
      {
        metric: "tessera_http_request_duration_seconds_bucket",
        matchers: [
          { label: "route", op: "!=", value: "/_next/*" },
          { label: "status", op: "=~", value: "5.." },
        ],
      },
      { metric: "x", matchers: [] },
    ]);
    expect(refs.grouping).toEqual(["route", "le", "route"]);
    const known = new Map([["m", new Set(["a"])]]);
    expect(checkExpr("t", 'sum by (b) (m{a="1"})', known).map((p) => p.problem)).toEqual([
      "groups by b, which none of its metrics carries",
    ]);
    expect(checkExpr("t", "vector(2e8)", known)).toEqual([]);
    expect(checkExpr("t", "vector(time())", known).map((p) => p.problem)).toEqual(["names no metric"]);
    expect(checkExpr("t", 'm{c="1"} + n', known).map((p) => p.problem)).toEqual([
      "m has no label c",
      "unknown metric n",
    ]);
  });

  it("finds the rules and the three dashboards", () => {
    expect(rules.filter(({ rule }) => rule.alert).length).toBeGreaterThanOrEqual(18);
    expect(dashboards.map(({ dashboard }) => dashboard.title).sort()).toEqual([
      "Tessera — Business metrics",
      "Tessera — Multi-tenant SaaS",
      "Tessera — System performance & SLA",
    ]);
    expect(panelQueries.length).toBeGreaterThan(40);
  });

  it("names only exported metrics, with labels they carry", () => {
    const known = knownSeries();
    const problems: Problem[] = [
      ...rules.flatMap(({ file, rule }) => checkExpr(`${file}: ${rule.alert ?? rule.record}`, rule.expr, known)),
      ...panelQueries.flatMap(({ where, expr }) => checkExpr(where, expr, known)),
    ];
    expect(problems).toEqual([]);
  });

  it("resource panels use the app's own process metrics, not an exporter's", () => {
    const system = dashboards.find(({ dashboard }) => dashboard.uid === "tessera-system");
    const resources = system?.dashboard.panels.filter((panel) =>
      ["CPU", "Memory", "Event-loop lag p99", "GC time"].includes(panel.title),
    );
    expect(resources?.length).toBe(4);
    for (const panel of resources ?? []) {
      for (const target of panel.targets ?? []) expect(target.expr).toMatch(/tessera_(process|nodejs)_/);
    }
  });
});

describe("promtool", () => {
  it("accepts prometheus.yml and every rule file", () => {
    const config = promtool("check", "config", "prometheus.yml");
    expect(config.output).toContain("SUCCESS");
    expect(config.code, config.output).toBe(0);
    const checked = promtool("check", "rules", ...ruleFiles);
    expect(checked.code, checked.output).toBe(0);
  });

  it("passes the rules' unit tests (monitoring/tests/*.test.yml)", () => {
    const tests = readdirSync(path.join(monitoring, "tests"))
      .filter((file) => file.endsWith(".test.yml"))
      .map((file) => path.join("tests", file));
    expect(tests.length).toBeGreaterThanOrEqual(2);
    const result = promtool("test", "rules", ...tests);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain("FAILED");
  }, 120_000);

  it("parses every dashboard query (as recording rules)", () => {
    const file = path.join(temp, "dashboards.yml");
    const recordRules = panelQueries.map((query, index) => ({ record: `dashboard:query_${index}`, expr: query.expr }));
    writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboards", rules: recordRules }] }));
    const result = promtool("check", "rules", file);
    expect(result.code, result.output).toBe(0);
  });
});

describe("docs/monitoring.md", () => {
  it("documents every metric and every alert", () => {
    const guide = readFileSync(path.join(root, "docs", "monitoring.md"), "utf8");
    const missing = [
      ...METRIC_CATALOGUE.map((metric) => metric.name),
      ...rules.flatMap(({ rule }) => (rule.alert ? [rule.alert] : [])),
    ].filter((name) => !guide.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
