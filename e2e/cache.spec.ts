// The operator's cache console: stats and patterns, a warm with progress, a dry run and then the
// confirmed invalidation, and its entry in the audit list.
import { expect, test } from "./test";

import { AuthPages, OPERATOR } from "./pages";

test("an operator reads the cache console, warms a namespace and invalidates it by pattern", async ({ page }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Cache" }).click();
  await expect(page).toHaveURL(/\/admin\/cache$/);
  await expect(page.getByRole("heading", { name: "Cache", level: 1 })).toBeVisible();
  await expect(page.getByTestId("cache-kpi-hit-rate")).toBeVisible();
  const namespaces = page.getByRole("table", { name: "Cache namespaces" });
  await expect(namespaces).toContainText("tenant-slug");
  await expect(namespaces).toContainText("membership");

  // Warm the tenant slugs: progress, then the result.
  await page.getByLabel("Namespace", { exact: true }).selectOption("tenant-slug");
  await page.getByRole("button", { name: "Warm", exact: true }).click();
  await expect(page.getByTestId("warm-result")).toContainText(/Warmed tenant-slug: \d+ written/);

  // Patterns: the scan finds the warmed entries under their namespace.
  await page.getByRole("button", { name: "Scan keys" }).click();
  const patterns = page.getByRole("table", { name: "Keys by pattern" });
  await expect(patterns).toContainText("c:tenant-slug:*");
  await expect(page.getByTestId("pattern-scan-summary")).toContainText("patterns in");

  // A protected namespace is refused with the reason.
  const input = page.getByLabel("Pattern (Redis MATCH syntax)");
  await input.fill("rl:*");
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Rate-limit windows" })).toBeVisible();

  // Dry run, then the confirmed run deletes exactly what the dry run counted.
  await input.fill("c:tenant-slug:*");
  await page.getByRole("button", { name: "Dry run" }).click();
  const dry = page.getByTestId("dry-run-result");
  await expect(dry).toContainText(/\d+ keys match c:tenant-slug:\*/);
  const matched = Number((await dry.textContent())?.match(/(\d+) keys match/)?.[1]);
  expect(matched).toBeGreaterThan(0);
  await page.getByRole("button", { name: `Invalidate ${matched} keys` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Invalidate", exact: true }).click();
  await expect(page.getByTestId("invalidate-result")).toContainText(`Deleted ${matched} keys matching c:tenant-slug:*`);

  // The audit list shows the operation with the operator and the counts.
  await page.reload();
  const audit = page.getByTestId("cache-audit");
  await expect(audit).toContainText("cache.invalidated");
  await expect(audit).toContainText("c:tenant-slug:*");
  await expect(audit).toContainText(OPERATOR.email);
  await expect(audit).toContainText(`${matched} deleted of ${matched} matched`);
  await expect(audit).toContainText("cache.warmed");
});
