// The analytics pages' charts drawn on the server (docs/decisions.md, "Page weight, fourth pass"):
// LineChart's paths (nulls skipped, areas closed on zero), TrendFigure choosing lines or stacked
// columns from a trend, and every value kept in the "Show the figures" table.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { TrendFigure } from "@/components/analytics/trend-figure";
import type { TrendData } from "@/components/analytics/trend-data";
import { areaPath, LineChart, linePath } from "@/components/charts/line-chart";

const y = (v: number) => 100 - v;

describe("line paths", () => {
  it("puts point i at x = i + ½ and joins across nulls", () => {
    expect(linePath([10, null, 30], y)).toBe("M0.5 90 L2.5 70");
    expect(linePath([null, null], y)).toBe("");
    // A lone point is a zero-length segment: its round cap draws a dot.
    expect(linePath([null, 25], y)).toBe("M1.5 75 L1.5 75");
  });

  it("closes an area along the zero line under the points it has", () => {
    expect(areaPath([null, 20, 40], y, 100)).toBe("M1.5 80 L2.5 60 L2.5 100 L1.5 100 Z");
    expect(areaPath([null], y, 100)).toBe("");
  });
});

describe("LineChart", () => {
  it("draws one stretched path per series, a tooltip per point and the figures' table", () => {
    const html = renderToStaticMarkup(
      createElement(LineChart, {
        keys: ["a", "b"],
        series: [
          { label: "Calls", color: "red", values: [5, 10] },
          { label: "Previous period", color: "grey", values: [null, 4], dashed: true },
        ],
        title: "Calls",
        summary: "Calls in two hours",
        xLabels: ["1:00", "2:00"],
        pointTitles: ["hour a", "hour b"],
        yTick: String,
        format: (v) => (v === null ? "—" : `${v} calls`),
        keyHeader: "Time",
      }),
    );
    expect(html).toContain('viewBox="0 0 2 100"');
    expect(html).toContain('preserveAspectRatio="none"');
    expect(html.match(/<path /g)).toHaveLength(2);
    expect(html).toContain('stroke-dasharray="4 4"');
    expect(html).toContain('vector-effect="non-scaling-stroke"');
    // niceTicks(10) tops the axis at 10: the period's last point is at the top.
    expect(html).toContain('d="M0.5 50 L1.5 0"');
    expect(html).toContain("Previous period: —");
    expect(html).toContain('<th scope="row">hour b</th><td>10 calls</td><td>4 calls</td>');
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Show the figures<\/summary><table/);
    expect(html).not.toContain("<script");
  });
});

const trend = (groups: (string | null)[]): TrendData => ({
  metric: "api_calls",
  unit: "count",
  grain: "day",
  series: groups.map((group, k) => ({
    group,
    points: [
      { t: "2026-12-01T00:00:00.000Z", value: 10 * (k + 1) },
      { t: "2026-12-02T00:00:00.000Z", value: 20 * (k + 1) },
    ],
    previous: [
      { t: "2026-11-29T00:00:00.000Z", value: 5 },
      { t: "2026-11-30T00:00:00.000Z", value: null },
    ],
    total: 30 * (k + 1),
    previous_total: 5,
    change: null,
  })),
});

describe("TrendFigure", () => {
  it("draws a single series as a line against the previous period (dashed), said in words", () => {
    const html = renderToStaticMarkup(createElement(TrendFigure, { trend: trend([null]), title: "API calls" }));
    expect(html).toContain("API calls: 30 in the period, 5 in the previous one.");
    expect(html.match(/<path /g)).toHaveLength(2);
    expect(html).toContain('<th scope="col">API calls</th><th scope="col">Previous period</th>');
    expect(html).toContain('<th scope="row">Dec 2</th><td>20</td><td>—</td>');
  });

  it("fills the area when asked, without the previous period when it is left out", () => {
    const html = renderToStaticMarkup(
      createElement(TrendFigure, { trend: trend([null]), title: "MRR", kind: "area", showPrevious: false }),
    );
    expect(html).toContain('fill-opacity="0.15"');
    expect(html).not.toContain("Previous period");
  });

  it("stacks grouped bars per day, with each group in the tooltip and the table", () => {
    const html = renderToStaticMarkup(
      createElement(TrendFigure, { trend: trend(["4xx", "5xx"]), title: "Errors by status", kind: "bar" }),
    );
    expect(html).toContain("Errors by status by 4xx, 5xx.");
    expect(html).toContain(">60 in all</div>");
    expect(html).toContain(">5xx: 40</div>");
    expect(html).toContain('<th scope="row">Dec 2</th><td>60 in all</td><td>20</td><td>40</td>');
    expect(html).not.toContain("<path");
  });
});
