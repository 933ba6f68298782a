// Page weight (issue 11.4): the gzip JavaScript a first visit to every route downloads, from the
// manifests of the build this run serves (playwright.config.ts builds it once for every spec),
// against its budget: marketing ≤ 120 kB, entrance forms, workspace and operator ≤ 200 kB, chart
// pages ≤ 250 kB.
// Prints the table; fails on a route over its budget (or above its ceiling, scripts/lib/page-weight.ts).
// A second test checks the model against what the server really sends: the scripts in the HTML;
// a third, that the public pages without JavaScript still switch the theme and open their menus.
import path from "node:path";

import { expect, test } from "./test";

import {
  CEILINGS_KB,
  formatTable,
  gzipSizer,
  judge,
  readBuild,
  scriptsOfHtml,
  weigh,
} from "../scripts/lib/page-weight";

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

// "/", "/pricing" and "/api/docs" are Pages Router pages that send no script at all (pages/index.tsx).
for (const route of ["/", "/sign-in", "/pricing", "/api/docs"]) {
  test(`the scripts ${route} sends are the ones the check counts`, async ({ request }) => {
    const response = await request.get(route);
    expect(response.status()).toBe(200);
    const sent = scriptsOfHtml(await response.text());
    const counted = readBuild(distDir).routes.find((r) => r.route === route);
    expect(counted, `no manifest for ${route}`).toBeDefined();
    expect(sent).toEqual(counted!.files);
  });
}

test("the landing page works without JavaScript of its own: theme menu, links", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(scripts).toEqual([]);
  // The theme menu is a <details> the inline theme script drives: a choice applies and closes it.
  const menu = page.locator("details[data-menu]").first();
  await menu.locator("summary").click();
  await menu.locator('[data-set-theme="dark"]').click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(menu).not.toHaveAttribute("open", /.*/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  // Links are plain links: sign-in opens the App Router's page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in to Tessera" })).toBeVisible();
});

test("the API reference works without JavaScript of its own: contents keys, current section", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(scripts).toEqual([]);
  // Its own address only: the page file's path redirects to it.
  expect(page.url()).toMatch(/\/api\/docs$/);
  const moved = await page.request.get("/api-docs", { maxRedirects: 0 });
  expect(moved.status()).toBe(308);
  expect(moved.headers()["location"]).toBe("/api/docs");
  // The wide table of contents: ↓ and End move between its links (the inline script), Enter follows one.
  const nav = page.getByRole("navigation", { name: "API reference", exact: true });
  const overview = nav.getByRole("link", { name: "Overview" });
  await overview.focus();
  await page.keyboard.press("ArrowDown");
  const second = nav.getByRole("link").nth(1);
  await expect(second).toBeFocused();
  await page.keyboard.press("End");
  await expect(nav.getByRole("link").last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(overview).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(second).toHaveAttribute("aria-current", "location");
  await expect(overview).not.toHaveAttribute("aria-current", /.*/);
  // The theme menu of the public header.
  const menu = page.locator("details[data-menu]").first();
  await menu.locator("summary").click();
  await menu.locator('[data-set-theme="dark"]').click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});
