// Route templates for metric labels: a request path (/t/acme/members) becomes the template of the
// app route that serves it (/t/[slug]/members), so labels stay a bounded set whatever the URLs.
// The table comes from the build's .next/app-path-routes-manifest.json, or from the app/ folder
// where there is no build (development, tests).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

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

/** The app's routes: the build's manifest when there is one, else the app/ folder. */
export function loadAppRoutes(root = process.cwd()): RouteTemplate[] {
  const manifest = path.join(root, ".next", "app-path-routes-manifest.json");
  if (existsSync(manifest)) {
    try {
      return routesFromManifest(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>);
    } catch {
      // an unreadable manifest: fall back to the folder
    }
  }
  const appDir = path.join(root, "app");
  return existsSync(appDir) ? routesFromAppDir(appDir) : [];
}
