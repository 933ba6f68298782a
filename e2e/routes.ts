// The tenant-scoped pages and JSON routes, read from the app folder so that every page or route
// added later is covered by the isolation tests automatically.
import { readdirSync } from "node:fs";
import path from "node:path";

function collect(dir: string, file: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === file) out.push(prefix || "");
    if (!entry.isDirectory()) continue;
    // Route groups "(name)" add nothing to the URL; dynamic segments get a placeholder value.
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name.replace(/^\[(\.\.\.)?(.+)\]$/, "x-$2")}`;
    out.push(...collect(path.join(dir, entry.name), file, prefix + segment));
  }
  return [...new Set(out)].sort();
}

const root = path.join(process.cwd(), "app");

/** Paths under /t/<slug> that render a page, e.g. "", "/members". */
export const TENANT_PAGES = collect(path.join(root, "t", "[slug]"), "page.tsx");
/** Paths under /api/t/<slug> that answer JSON, e.g. "/members". */
export const TENANT_ROUTES = collect(path.join(root, "api", "t", "[slug]"), "route.ts");

/**
 * Every page under app/, as the folder names leading to its page.tsx (route groups and dynamic
 * segments included, e.g. ["t", "[slug]", "(overview)"]); [] is the root page. The access-control
 * spec turns each into a URL and a router state tree.
 */
export function appPages(dir = root, folders: string[] = []): string[][] {
  const out: string[][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") out.push(folders);
    if (entry.isDirectory()) out.push(...appPages(path.join(dir, entry.name), [...folders, entry.name]));
  }
  return out.sort((a, b) => a.join("/").localeCompare(b.join("/")));
}

/**
 * Every Pages Router page (pages/, without Next's _app and _document), as the folder names
 * leading to it, the file's name last unless it is index (e.g. ["help", "[slug]", "[id]"]; [] is
 * the landing page). The access-control spec requests each as a page and as its /_next/data JSON.
 */
export function pagesRoutes(dir = path.join(process.cwd(), "pages"), folders: string[] = []): string[][] {
  const out: string[][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...pagesRoutes(path.join(dir, entry.name), [...folders, entry.name]));
    else if (/\.tsx?$/.test(entry.name) && !/^_(app|document)\./.test(entry.name)) {
      const name = entry.name.replace(/\.tsx?$/, "");
      out.push(name === "index" ? folders : [...folders, name]);
    }
  }
  return out.sort((a, b) => a.join("/").localeCompare(b.join("/")));
}
