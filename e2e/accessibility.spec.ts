// axe on the main pages, light and dark: no serious or critical violations.
import { test, type Page } from "./test";

import { expectNoSeriousViolations } from "./axe";
import { AuthPages, DEMO_PASSWORD, OPERATOR } from "./pages";

// Each page is loaded and scanned twice (light and dark): a list of pages needs more than the default 30 s.
test.describe.configure({ timeout: 120_000 });

async function expectAccessibleAt(page: Page, path: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolations(page, `${path} in ${scheme} mode`);
  }
}

test("public pages", async ({ page }) => {
  for (const path of ["/", "/pricing", "/sign-in", "/sign-up"]) await expectAccessibleAt(page, path);
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
    await expectAccessibleAt(page, path);
  }
});

test("operator console", async ({ page }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
  for (const path of ["/admin", "/admin/tenants", "/admin/api-keys", "/admin/system"]) {
    await expectAccessibleAt(page, path);
  }
});
