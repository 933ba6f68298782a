// Page weight (issue 11.4): the gzip JavaScript a first visit to every route downloads, from the
// manifests of the build this run serves (playwright.config.ts builds it once for every spec),
// against its budget: marketing ≤ 120 kB, workspace and operator ≤ 200 kB, chart pages ≤ 250 kB.
// Prints the table; fails on a route over its budget (or above its ceiling, scripts/lib/page-weight.ts).
// A second test checks the model against what the server really sends: the scripts in the HTML.
import path from "node:path";

import { expect, test } from "./test";

import { CEILINGS_KB, formatTable, gzipSizer, judge, readBuild, weigh } from "../scripts/lib/page-weight";

const distDir = path.join(process.cwd(), ".next");

test("every route's first-visit JavaScript is within its budget", async ({}, testInfo) => {
  const build = readBuild(distDir);
  expect(build.routes.length).toBeGreaterThan(20);
  const verdict = judge(weigh(build, gzipSizer(distDir)), CEILINGS_KB);
  const table = formatTable(verdict.rows, CEILINGS_KB);
  console.log(`\nFirst-visit JavaScript per route (gzip, from .next manifests)\n${table}\n`);
  for (const note of verdict.notes) console.log(`page weight: ${note}`);
  await testInfo.attach("page-weight.txt", { body: table, contentType: "text/plain" });
  expect(verdict.failures, table).toEqual([]);
});

for (const route of ["/", "/sign-in", "/pricing"]) {
  test(`the scripts ${route} sends are the ones the check counts`, async ({ request }) => {
    const response = await request.get(route);
    expect(response.status()).toBe(200);
    const html = await response.text();
    const sent = new Set<string>();
    for (const match of html.matchAll(/<script\b([^>]*)\bsrc="\/_next\/(static\/[^"]+\.js)"([^>]*)>/g)) {
      // `nomodule` polyfills are not fetched by any browser that runs modules.
      if (/\bnomodule\b/i.test(`${match[1]} ${match[3]}`)) continue;
      if (match[2]) sent.add(match[2]);
    }
    const counted = readBuild(distDir).routes.find((r) => r.route === route);
    expect(counted, `no manifest for ${route}`).toBeDefined();
    expect([...sent].sort()).toEqual(counted!.files);
  });
}
