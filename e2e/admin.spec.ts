// The operator console: the tenants table is searched, filtered and sorted on the server.
import { expect, test } from "./test";

import { AuthPages, DEMO_PASSWORD, OPERATOR } from "./pages";

test("operators search and filter tenants; members cannot reach the console", async ({ page, browser }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
  await page.goto("/admin/tenants");
  const table = page.getByRole("table").first();
  await expect(table).toContainText("Acme Bakery");
  await expect(table).toContainText("Delta Logistics");

  await page.goto("/admin/tenants?status=suspended");
  await expect(page.getByRole("table").first()).toContainText("Gamma Retail");
  await expect(page.getByRole("table").first()).not.toContainText("Acme Bakery");

  await page.goto("/admin/tenants?q=delta");
  await expect(page.getByRole("table").first()).toContainText("Delta Logistics");
  await expect(page.getByRole("table").first()).not.toContainText("Acme Bakery");

  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await new AuthPages(memberPage).signIn("olivia@acme.test", DEMO_PASSWORD);
  expect((await memberPage.goto("/admin"))?.status()).toBe(404);
  expect((await memberPage.request.get("/api/admin/tenants")).status()).toBe(404);
  await member.close();
});
