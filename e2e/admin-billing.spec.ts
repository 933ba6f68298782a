// The operator's billing console: the revenue report (chart, table, currency switch, CSV export),
// the customers table (sort, search, filters) and the PayPal page. Written against the page
// structure, not against exact seeded figures.
import { readFile } from "node:fs/promises";

import { expect, test, type Locator } from "./test";

import { AuthPages, DEMO_PASSWORD, OPERATOR, chooseOption } from "./pages";

/** The text of every body cell in the column headed `header` (row headers included). */
async function columnValues(table: Locator, header: string): Promise<string[]> {
  const headers = (await table.getByRole("columnheader").allTextContents()).map((text) => text.trim());
  const index = headers.findIndex((text) => text.startsWith(header));
  expect(index, `column ${header} in ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  const rows = table.locator("tbody tr");
  const values: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    values.push(((await rows.nth(i).locator("th, td").nth(index).textContent()) ?? "").trim());
  }
  return values;
}

const amountOf = (text: string) => Number(text.replace(/[^0-9.-]/g, ""));

test.beforeEach(async ({ page }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
});

test("the revenue report shows MRR, switches currency and exports CSV", async ({ page }) => {
  await page.goto("/admin");
  await page.getByRole("link", { name: "Billing", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/billing$/);
  await expect(page.getByRole("heading", { level: 1, name: "Revenue" })).toBeVisible();
  const sections = page.getByRole("navigation", { name: "Billing sections" });
  await expect(sections.getByRole("link", { name: "Revenue" })).toHaveAttribute("aria-current", "page");

  // The seeded history is in US dollars: KPIs, both charts (with their text summaries) and the table.
  await page.goto("/admin/billing?currency=usd");
  await expect(page.getByRole("heading", { name: "MRR by month" })).toBeVisible();
  await expect(page.getByTestId("mrr-chart-summary")).toContainText("MRR went from");
  await expect(page.getByTestId("movements-chart-summary")).toBeVisible();
  // The charts are drawn on the server; each keeps its figures one disclosure away.
  const mrrFigure = page.locator("figure").filter({ has: page.getByTestId("mrr-chart-summary") });
  await mrrFigure.getByText("Show the figures").click();
  await expect(mrrFigure.getByRole("table", { name: "MRR by month (USD)" }).locator("tbody tr")).toHaveCount(12);
  const months = page.getByRole("table", { name: "Revenue by month" });
  await expect(months).toBeVisible();
  expect(await months.locator("tbody tr").count()).toBe(12);
  await expect(page.getByRole("heading", { level: 3, name: /^MRR:/ })).toContainText("$");

  // Months sort oldest first on demand.
  await months.getByRole("button", { name: "Month" }).click();
  const sorted = await months
    .locator("tbody tr th time")
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
  expect(sorted).toEqual([...sorted].sort());

  // Switching the currency reloads the report in euros (figures or an empty state).
  const currency = page.getByRole("combobox", { name: "Currency" });
  await chooseOption(page, currency, "EUR");
  await expect(page).toHaveURL(/currency=eur/);
  await expect(currency).toHaveValue(/^eur$/i);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /currency=eur/);
  await expect(
    page.getByRole("table", { name: "Revenue by month" }).or(page.getByRole("heading", { name: /^No EUR revenue/ })),
  ).toBeVisible();

  await chooseOption(page, currency, "USD");
  await expect(page).toHaveURL(/currency=usd/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tessera-revenue-usd-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^month,currency,mrr,arr,previous_mrr,new,reactivation,expansion,contraction,churn,/);
  expect(lines).toHaveLength(13);
  for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d{2},usd,-?\d+\.\d{2},/);
});

test("the customers table sorts, searches and filters", async ({ page }) => {
  await page.goto("/admin/billing");
  await page.getByRole("navigation", { name: "Billing sections" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.locator("tbody tr th a").first()).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Lifetime value/ })).toHaveAttribute("aria-sort", "descending");

  // Sort by tenant name.
  await table.getByRole("button", { name: "Tenant" }).click();
  await expect(table.getByRole("columnheader", { name: /Tenant/ })).toHaveAttribute("aria-sort", "ascending");
  const names = (await table.locator("tbody tr th a").allTextContents()).map((n) => n.toLowerCase());
  expect(names).toEqual([...names].sort());

  // One currency, highest current MRR first.
  await chooseOption(page, page.getByRole("combobox", { name: "Filter by Currency" }), "USD");
  for (const value of await columnValues(table, "Currency")) expect(value).toBe("usd");
  await table.getByRole("button", { name: "Current MRR" }).click();
  await expect(table.getByRole("columnheader", { name: /Current MRR/ })).toHaveAttribute("aria-sort", "descending");
  const mrr = (await columnValues(table, "Current MRR")).map(amountOf);
  expect(mrr).toEqual([...mrr].sort((a, b) => b - a));

  // The first row's tier as a filter keeps only that tier.
  const [firstTier = ""] = await columnValues(table, "Tier");
  const tier = firstTier.replace(/(Suspended|Deleted)$/, "").trim();
  await chooseOption(page, page.getByRole("combobox", { name: "Filter by Tier" }), tier);
  for (const value of await columnValues(table, "Tier")) expect(value.startsWith(tier)).toBe(true);

  // Search by name, then open the tenant.
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  const first = (await table.locator("tbody tr th a").first().textContent())!.trim();
  await page.getByRole("searchbox", { name: "Search customers" }).fill(first);
  await expect
    .poll(async () =>
      (await table.locator("tbody tr th a").allTextContents()).every((name) =>
        name.toLowerCase().includes(first.toLowerCase()),
      ),
    )
    .toBe(true);
  await table.getByRole("link", { name: first }).first().click();
  await expect(page).toHaveURL(/\/admin\/tenants\/[^/]+$/);
});

test("the PayPal page shows orders, capture rate, subscriptions and payouts", async ({ page }) => {
  await page.goto("/admin/billing/paypal");
  await expect(page.getByRole("heading", { level: 1, name: "PayPal" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Billing sections" }).getByRole("link", { name: "PayPal" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 3, name: /^Capture rate:/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Order volume" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Subscriptions by status" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Payouts by status" })).toBeVisible();
});

test("members cannot reach the billing console or its export", async ({ browser }) => {
  const member = await browser.newContext();
  const page = await member.newPage();
  await new AuthPages(page).signIn("olivia@acme.test", DEMO_PASSWORD);
  expect((await page.goto("/admin/billing"))?.status()).toBe(404);
  expect((await page.request.get("/admin/billing/revenue.csv")).status()).toBe(404);
  await member.close();
});
