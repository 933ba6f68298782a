// Route templates for metric labels: a request path (/t/acme/members) becomes the template of the
// app route that serves it (/t/[slug]/members), so labels stay a bounded set whatever the URLs.
// The table comes from the build's .next/app-path-routes-manifest.json (and pages-manifest.json for
// the Pages Router's public pages, pages/), or from the app/ and pages/ folders where there is no
// build (development, tests). A Pages Router page served at another address (lib/page-aliases.ts:
// pages/api-docs.tsx at /api/docs) is labelled by that address.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { servedAt } from "../page-aliases";

export type RouteKind = "page" | "route";

export interface RouteTemplate {
  template: string;
  kind: RouteKind;
}

interface CompiledRoute extends RouteTemplate {
  segments: string[];
  /** Sort key: static segments first, then dynamic, then catch-alls. */
  rank: number[];
}

/** A route template of an app file path such as "/(marketing)/pricing/page" or "app/api/x/route.ts". */
export function templateOfAppPath(appPath: string): RouteTemplate | null {
  const clean = appPath
    .replace(/\\/g, "/")
    .replace(/^\/?app\//, "/")
    .replace(/\.(tsx?|jsx?|mdx?)$/, "");
  const match = /^(.*)\/(page|route)$/.exec(clean.startsWith("/") ? clean : `/${clean}`);
  if (!match) return null;
  const segments = (match[1] ?? "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
  return { template: `/${segments.join("/")}`, kind: match[2] === "route" ? "route" : "page" };
}

/** Every page and route handler under an app/ folder. */
export function routesFromAppDir(appDir: string): RouteTemplate[] {
  const out: RouteTemplate[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(path.join(dir, entry.name), `${rel}/${entry.name}`);
      } else if (/^(page|route)\.(tsx?|jsx?|mdx?)$/.test(entry.name)) {
        const route = templateOfAppPath(`${rel}/${entry.name}`);
        if (route) out.push(route);
      }
    }
  };
  walk(appDir, "");
  return out;
}

/** The routes of a Next build (app-path-routes-manifest: "/t/[slug]/page" → "/t/[slug]"). */
export function routesFromManifest(manifest: Record<string, string>): RouteTemplate[] {
  return Object.entries(manifest).map(([file, template]) => ({
    template: template || "/",
    kind: file.endsWith("/route") ? "route" : "page",
  }));
}

function compile(route: RouteTemplate): CompiledRoute {
  const segments = route.template.split("/").filter(Boolean);
  const rank = segments.map((segment) =>
    segment.startsWith("[[...") ? 3 : segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0,
  );
  return { ...route, segments, rank };
}

function compareRank(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i += 1) {
    const x = a.rank[i] ?? -1;
    const y = b.rank[i] ?? -1;
    if (x !== y) return x - y;
  }
  return b.segments.length - a.segments.length;
}

function matches(route: CompiledRoute, parts: string[]): boolean {
  for (let i = 0; i < route.segments.length; i += 1) {
    const segment = route.segments[i] as string;
    if (segment.startsWith("[[...")) return true;
    if (segment.startsWith("[...")) return parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.startsWith("[")) continue;
    if (segment !== part) return false;
  }
  return parts.length === route.segments.length;
}

export interface RouteMatcher {
  /** The template serving `pathname`, or null when no app route does (a 404 or a static file). */
  match(pathname: string): RouteTemplate | null;
  size: number;
}

export function routeMatcher(routes: readonly RouteTemplate[]): RouteMatcher {
  const seen = new Set<string>();
  const compiled = routes
    .filter((route) => !seen.has(route.template) && seen.add(route.template))
    .map(compile)
    .sort(compareRank);
  return {
    size: compiled.length,
    match(pathname) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        decoded = pathname;
      }
      const parts = decoded.split("/").filter(Boolean);
      for (const route of compiled) {
        if (matches(route, parts)) return { template: route.template, kind: route.kind };
      }
      return null;
    },
  };
}

/** Next's own Pages Router entries, not routes of ours. */
const NEXT_PAGES = /^\/(_app|_document|_error|404|500)$/;

/** The Pages Router's pages under a pages/ folder ("index.tsx" → "/", "pricing.tsx" → "/pricing"). */
export function routesFromPagesDir(pagesDir: string): RouteTemplate[] {
  const out: RouteTemplate[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${rel}/${entry.name}`);
      else if (/\.(tsx?|jsx?|mdx?)$/.test(entry.name)) {
        const route = `${rel}/${entry.name.replace(/\.(tsx?|jsx?|mdx?)$/, "")}`.replace(/\/index$/, "") || "/";
        if (!NEXT_PAGES.test(route)) out.push({ template: servedAt(route), kind: "page" });
      }
    }
  };
  if (existsSync(pagesDir)) walk(pagesDir, "");
  return out;
}

/** The Pages Router's pages of a build (pages-manifest: "/pricing" → "pages/pricing.html"). */
export function routesFromPagesManifest(manifest: Record<string, string>): RouteTemplate[] {
  return Object.keys(manifest)
    .filter((route) => !NEXT_PAGES.test(route))
    .map((route) => ({ template: servedAt(route), kind: "page" as const }));
}

function readManifest(file: string): Record<string, string> | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    return null; // an unreadable manifest: fall back to the folders
  }
}

/** The app's routes: the build's manifests when there are some, else the app/ and pages/ folders. */
export function loadAppRoutes(root = process.cwd()): RouteTemplate[] {
  const app = readManifest(path.join(root, ".next", "app-path-routes-manifest.json"));
  if (app) {
    const pages = readManifest(path.join(root, ".next", "server", "pages-manifest.json")) ?? {};
    return [...routesFromManifest(app), ...routesFromPagesManifest(pages)];
  }
  return routesFromFolders(root);
}

/** The routes of the app/ and pages/ folders under `root` (no build: development, tests). */
export function routesFromFolders(root: string): RouteTemplate[] {
  const appDir = path.join(root, "app");
  return [...(existsSync(appDir) ? routesFromAppDir(appDir) : []), ...routesFromPagesDir(path.join(root, "pages"))];
}
