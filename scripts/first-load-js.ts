// npx tsx scripts/first-load-js.ts [route…] — first-load JavaScript of App Router routes, from the
// last production build (`next build`, Turbopack): the root main files plus the entry chunks of the
// route's layouts, boundaries and page (its client reference manifest), each counted once, raw and
// gzipped. Default route: the dashboard page (goal ≤ 200 kB gzipped, issue 14).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const routes = process.argv.slice(2);
if (routes.length === 0) routes.push("/t/[slug]/dashboards/[id]");
const buildManifest = path.resolve(".next/build-manifest.json");
if (!existsSync(buildManifest)) {
  console.error("No production build in .next: run `npm run build` first.");
  process.exit(1);
}
const { rootMainFiles } = JSON.parse(readFileSync(buildManifest, "utf8")) as { rootMainFiles: string[] };
const gz = (file: string) => gzipSync(readFileSync(path.join(".next", file)), { level: 9 }).length;
const raw = (file: string) => readFileSync(path.join(".next", file)).length;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** What a page's client reference manifest assigns to globalThis.__RSC_MANIFEST (the part read here). */
type ClientReferenceManifest = { entryJSFiles: Record<string, string[]> };
const rsc = globalThis as unknown as { __RSC_MANIFEST: Record<string, ClientReferenceManifest> };

for (const route of routes) {
  const manifestFile = path.resolve(`.next/server/app${route}/page_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) {
    console.log(`${route}: no such page in the build`);
    continue;
  }
  rsc.__RSC_MANIFEST = {};
  require(manifestFile);
  const manifest = Object.values(rsc.__RSC_MANIFEST)[0];
  if (!manifest) {
    console.log(`${route}: the build's client reference manifest is empty`);
    continue;
  }
  const files = new Set(rootMainFiles);
  const parts: [string, string[]][] = [["framework (root main files)", rootMainFiles]];
  for (const [entry, list] of Object.entries(manifest.entryJSFiles)) {
    const own = list.filter((f) => !files.has(f));
    own.forEach((f) => files.add(f));
    parts.push([entry.replace("[project]", ""), own]);
  }
  const total = [...files].reduce((sum, f) => sum + gz(f), 0);
  console.log(
    `${route}: ${kB(total)} gzipped (${kB([...files].reduce((s, f) => s + raw(f), 0))} raw, ${files.size} files)`,
  );
  for (const [name, list] of parts) console.log(`  ${name.padEnd(48)} ${kB(list.reduce((s, f) => s + gz(f), 0))}`);
}
