// axe on the main pages, light and dark: no serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./test";

import { AuthPages, DEMO_PASSWORD, OPERATOR } from "./pages";

// Each page is loaded and scanned twice (light and dark): a list of pages needs more than the default 30 s.
test.describe.configure({ timeout: 120_000 });

async function expectNoSeriousViolations(page: Page, path: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
    expect(serious, `${path} in ${scheme} mode`).toEqual([]);
  }
}

test("public pages", async ({ page }) => {
  for (const path of ["/", "/pricing", "/sign-in", "/sign-up"]) await expectNoSeriousViolations(page, path);
});

test("workspace pages", async ({ page }) => {
  await new AuthPages(page).signIn("olivia@acme.test", DEMO_PASSWORD);
  for (const path of [
    "/dashboard",
    "/t/acme",
    "/t/acme/members",
    "/t/acme/api-keys",
    "/t/acme/usage",
    "/t/acme/billing",
    "/t/acme/audit",
    "/t/acme/settings",
    "/account",
  ]) {
    await expectNoSeriousViolations(page, path);
  }
});

test("operator console", async ({ page }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
  for (const path of ["/admin", "/admin/tenants", "/admin/api-keys", "/admin/system"]) {
    await expectNoSeriousViolations(page, path);
  }
});
