// Page weight: the compressed JavaScript a first visit to each route downloads, read from a
// production build's manifests (no browser, no server: the same build gives the same figures).
//
// What a first visit loads, as Next 16 renders it (server/app-render: get-layer-assets,
// create-component-tree, and the HTML checked against it):
//   - build-manifest.json `rootMainFiles`: the framework and Turbopack runtime, on every page;
//   - for each entry of the route's tree, its `entryJSFiles` in the page's client-reference
//     manifest (.next/server/app/<route>/page_client-reference-manifest.js): the root layout,
//     every layout, the page, and the error / loading / template / global-error boundaries on the
//     path (their components are passed to the client as references, so their chunks load too).
//     not-found / forbidden / unauthorized boundaries are excluded: Next adds only their styles,
//     and their chunks load when one renders.
// Pages Router pages (pages/: landing, pricing, API reference, help centre, which send no
// JavaScript) are read from .next/server/pages-manifest.json: a prerendered page's HTML
// (.next/server/pages/*.html) is exactly what the server sends, so its `<script src>` are counted;
// a page rendered per request (the help centre) counts nothing if its source sets
// `unstable_runtimeJS: false` (e2e checks the HTML it sends), else the
// `_app` and page files of build-manifest.json `pages` (what NextScript adds). A page served at
// another address (lib/page-aliases.ts: pages/api-docs.tsx is /api/docs) is named by it.
// `polyfillFiles` are `nomodule` scripts no current browser fetches. Chunks behind next/dynamic or
// import() (react-loadable-manifest.json) load when used and are listed apart as "lazy".
//
// Sizes are gzip at level 6, what `next start` serves (Node's zlib default). A chunk shared by
// several entries counts once.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

import { servedAt } from "../../lib/page-aliases";

export type BudgetClass = "marketing" | "entrance" | "workspace" | "charts";

/**
 * Budgets in kB (1 kB = 1,000 bytes) of gzip-compressed JavaScript per first visit (issue 11.4).
 * "entrance": the app's entrance forms (ENTRANCE_ROUTES), budgeted as workspace pages: they post
 * server actions, which need the App Router, whose runtime alone is ≈ 133 kB; the marketing budget
 * is for content pages, which leave the App Router (pages/) and send no script.
 */
export const BUDGETS_KB: Record<BudgetClass, number> = { marketing: 120, entrance: 200, workspace: 200, charts: 250 };

/**
 * The entrance forms: signing in or up, accepting an invitation, verifying an e-mail address.
 * Public, but forms posting server actions (App Router pages: docs/decisions.md, "Page weight:
 * content pages leave the App Router, entrance forms stay").
 */
export const ENTRANCE_ROUTES: readonly string[] = ["/sign-in", "/sign-up", "/invite/[token]", "/verify-email/[token]"];

/**
 * Pages that draw charts on first render: the "chart-heavy" budget (their charts are now drawn on
 * the server, ColumnChart and LineChart, so none loads recharts on a first visit). Every other page
 * under a signed-in area (/t, /admin, /account, /dashboard, /new) is "workspace"; the entrance
 * forms are "entrance" (ENTRANCE_ROUTES); the rest are public content ("marketing": landing,
 * pricing, API reference, help centre).
 * The dashboard pages (/t/[slug]/dashboards/[id], /admin/dashboards/[id]) load their charts and the
 * drag grid on demand, so they keep the workspace budget (issue 14: ≤ 200 kB).
 */
export const CHART_ROUTES: readonly string[] = [
  "/t/[slug]/usage",
  "/t/[slug]/analytics",
  "/admin/analytics",
  "/admin/billing",
  "/admin/billing/paypal",
  "/admin/cache",
  "/admin/system",
];

const SIGNED_IN = ["/t/", "/admin", "/account", "/dashboard", "/new"];

export function budgetClassOf(route: string): BudgetClass {
  if (CHART_ROUTES.includes(route)) return "charts";
  if (ENTRANCE_ROUTES.includes(route)) return "entrance";
  if (SIGNED_IN.some((prefix) => route === prefix.replace(/\/$/, "") || route.startsWith(prefix))) return "workspace";
  return "marketing";
}

export interface RouteFiles {
  /** URL pattern: route groups removed, dynamic segments kept ("/t/[slug]/usage"). */
  route: string;
  /** The app-folder entry ("/(marketing)/page", the key of its client-reference manifest) or the pages file ("pages/index.html"). */
  entry: string;
  /** Chunks a first visit loads ("static/chunks/….js"), sorted, each once. */
  files: string[];
  /** Chunks behind next/dynamic or import() from this route's tree, loaded when used. */
  lazyFiles: string[];
}

export interface BuildFiles {
  distDir: string;
  rootMainFiles: string[];
  routes: RouteFiles[];
}

/** "/(marketing)/pricing/page" → "/pricing"; "/t/[slug]/(overview)/page" → "/t/[slug]". */
export function routeOfEntry(entry: string): string {
  const segments = entry
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
  return `/${segments.join("/")}`;
}

/** Boundaries whose scripts Next does not add to the page (only their styles). */
const NOT_ON_FIRST_VISIT = /\/(not-found|forbidden|unauthorized)$/;

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
}

function readClientReferenceManifest(file: string): Record<string, ClientReferenceManifest> {
  // The file assigns globalThis.__RSC_MANIFEST[entry] = {...}; evaluate it in an empty context.
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file, timeout: 5_000 });
  return sandbox.__RSC_MANIFEST ?? {};
}

function findPageManifests(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findPageManifests(full));
    else if (entry.name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

const normalise = (file: string) => file.replace(/^\/?_next\//, "").replace(/^\//, "");

/** The `<script src="/_next/…">` of an HTML page, without `nomodule` ones (no module-capable browser fetches them). */
export function scriptsOfHtml(html: string): string[] {
  const files = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)\bsrc="\/_next\/(static\/[^"]+\.js)"([^>]*)>/g)) {
    if (/\bnomodule\b/i.test(`${match[1]} ${match[3]}`)) continue;
    if (match[2]) files.add(match[2]);
  }
  return [...files].sort();
}

/** Next's own Pages Router entries, not routes of ours. */
const NEXT_PAGES = /^\/(_app|_document|_error|404|500)$/;

/**
 * Whether the source of a Pages Router route (pages/<route>.tsx or pages/<route>/index.tsx) turns
 * the runtime off (`unstable_runtimeJS: false`): Next's document then renders no <script> at all.
 * The build records a page's config nowhere readable, so the source is read; e2e checks the result.
 */
export function pageSendsNoScript(pagesDir: string, route: string): boolean {
  const base = path.join(pagesDir, ...route.split("/").filter(Boolean));
  for (const candidate of [base, path.join(base, "index")])
    for (const ext of [".tsx", ".ts", ".jsx", ".js"])
      if (existsSync(candidate + ext))
        return /\bunstable_runtimeJS\s*:\s*false\b/.test(readFileSync(candidate + ext, "utf8"));
  return false;
}

/** The Pages Router routes of a build (pages-manifest.json), with the scripts a first visit loads. */
function readPagesRoutes(distDir: string, pagesDir: string, pagesFiles: Record<string, string[]>): RouteFiles[] {
  const manifest = readJson<Record<string, string>>(path.join(distDir, "server", "pages-manifest.json")) ?? {};
  const routes: RouteFiles[] = [];
  for (const [route, file] of Object.entries(manifest)) {
    if (NEXT_PAGES.test(route)) continue;
    const files = file.endsWith(".html")
      ? scriptsOfHtml(readFileSync(path.join(distDir, "server", file), "utf8"))
      : pageSendsNoScript(pagesDir, route)
        ? []
        : [...new Set([...(pagesFiles["/_app"] ?? []), ...(pagesFiles[route] ?? [])].map(normalise))].sort();
    routes.push({ route: servedAt(route), entry: file, files, lazyFiles: [] });
  }
  return routes;
}

/**
 * The chunks of every page in a Next build (`distDir` is the .next folder; `pagesDir` the pages/
 * folder it was built from, read for pages rendered per request).
 */
export function readBuild(distDir: string, pagesDir = path.join(path.dirname(distDir), "pages")): BuildFiles {
  const buildManifest = readJson<{ rootMainFiles?: string[]; pages?: Record<string, string[]> }>(
    path.join(distDir, "build-manifest.json"),
  );
  if (!buildManifest) throw new Error(`page weight: no build-manifest.json in ${distDir}: run \`next build\` first`);
  const rootMainFiles = (buildManifest.rootMainFiles ?? []).map(normalise);
  const appDir = path.join(distDir, "server", "app");
  const routes: RouteFiles[] = [];
  for (const file of findPageManifests(appDir)) {
    const entry = `/${path.relative(appDir, file).split(path.sep).join("/")}`.replace(
      /_client-reference-manifest\.js$/,
      "",
    );
    if (entry.startsWith("/_")) continue; // _not-found, _global-error: Next's own pages
    const manifest = readClientReferenceManifest(file)[entry];
    if (!manifest?.entryJSFiles) throw new Error(`page weight: ${file} has no entryJSFiles for ${entry}`);
    const files = new Set(rootMainFiles);
    for (const [segment, chunks] of Object.entries(manifest.entryJSFiles)) {
      if (NOT_ON_FIRST_VISIT.test(segment)) continue;
      for (const chunk of chunks) if (chunk.endsWith(".js")) files.add(normalise(chunk));
    }
    const loadable =
      readJson<Record<string, { files?: string[] }>>(
        path.join(path.dirname(file), "page", "react-loadable-manifest.json"),
      ) ?? {};
    const lazy = new Set<string>();
    for (const item of Object.values(loadable))
      for (const chunk of item.files ?? [])
        if (chunk.endsWith(".js") && !files.has(normalise(chunk))) lazy.add(normalise(chunk));
    routes.push({ route: routeOfEntry(entry), entry, files: [...files].sort(), lazyFiles: [...lazy].sort() });
  }
  routes.push(...readPagesRoutes(distDir, pagesDir, buildManifest.pages ?? {}));
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return { distDir, rootMainFiles, routes };
}

/** gzip sizes of the build's static files, each compressed once. */
export function gzipSizer(distDir: string): (file: string) => number {
  const cache = new Map<string, number>();
  return (file) => {
    let size = cache.get(file);
    if (size === undefined) {
      const full = path.join(distDir, file);
      if (!existsSync(full)) throw new Error(`page weight: ${file} is in a manifest but not in ${distDir}`);
      size = gzipSync(readFileSync(full), { level: 6 }).length;
      cache.set(file, size);
    }
    return size;
  };
}

export interface RouteWeight {
  route: string;
  budgetClass: BudgetClass;
  /** gzip bytes a first visit downloads. */
  bytes: number;
  budgetBytes: number;
  /** gzip bytes behind next/dynamic / import(), loaded when used. */
  lazyBytes: number;
  chunks: number;
  over: boolean;
}

export function weigh(build: BuildFiles, sizeOf: (file: string) => number): RouteWeight[] {
  return build.routes.map(({ route, files, lazyFiles }) => {
    const budgetClass = budgetClassOf(route);
    const bytes = files.reduce((sum, file) => sum + sizeOf(file), 0);
    const lazyBytes = lazyFiles.reduce((sum, file) => sum + sizeOf(file), 0);
    const budgetBytes = BUDGETS_KB[budgetClass] * 1000;
    return { route, budgetClass, bytes, budgetBytes, lazyBytes, chunks: files.length, over: bytes > budgetBytes };
  });
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** The table the check prints: route, kB, budget, class, lazy kB, and OVER where it fails. */
export function formatTable(rows: readonly RouteWeight[], ceilings: Readonly<Record<string, number>> = {}): string {
  const header = ["route", "kB (gzip)", "budget", "class", "lazy kB", ""];
  const body = rows.map((row) => [
    row.route,
    kB(row.bytes),
    String(row.budgetBytes / 1000),
    row.budgetClass,
    row.lazyBytes ? kB(row.lazyBytes) : "-",
    row.over
      ? `OVER by ${kB(row.bytes - row.budgetBytes)}${ceilings[row.route] !== undefined ? ` (ceiling ${ceilings[row.route]})` : ""}`
      : "ok",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i >= 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/**
 * Routes still over their budget, each with the ceiling (kB) it may not exceed: a ratchet, so the
 * check fails on any growth while the remaining work is visible in the table ("over, ceiling").
 * Lower a ceiling whenever a route gets lighter; delete the entry once it meets its budget.
 * Set from the build of 2026-12-03 (docs/decisions.md, "Page weight"): the figure rounded up to
 * 5 kB, plus 5 kB for unrelated growth. Empty since the help centre left the App Router (its
 * pages read through lib/knowledge/help-center-bridge.ts): every route meets its budget. The
 * marketing budget (120 kB) is below what Next 16.4 + React 19.3 ship on every App Router page
 * (≈ 133 kB): the landing, pricing, API reference and help centre pages meet it as Pages Router
 * pages with no script at all (pages/); the entrance forms stay App Router pages, with the
 * workspace budget ("entrance").
 */
export const CEILINGS_KB: Readonly<Record<string, number>> = {};

export interface Verdict {
  rows: RouteWeight[];
  /** Human-readable reasons the check fails; empty when it passes. */
  failures: string[];
  /** Ceilings that no longer match a route over its budget (stale entries to delete or lower). */
  notes: string[];
}

/** Applies budgets and ceilings: a route fails when over its budget and not under a ceiling. */
export function judge(rows: readonly RouteWeight[], ceilings: Readonly<Record<string, number>> = CEILINGS_KB): Verdict {
  const failures: string[] = [];
  const notes: string[] = [];
  for (const row of rows) {
    if (!row.over) {
      if (ceilings[row.route] !== undefined)
        notes.push(`${row.route} now meets its budget (${kB(row.bytes)} kB): delete its ceiling`);
      continue;
    }
    const ceiling = ceilings[row.route];
    if (ceiling === undefined)
      failures.push(
        `${row.route}: ${kB(row.bytes)} kB of gzip JavaScript on a first visit, over its ${row.budgetClass} budget of ${row.budgetBytes / 1000} kB`,
      );
    else if (row.bytes > ceiling * 1000)
      failures.push(
        `${row.route}: ${kB(row.bytes)} kB, above its ceiling of ${ceiling} kB (budget ${row.budgetBytes / 1000} kB)`,
      );
  }
  const routes = new Set(rows.map((row) => row.route));
  for (const route of Object.keys(ceilings)) if (!routes.has(route)) notes.push(`ceiling for ${route}: no such route`);
  return { rows: [...rows], failures, notes };
}
