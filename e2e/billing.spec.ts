// The billing portal end to end with the local provider (no payment keys are set here): a new
// workspace on its trial subscribes through the simulated checkout, sees its new plan and limits,
// changes plan with the proration preview, downloads an invoice PDF, cancels at period end and
// resumes.
import { expect, test } from "./test";

import { AuthPages, BillingPage, DEMO_PASSWORD, unique, WorkspacePages } from "./pages";

test("a new workspace upgrades through the simulated checkout and manages its subscription", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = unique("bill");
  const owner = { name: "Bill Payer", email: `${unique("payer")}@example.test`, password: "correct horse battery" };
  await new AuthPages(page).signUp(owner);
  await expect(page).toHaveURL(/\/new/);
  await new WorkspacePages(page).create("Billing Co", slug);

  // The workspace starts on Tessera's trial, with no subscription yet.
  await page.getByRole("navigation").getByRole("link", { name: "Billing", exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/billing$`));
  const billing = new BillingPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(billing.currentPlan()).toHaveText("Professional");
  await expect(billing.planCard().getByText("Trial", { exact: true })).toBeVisible();
  await expect(page.getByTestId("upgrade-panel")).toBeVisible();

  // Choose Starter: the trial carries over, so the checkout starts a trial and charges nothing.
  await billing.chooseUpgrade("Starter");
  const summary = page.getByTestId("order-summary");
  await expect(summary).toContainText("Starter (monthly)");
  await expect(summary).toContainText("$29.00 / month");
  await expect(summary).toContainText("$0.00");
  await billing.completeCheckout("Subscribe, nothing due today");
  await expect(page.getByTestId("checkout-success")).toContainText("Nothing was charged today");

  // The new plan and its limits.
  await expect(billing.currentPlan()).toHaveText("Starter");
  await expect(billing.planCard().getByText("Trial", { exact: true })).toBeVisible();
  await expect(page.getByTestId("upgrade-panel")).toHaveCount(0);

  // The overview shows the same trial (it now runs on the subscription, not Tessera's own).
  await page.goto(`/t/${slug}`);
  await expect(page.getByTestId("effective-tier")).toHaveText("Starter");
  await expect(page.getByText(/Starter trial until .*, then the subscription's first payment\./)).toBeVisible();
  await page.goto(`/t/${slug}/billing`);
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Users (members + pending invitations)" })).toHaveAttribute(
    "aria-valuemax",
    "10",
  );
  await expect(page.getByRole("progressbar", { name: "API calls this month" })).toHaveAttribute(
    "aria-valuemax",
    "10000",
  );
  await expect(page.getByTestId("payment-method")).toContainText("Visa ending 4242");

  // Change plan: the preview is loaded for the choice (no charge during the trial), then applied.
  await billing.planCard().getByRole("button", { name: "Change plan" }).click();
  const dialog = page.getByRole("dialog", { name: "Change plan" });
  await dialog.getByRole("radio", { name: "Professional", exact: true }).check();
  await expect(dialog.getByTestId("proration-due")).toContainText("$0.00");
  await expect(dialog).toContainText("No charge during the trial");
  await dialog.getByRole("button", { name: "Confirm change" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(billing.currentPlan()).toHaveText("Professional");

  // The checkout's invoice is listed and downloads as a PDF.
  const row = billing.invoices().getByRole("row").filter({ hasText: "Paid" }).first();
  await expect(row).toContainText("$0.00");
  const { filename, bytes } = await billing.downloadInvoice();
  expect(filename).toMatch(/^invoice-[A-Z0-9]+-\d{4}\.pdf$/);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // Cancel at period end, then resume.
  await billing.cancelAtPeriodEnd();
  await expect(billing.planCard().getByText(/^Cancels on /)).toBeVisible();
  await expect(billing.planCard().getByRole("button", { name: "Resume subscription" })).toBeVisible();
  await billing.resume();
  await expect(billing.planCard().getByText(/^Cancels on /)).toHaveCount(0);
  await expect(billing.planCard().getByRole("button", { name: "Cancel subscription" })).toBeVisible();
});

test("a viewer cannot open billing; an admin sees it read-only", async ({ browser }) => {
  // Seeded workspaces: Vera is a viewer at Acme, Adam an admin at Cobalt.
  const viewer = await (await browser.newContext()).newPage();
  await new AuthPages(viewer).signIn("vera@acme.test", DEMO_PASSWORD);
  await viewer.goto("/t/acme");
  await expect(viewer.getByRole("navigation").getByRole("link", { name: "Billing", exact: true })).toHaveCount(0);
  expect((await viewer.goto("/t/acme/billing"))?.status()).toBe(403);
  expect((await viewer.request.get("/t/acme/billing/invoices/any/pdf")).status()).toBe(403);

  const admin = await (await browser.newContext()).newPage();
  await new AuthPages(admin).signIn("adam@cobalt.test", DEMO_PASSWORD);
  await new BillingPage(admin).open("cobalt");
  await expect(admin.getByTestId("billing-read-only")).toContainText("Only the workspace's owners and billing members");
  await expect(admin.getByRole("heading", { name: "Billing details" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Save billing details" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Continue to checkout" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Change plan" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Update payment method" })).toHaveCount(0);
});
