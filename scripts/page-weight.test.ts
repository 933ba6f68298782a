// The page-weight check (scripts/lib/page-weight.ts) on a fixture build: a .next folder written
// here with Next 16's manifest shapes, one light route and one deliberately heavy one.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  BUDGETS_KB,
  budgetClassOf,
  formatTable,
  gzipSizer,
  judge,
  pageSendsNoScript,
  readBuild,
  routeOfEntry,
  scriptsOfHtml,
  weigh,
} from "./lib/page-weight";

let dist: string;

/** A chunk of `kb` kB of incompressible bytes (gzip cannot shrink random data), as JS text. */
function chunk(name: string, kb: number): string {
  const file = `static/chunks/${name}.js`;
  // base64 of random bytes compresses to ~76% of its length; size it so the gzip is ≈ kb kB.
  const text = `/*${randomBytes(Math.ceil((kb * 1000) / 0.76 / 1.34)).toString("base64")}*/`;
  writeFileSync(path.join(dist, file), text);
  return file;
}

function pageManifest(entry: string, entryJSFiles: Record<string, string[]>) {
  const dir = path.join(dist, "server", "app", ...entry.split("/").slice(1, -1));
  mkdirSync(dir, { recursive: true });
  const body = { moduleLoading: { prefix: "" }, clientModules: {}, entryCSSFiles: {}, entryJSFiles };
  writeFileSync(
    path.join(dir, "page_client-reference-manifest.js"),
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(entry)}] = ${JSON.stringify(body)};\n`,
  );
  return dir;
}

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), "page-weight-"));
  mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  const runtime = chunk("runtime", 40);
  const layout = chunk("layout", 10);
  const notFound = chunk("not-found", 30);
  const landing = chunk("landing", 5);
  const heavy = chunk("heavy", 90);
  const lazy = chunk("lazy", 20);
  const pagesApp = chunk("pages-app", 25);
  const pagesAbout = chunk("pages-about", 3);
  writeFileSync(
    path.join(dist, "build-manifest.json"),
    JSON.stringify({
      polyfillFiles: [chunk("polyfill", 30)],
      rootMainFiles: [runtime],
      pages: { "/_app": [pagesApp], "/about": [pagesAbout], "/help/[slug]": [pagesAbout] },
    }),
  );
  // Pages Router: "/static" prerendered with no scripts but a `nomodule` polyfill, "/about"
  // rendered per request, and Next's own pages (not routes of ours).
  mkdirSync(path.join(dist, "server", "pages"), { recursive: true });
  writeFileSync(
    path.join(dist, "server", "pages", "static.html"),
    `<html><head><script>inline()</script></head><body><script src="/_next/static/chunks/polyfill.js" noModule=""></script></body></html>`,
  );
  writeFileSync(
    path.join(dist, "server", "pages-manifest.json"),
    JSON.stringify({
      "/_app": "pages/_app.js",
      "/_document": "pages/_document.js",
      "/_error": "pages/_error.js",
      "/404": "pages/404.html",
      "/static": "pages/static.html",
      "/about": "pages/about.js",
      "/help/[slug]": "pages/help/[slug].js",
      "/api-docs": "pages/api-docs.html",
    }),
  );
  writeFileSync(
    path.join(dist, "server", "pages", "api-docs.html"),
    "<html><body><script>inline()</script></body></html>",
  );
  // The pages/ folder beside the build: "/help/[slug]" (rendered per request) turns the runtime off.
  mkdirSync(path.join(dist, "..", path.basename(dist) + "-pages", "help", "[slug]"), { recursive: true });
  writeFileSync(
    path.join(dist, "..", path.basename(dist) + "-pages", "help", "[slug]", "index.tsx"),
    "export const config: PageConfig = { unstable_runtimeJS: false };\n",
  );
  writeFileSync(
    path.join(dist, "..", path.basename(dist) + "-pages", "about.tsx"),
    "export const config = { unstable_runtimeJS: true };\n",
  );
  pageManifest("/(marketing)/page", {
    "[project]/app/layout": [layout],
    "[project]/app/not-found": [layout, notFound],
    "[project]/app/(marketing)/page": [layout, landing],
  });
  // The heavy route: a marketing page whose entry pulls in 90 kB more than the light one.
  const heavyDir = pageManifest("/(marketing)/heavy/page", {
    "[project]/app/layout": [layout],
    "[project]/app/(marketing)/heavy/page": [layout, heavy],
  });
  mkdirSync(path.join(heavyDir, "page"), { recursive: true });
  writeFileSync(
    path.join(heavyDir, "page", "react-loadable-manifest.json"),
    JSON.stringify({ 1: { id: 1, files: [lazy] } }),
  );
});

const pagesDir = () => path.join(dist, "..", `${path.basename(dist)}-pages`);

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(pagesDir(), { recursive: true, force: true });
});

describe("page weight", () => {
  it("names routes as URLs and sorts them into budget classes", () => {
    expect(routeOfEntry("/(marketing)/page")).toBe("/");
    expect(routeOfEntry("/(marketing)/pricing/page")).toBe("/pricing");
    expect(routeOfEntry("/t/[slug]/(overview)/page")).toBe("/t/[slug]");
    expect(budgetClassOf("/")).toBe("marketing");
    expect(budgetClassOf("/api/docs")).toBe("marketing");
    expect(budgetClassOf("/help/[slug]/[id]")).toBe("marketing");
    // The entrance forms post server actions (App Router): budgeted as workspace pages.
    for (const route of ["/sign-in", "/sign-up", "/invite/[token]", "/verify-email/[token]"]) {
      expect(budgetClassOf(route), route).toBe("entrance");
    }
    expect(BUDGETS_KB.entrance).toBe(BUDGETS_KB.workspace);
    expect(BUDGETS_KB.entrance).toBeGreaterThan(BUDGETS_KB.marketing);
    expect(budgetClassOf("/sign-in/elsewhere")).toBe("marketing");
    expect(budgetClassOf("/t/[slug]/members")).toBe("workspace");
    expect(budgetClassOf("/admin/tenants")).toBe("workspace");
    expect(budgetClassOf("/t/[slug]/usage")).toBe("charts");
  });

  it("counts the runtime and the route's entries once each, not polyfills, not-found boundaries or lazy chunks", () => {
    const build = readBuild(dist);
    const landing = build.routes.find((route) => route.route === "/");
    expect(landing?.files).toEqual(["static/chunks/landing.js", "static/chunks/layout.js", "static/chunks/runtime.js"]);
    const heavy = build.routes.find((route) => route.route === "/heavy");
    expect(heavy?.lazyFiles).toEqual(["static/chunks/lazy.js"]);

    const sizeOf = gzipSizer(dist);
    const rows = weigh(build, sizeOf);
    const light = rows.find((row) => row.route === "/")!;
    const expected = ["landing", "layout", "runtime"]
      .map((name) => gzipSync(readFileSync(path.join(dist, `static/chunks/${name}.js`)), { level: 6 }).length)
      .reduce((a, b) => a + b, 0);
    expect(light.bytes).toBe(expected);
    expect(light.bytes).toBeGreaterThan(50_000);
    expect(light.bytes).toBeLessThan(60_000);
  });

  it("fails a deliberately heavy route and prints it in the table", () => {
    const rows = weigh(readBuild(dist), gzipSizer(dist));
    const verdict = judge(rows, {});
    expect(verdict.failures).toHaveLength(1);
    expect(verdict.failures[0]).toMatch(/^\/heavy: 1[34]\d\.\d kB .* over its marketing budget of 120 kB$/);
    const table = formatTable(rows);
    expect(table).toMatch(/^\/heavy\s+1[34]\d\.\d\s+120\s+marketing\s+(19|2\d)\.\d\s+OVER by /m);
    expect(table).toMatch(/^\/\s+5\d\.\d\s+120\s+marketing\s+-\s+ok$/m);
  });

  it("holds a route over budget to its ceiling, and fails it above", () => {
    const rows = weigh(readBuild(dist), gzipSizer(dist));
    const heavy = rows.find((row) => row.route === "/heavy")!;
    const above = Math.ceil(heavy.bytes / 1000);
    expect(judge(rows, { "/heavy": above }).failures).toEqual([]);
    expect(judge(rows, { "/heavy": above - 5 }).failures[0]).toMatch(/above its ceiling/);
    expect(judge(rows, { "/": 100, "/gone": 1 }).notes).toEqual([
      expect.stringMatching(/^\/ now meets its budget/),
      "ceiling for /gone: no such route",
    ]);
  });

  it("reads Pages Router routes: a prerendered page's own scripts, else its _app and page files", () => {
    const build = readBuild(dist, pagesDir());
    // pages/api-docs is served at /api/docs (lib/page-aliases.ts) and named so.
    expect(build.routes.map((route) => route.route)).toEqual([
      "/",
      "/about",
      "/api/docs",
      "/heavy",
      "/help/[slug]",
      "/static",
    ]);
    expect(build.routes.find((route) => route.route === "/api/docs")?.files).toEqual([]);
    // Rendered per request with `unstable_runtimeJS: false` in its source: no script at all.
    expect(build.routes.find((route) => route.route === "/help/[slug]")?.files).toEqual([]);
    expect(pageSendsNoScript(pagesDir(), "/help/[slug]")).toBe(true);
    expect(pageSendsNoScript(pagesDir(), "/about")).toBe(false);
    expect(pageSendsNoScript(pagesDir(), "/missing")).toBe(false);
    expect(build.routes.find((route) => route.route === "/static")?.files).toEqual([]);
    expect(build.routes.find((route) => route.route === "/about")?.files).toEqual([
      "static/chunks/pages-about.js",
      "static/chunks/pages-app.js",
    ]);
    expect(
      scriptsOfHtml('<script src="/_next/static/chunks/a.js" async=""></script><script src="/x.js"></script>'),
    ).toEqual(["static/chunks/a.js"]);
  });

  it("refuses a folder that is not a build", () => {
    expect(() => readBuild(path.join(dist, "nothing"))).toThrow(/run `next build` first/);
  });
});
