// Prometheus scrape of the built app (`next start`, see playwright.config.ts): GET /api/metrics
// answers the text exposition with every family of the catalogue, labels the catalogue declares
// and no ids among their values, and `promtool check metrics` (Debian's prometheus package, as in
// tests/integration/monitoring-files.test.ts) accepts it. Requests with ids in their paths are
// made first: their route label must be the template, never the id.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";

import { expect, test } from "./test";

import { DEFAULT_METRICS, METRIC_CATALOGUE } from "../lib/observability/catalogue";

const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";

interface Sample {
  name: string;
  labels: Record<string, string>;
}

/** The samples of a text exposition (name and labels; values are not needed here). */
function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? /.exec(line);
    if (!match) throw new Error(`unreadable sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = (pair[2] as string).replace(/\\(.)/g, "$1");
    }
    out.push({ name: match[1] as string, labels });
  }
  return out;
}

/** The family a sample belongs to (histograms expose _bucket, _sum and _count). */
function familyOf(name: string, families: Map<string, readonly string[]>): string | undefined {
  if (families.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return families.has(base) ? base : undefined;
}

const ID_LIKE = [
  /^c[a-z0-9]{20,}$/, // cuid (Prisma's default ids)
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, // UUID
  /[0-9a-f]{16,}/i, // long hex: trace ids, tokens, hashes
  /@/, // e-mail addresses
];

test("GET /api/metrics: every family, bounded labels without ids, and promtool accepts it", async ({ request }) => {
  test.setTimeout(120_000);
  // Traffic with ids in the path first: a page under a tenant slug, an API resource by id, an
  // unknown path. Only their route templates may appear.
  const slug = `scrape-${randomUUID().slice(0, 8)}`;
  const id = randomUUID();
  const visited = [`/t/${slug}/audit`, `/api/v1/files/${id}`, `/no-such-page-${id}`, "/api/health"];
  for (const path of visited) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
  }

  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const text = await response.text();

  // Every family of the catalogue (and the process and runtime metrics) is declared with its type.
  const declared = new Map<string, string>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) declared.set(match[1] as string, match[2] as string);
  for (const metric of METRIC_CATALOGUE) expect(declared.get(metric.name), metric.name).toBe(metric.type);
  for (const metric of DEFAULT_METRICS) expect(declared.has(metric.name), metric.name).toBe(true);

  // Samples: each belongs to a known family and carries only the labels that family declares.
  const families = new Map<string, readonly string[]>([
    ...METRIC_CATALOGUE.map((metric) => [metric.name, metric.labels] as const),
    ...DEFAULT_METRICS.map((metric) => [metric.name, metric.labels] as const),
  ]);
  const all = samples(text);
  expect(all.length).toBeGreaterThan(100);
  const problems: string[] = [];
  for (const sample of all) {
    const family = familyOf(sample.name, families);
    if (!family) {
      problems.push(`${sample.name}: not in the catalogue`);
      continue;
    }
    const allowed = new Set([...(families.get(family) ?? []), "le", "quantile"]);
    for (const [label, value] of Object.entries(sample.labels)) {
      if (!allowed.has(label)) problems.push(`${sample.name}: undeclared label ${label}`);
      if (ID_LIKE.some((pattern) => pattern.test(value)))
        problems.push(`${sample.name}: ${label}="${value}" looks like an id`);
      if (value.includes(slug)) problems.push(`${sample.name}: ${label}="${value}" carries a tenant slug`);
    }
  }
  expect(problems).toEqual([]);

  // The requests above were counted under their templates.
  const routes = new Set(
    all.filter((sample) => sample.name === "tessera_http_requests_total").map((sample) => sample.labels.route),
  );
  expect(routes).toContain("/api/health");
  expect(routes).toContain("/t/[slug]/audit");
  expect(routes).toContain("/api/v1/files/[id]");
  expect(routes).toContain("unmatched");

  // promtool reads the exposition from stdin: exit 0 and no lint findings.
  const checked = spawnSync(PROMTOOL, ["check", "metrics"], { input: text, encoding: "utf8", timeout: 60_000 });
  if (checked.error)
    throw new Error(`${PROMTOOL} could not run (apt-get install prometheus): ${checked.error.message}`);
  expect(`${checked.stdout}${checked.stderr}`).toBe("");
  expect(checked.status).toBe(0);
});
