import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { getMetric, METRICS, metricsFor } from "./catalog";

const doc = readFileSync(path.join(import.meta.dirname, "../../docs/metrics.md"), "utf8");

describe("metric catalog", () => {
  it("names every metric once, in snake_case", () => {
    const names = METRICS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("documents every metric in docs/metrics.md", () => {
    const missing = METRICS.filter((m) => !doc.includes(`### ${m.name}\n`)).map((m) => m.name);
    expect(missing).toEqual([]);
  });

  it("keeps platform-only metrics away from workspaces", () => {
    const tenant = metricsFor("tenant").map((m) => m.name);
    expect(tenant).toContain("api_calls");
    expect(tenant).not.toContain("mrr");
    expect(tenant).not.toContain("signups");
    expect(metricsFor("platform").map((m) => m.name)).not.toContain("spend");
    expect(getMetric("nope")).toBeUndefined();
  });
});
