// What replaced client libraries on first visits (docs/decisions.md, "Page weight, second pass"):
// the dashboard's static grid and keyboard moves (react-grid-layout's pure core, no React part),
// the server-drawn column chart, and the inline theme script that replaced next-themes.
import { runInNewContext } from "node:vm";

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { byHour } from "@/components/admin/cache/hit-rate-chart";
import { compactLayout, nudge } from "@/components/analytics/dashboards/grid-layout";
import { StaticGrid } from "@/components/analytics/dashboards/static-grid";
import { niceTicks } from "@/components/charts/chart-parts";
import { ColumnChart } from "@/components/charts/column-chart";
import { THEME_SCRIPT } from "@/components/theme/theme-script";
import type { Widget } from "@/lib/analytics/dashboard-spec";

const widget = (id: string, layout: Widget["layout"]): Widget =>
  ({ id, type: "line", metric: "api_calls", range: "7d", grain: "day", group_by: null, layout }) as Widget;

describe("dashboard grid without react-grid-layout's React part", () => {
  const widgets = [widget("a", { x: 0, y: 0, w: 6, h: 4 }), widget("b", { x: 0, y: 9, w: 6, h: 4 })];

  it("draws widgets where the drag grid would: compacted upwards", () => {
    const layout = compactLayout(widgets);
    expect(layout.find((l) => l.i === "b")).toMatchObject({ x: 0, y: 4, w: 6, h: 4 });
    // StaticGrid has no hooks: called directly, as React would render it on the server.
    const items = widgets.map((w) => createElement("section", { key: w.id, "data-id": w.id, style: {} }));
    const html = renderToStaticMarkup(StaticGrid({ layout, children: items }));
    expect(html).toContain('data-id="b" style="grid-column:1 / span 6;grid-row:5 / span 4"');
    expect(html).toContain("grid-template-columns:repeat(12, minmax(0, 1fr))");
  });

  it("moves and resizes by the keyboard, kept inside the 12 columns and at least 2 × 2", () => {
    const [a] = widgets;
    expect(nudge(widgets, a!, 1, 0, false)?.find((l) => l.i === "a")).toMatchObject({ x: 1, w: 6 });
    expect(nudge(widgets, a!, 1, 0, true)?.find((l) => l.i === "a")).toMatchObject({ x: 0, w: 7 });
    const right = widget("r", { x: 6, y: 0, w: 6, h: 4 });
    expect(nudge([right], right, 1, 0, false)?.[0]).toMatchObject({ x: 6 });
    expect(nudge([right], right, 1, 0, true)?.[0]).toMatchObject({ w: 6 });
    const small = widget("s", { x: 0, y: 0, w: 2, h: 2 });
    expect(nudge([small], small, -1, -1, true)?.[0]).toMatchObject({ w: 2, h: 2 });
  });
});

describe("server-drawn column chart", () => {
  it("rounds the y axis up to 1, 2 or 5 × 10ⁿ steps", () => {
    expect(niceTicks(87)).toEqual([0, 50, 100]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(1200)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it("sizes each column against the top tick and keeps every value in the figures' disclosure", () => {
    const html = renderToStaticMarkup(
      createElement(ColumnChart<{ d: string; n: number }>, {
        data: [
          { d: "a", n: 25 },
          { d: "b", n: 100 },
        ],
        title: "Calls",
        summary: "Two days",
        xKey: (p) => p.d,
        value: (p) => p.n,
        xTick: (p) => p.d,
        yTick: String,
        tooltipTitle: (p) => `day ${p.d}`,
        tooltipValue: (p) => `${p.n} calls`,
        tableHeaders: ["Day", "Calls"],
      }),
    );
    expect(html).toContain("height:25%");
    expect(html).toContain("height:100%");
    expect(html).toContain('<th scope="row">day b</th><td>100 calls</td>');
    // The drawing answers only a pointer; the keyboard reaches the values through the disclosure.
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Show the figures<\/summary><table/);
    expect(html).not.toContain("<script");
  });

  it("adds tooltip lines and table columns (the SLO and cache charts)", () => {
    const html = renderToStaticMarkup(
      createElement(ColumnChart<{ d: string; n: number }>, {
        data: [{ d: "a", n: 2 }],
        title: "Failed",
        summary: "One day",
        xKey: (p) => p.d,
        value: (p) => p.n,
        xTick: (p) => p.d,
        yTick: String,
        tooltipTitle: (p) => `day ${p.d}`,
        tooltipValue: (p) => `${p.n}% failed`,
        tooltipDetails: () => ["12 requests"],
        tableHeaders: ["Day", "Failed"],
        extraColumns: [{ header: "Requests", cell: () => "12" }],
      }),
    );
    expect(html).toContain(">12 requests</div>");
    expect(html).toContain('<th scope="col">Failed</th><th scope="col">Requests</th>');
    expect(html).toContain('<th scope="row">day a</th><td>2% failed</td><td>12</td>');
  });

  it("adds the cache's minute samples up per UTC hour, weighting each by its lookups", () => {
    expect(
      byHour([
        { at: "2026-12-03T10:58:00.000Z", hitRate: 100, lookups: 30 },
        { at: "2026-12-03T10:59:00.000Z", hitRate: 0, lookups: 10 },
        { at: "2026-12-03T11:00:00.000Z", hitRate: null, lookups: 0 },
      ]),
    ).toEqual([
      { hour: "2026-12-03T10", lookups: 40, hitRate: 75 },
      { hour: "2026-12-03T11", lookups: 0, hitRate: null },
    ]);
  });
});

describe("inline theme script", () => {
  function run(stored: string | null, osDark: boolean) {
    const classes = new Set<string>();
    const attributes: Record<string, string> = {};
    const listeners: Record<string, (event: unknown) => void> = {};
    const storage = new Map<string, string>(stored ? [["theme", stored]] : []);
    const root = {
      classList: { add: (c: string) => classes.add(c), remove: (c: string) => classes.delete(c) },
      style: {} as Record<string, string>,
      setAttribute: (name: string, value: string) => (attributes[name] = value),
    };
    const openMenus: { open: boolean; contains: (node: unknown) => boolean }[] = [];
    const context: Record<string, unknown> = {
      document: {
        documentElement: root,
        head: { appendChild: () => undefined },
        body: {},
        createElement: () => ({ remove: () => undefined }),
        addEventListener: (type: string, fn: (event: unknown) => void) => (listeners[`document:${type}`] = fn),
        querySelectorAll: () => openMenus.filter((menu) => menu.open),
      },
      matchMedia: () => ({ matches: osDark, addEventListener: () => undefined }),
      localStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => storage.set(k, v),
      },
      addEventListener: (type: string, fn: (event: unknown) => void) => (listeners[`window:${type}`] = fn),
      dispatchEvent: () => true,
      getComputedStyle: () => ({ opacity: "1" }),
      setTimeout: (fn: () => void) => fn(),
      Event: class {
        constructor(public type: string) {}
      },
    };
    context.window = context;
    runInNewContext(THEME_SCRIPT, context);
    return { classes, attributes, root, storage, listeners, openMenus, context };
  }

  it("applies the stored choice, or the OS setting under 'system', before first paint", () => {
    const system = run(null, true);
    expect([...system.classes]).toEqual(["dark"]);
    expect(system.attributes["data-theme"]).toBe("system");
    expect(system.root.style.colorScheme).toBe("dark");
    expect([...run("light", true).classes]).toEqual(["light"]);
    expect([...run("dark", false).classes]).toEqual(["dark"]);
  });

  it("a theme button stores the choice, applies it and closes its menu", () => {
    const page = run("light", false);
    const menu = { open: true, contains: () => true };
    page.openMenus.push(menu);
    const button = { getAttribute: () => "dark", closest: () => null };
    const target = {
      closest: (selector: string) => (selector === "[data-set-theme]" ? button : null),
    };
    page.listeners["document:click"]!({ target });
    expect(page.storage.get("theme")).toBe("dark");
    expect([...page.classes]).toEqual(["dark"]);
    expect(menu.open).toBe(false);
  });

  it("a click outside an open menu closes it; a click inside leaves it open", () => {
    const page = run(null, false);
    const inside = { open: true, contains: (node: unknown) => node === target };
    const target = { closest: () => null };
    page.openMenus.push(inside);
    page.listeners["document:click"]!({ target });
    expect(inside.open).toBe(true);
    page.listeners["document:click"]!({ target: { closest: () => null } });
    expect(inside.open).toBe(false);
  });
});
