// The operator's billing operations: webhook events (filter the failed ones, open one, replay it and
// see the outcome) and the payout form (field errors on bad rows; the confirmation totals a valid
// batch, and cancelling it sends nothing). Relies on the seed's failed event for an unknown tenant,
// which stays failed however often it is replayed. And the New invoice dialog, loaded on first use.
import { expect, test } from "./test";

import { AuthPages, OPERATOR, chooseOption } from "./pages";

test.beforeEach(async ({ page }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
});

test("an operator filters failed webhook events, opens one and replays it", async ({ page }) => {
  await page.goto("/admin/billing");
  const sections = page.getByRole("navigation", { name: "Billing sections" });
  await sections.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/admin\/billing\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Webhook events" })).toBeVisible();
  await expect(sections.getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: "Webhook events by status" })).toContainText("Failed");

  const table = page.getByRole("table", { name: "Webhook events" });
  await chooseOption(page, page.getByRole("combobox", { name: "Filter by Status" }), "Failed");
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(table.locator("tbody tr").first().getByText("Failed", { exact: true })).toBeVisible();
  await expect(table.getByText("Processed", { exact: true })).toHaveCount(0);
  await expect(table.getByRole("button", { name: /^Replay / }).first()).toBeVisible();

  // Open the first failed event: its page shows the error and the payload.
  const first = table.getByRole("rowheader").first().getByRole("link");
  const type = ((await first.textContent()) ?? "").trim();
  await first.click();
  await expect(page).toHaveURL(/\/admin\/billing\/webhooks\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: type })).toBeVisible();
  await expect(page.getByText("Last error")).toBeVisible();
  await expect(page.getByRole("region", { name: "Event payload (JSON)" })).toContainText(/\{[\s\S]*"/);

  await page.getByRole("button", { name: "Replay event" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Replayed/ })).toBeVisible();
});

test("the payout form shows field errors for bad rows and totals a valid batch before sending", async ({ page }) => {
  await page.goto("/admin/billing/payouts");
  await expect(page.getByRole("heading", { level: 1, name: "Payouts" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Batches" })).toBeVisible();

  const email = page.getByRole("textbox", { name: "Payee 1 PayPal email" });
  const amount = page.getByRole("textbox", { name: "Payee 1 Amount" });
  await email.fill("not-an-email");
  await amount.fill("12.345");
  await page.getByRole("button", { name: "Review payout" }).click();
  await expect(page.getByText("Enter the receiver's PayPal email.")).toBeVisible();
  await expect(page.getByText("Enter an amount like 25 or 25.50.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);

  // Corrected, the batch is totalled for confirmation; cancelling sends nothing.
  await email.fill("partner@example.test");
  await amount.fill("19.99");
  await page.getByRole("button", { name: "Add payee" }).click();
  await page.getByRole("textbox", { name: "Payee 2 PayPal email" }).fill("second@example.test");
  await page.getByRole("textbox", { name: "Payee 2 Amount" }).fill("0.01");
  await page.getByRole("button", { name: "Review payout" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Send this payout?" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("list", { name: "Total per currency" })).toContainText("$20.00");
  await expect(confirm.getByRole("button", { name: "Send payout" })).toBeEnabled();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(email).toHaveValue("partner@example.test");
});

test("the New invoice dialog loads on first use and opens from the keyboard, focus in and back", async ({ page }) => {
  const loaded: string[] = [];
  await page.goto("/admin/billing/invoices");
  const open = page.getByRole("button", { name: "New invoice" });
  await expect(open).toHaveAttribute("aria-haspopup", "dialog");
  // The dialog's code is not part of the page: it loads when the button is focused or clicked.
  page.on("request", (request) => {
    if (request.resourceType() === "script") loaded.push(request.url());
  });
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New invoice" });
  await expect(dialog).toBeVisible();
  expect(loaded.length).toBeGreaterThan(0);
  await expect(dialog.getByRole("combobox", { name: /^Tenant/ })).toBeVisible();
  await expect.poll(() => dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  // Opened again (now loaded), it starts fresh.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});
