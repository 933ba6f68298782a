// Smoke: the production server is up, healthy, and on the database and cache the run asked for
// (see playwright.config.ts). The browser check proves Chromium itself launches and loads pages.
import { readFileSync } from "node:fs";

import { expect, test } from "./test";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const expectedDatabase = process.env.E2E_DATABASE_URL ? "postgres" : "embedded";
const expectedCache = process.env.REDIS_URL ? "redis" : "memory";

interface Health {
  status: string;
  version: string;
  database: { kind: string; ok: boolean };
  cache: { kind: string; ok: boolean };
}

test("GET /api/health answers 200 JSON with the database and cache in use", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const health = (await response.json()) as Health;
  expect(health.version).toBe(pkg.version);
  expect(health.database).toMatchObject({ kind: expectedDatabase, ok: true });
  expect(health.cache).toMatchObject({ kind: expectedCache, ok: true });
  expect(typeof health.status).toBe("string");
});

test("Chromium loads the health endpoint", async ({ page }) => {
  const response = await page.goto("/api/health");
  expect(response?.status()).toBe(200);
  await expect(page.locator("body")).toContainText(`"kind":"${expectedDatabase}"`);
});
