// The dashboard builder end to end: from an empty dashboard, add three widgets, move and resize
// one with the keyboard, change a range, reload and find it all saved; download a widget's CSV.
// Then the realtime panel moves while API calls are made; the operator enters acquisition spend and
// sets a workspace's acquisition channel.
import { readFile } from "node:fs/promises";

import { expect, test, type Page } from "./test";

import { DEMO_PASSWORD, OPERATOR, unique } from "./pages";

/** Signs in, allowing for the password hash's cost on a busy machine. */
async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
}

test.setTimeout(180_000);

test("build a dashboard from empty, keep it across a reload, export a CSV", async ({ page }) => {
  // A browser that is never idle: the drag grid then loads at the first pointer or focus in the
  // builder only, so the test knows when it takes over.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await signIn(page, "dana@delta.test");
  await page.goto("/t/delta/dashboards");
  const name = unique("Board");
  await page.getByRole("textbox", { name: "New dashboard" }).fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(/\/t\/delta\/dashboards\/[^/]+$/);
  await expect(page.getByText("No widgets yet")).toBeVisible();

  const add = async (type: string, metric: string) => {
    await page.getByLabel("Widget", { exact: true }).selectOption({ label: type });
    await page.getByLabel("Metric", { exact: true }).selectOption({ label: metric });
    await page.getByRole("button", { name: "Add widget" }).click();
  };
  await add("KPI card", "API calls");
  await add("Line chart", "API latency p95");
  await add("Table", "API errors");
  const widgets = page.getByTestId("widget");
  await expect(widgets).toHaveCount(3);
  // Each widget loads its own figures.
  await expect(page.getByTestId("widget-loading")).toHaveCount(0);

  // Move the table one column right and make it wider, with the keyboard only.
  const table = page.getByRole("region", { name: "API errors" });
  await expect(table).toHaveAttribute("data-x", "0");
  await page.getByRole("button", { name: "Move or resize API errors" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(table).toHaveAttribute("data-x", "1");
  await expect(table).toHaveAttribute("data-w", "7");

  // Change the KPI's range.
  await page.getByLabel("Range of API calls").selectOption("30d");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved.");

  await page.reload();
  await expect(page.getByTestId("widget")).toHaveCount(3);
  await expect(page.getByRole("region", { name: "API errors" })).toHaveAttribute("data-x", "1");
  await expect(page.getByRole("region", { name: "API errors" })).toHaveAttribute("data-w", "7");
  await expect(page.getByLabel("Range of API calls")).toHaveValue("30d");

  // The drag grid takes over at the first pointer in the builder (this browser never reports idle,
  // see above) keeping the widgets' DOM nodes; a click made while it loads is not lost: the CSV
  // link is clicked straight away.
  const grid = page.getByTestId("dashboard-grid");
  const errors = page.getByRole("region", { name: "API errors" });
  await expect(grid).toHaveAttribute("data-grid", "static");
  await errors.evaluate((node) => Object.assign(node, { markedBeforeTheSwap: true }));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download API errors as CSV" }).click(),
  ]);
  await expect(grid).toHaveAttribute("data-grid", "drag");
  expect(await errors.evaluate((node) => "markedBeforeTheSwap" in node)).toBe(true);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("time,metric,group,value,unit");
  expect(csv).toContain(",api_errors,");
});

test("the realtime panel moves while API calls are made", async ({ page }) => {
  await signIn(page, "erin@echo.test");
  await page.goto("/t/echo/analytics");
  const calls = page.getByTestId("realtime-calls");
  // The panel's first poll answers after the page; a busy machine can take a while.
  await expect(calls).toHaveText(/\d/, { timeout: 60_000 });
  const before = Number((await calls.textContent())?.replace(/\D/g, "") || "0");
  for (let i = 0; i < 5; i += 1) {
    const response = await page.request.get("/api/v1/tenant?tenant=echo");
    expect(response.status()).toBe(200);
  }
  await expect
    .poll(async () => Number((await calls.textContent())?.replace(/\D/g, "") || "0"), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(before + 5);
});

test("a funnel and a cohort grid on a dashboard", async ({ page }) => {
  await signIn(page, "dana@delta.test");
  await page.goto("/t/delta/dashboards");
  await page.getByRole("textbox", { name: "New dashboard" }).fill(unique("Funnel"));
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(/\/t\/delta\/dashboards\/[^/]+$/);

  await page.getByLabel("Widget", { exact: true }).selectOption({ label: "Funnel" });
  await page.getByLabel("Metric", { exact: true }).selectOption({ label: "API calls" });
  await page.getByRole("button", { name: "Add widget" }).click();
  await page.getByLabel("Widget", { exact: true }).selectOption({ label: "Cohort grid" });
  await page.getByRole("button", { name: "Add widget" }).click();
  await expect(page.getByTestId("widget")).toHaveCount(2);
  await expect(page.getByTestId("widget-loading")).toHaveCount(0);
  await expect(page.getByTestId("funnel").getByRole("listitem")).toHaveCount(2);
  // Delta's members all joined over a year ago: the grid says so rather than showing empty rows.
  await expect(page.getByRole("region", { name: "Cohort retention" })).toContainText(
    /No members joined in the range|Joined/,
  );

  // A third step, by the keyboard-reachable steps editor; it is saved with the dashboard.
  await page.getByText("Steps of Funnel").click();
  await page.getByRole("button", { name: "Add step" }).click();
  await expect(page.getByTestId("funnel").getByRole("listitem")).toHaveCount(3);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved.");
  await page.reload();
  await expect(page.getByTestId("funnel").getByRole("listitem")).toHaveCount(3);
});

test("the operator enters acquisition spend; a bad amount is refused with a field error", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(OPERATOR.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(OPERATOR.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto("/admin/analytics");
  const form = page.getByRole("form", { name: "Enter acquisition spend" });
  const channel = `e2e-${Date.now().toString(36)}`;
  await form.getByLabel("Channel").fill(channel);
  await form.getByLabel("Amount").fill("12.345");
  await form.getByRole("button", { name: "Save spend" }).click();
  await expect(form.getByText("An amount of at least 0 with at most two decimals.")).toBeVisible();
  await form.getByLabel("Amount").fill("1,250.50");
  await form.getByRole("button", { name: "Save spend" }).click();
  await expect(page.getByTestId("acquisition-spend")).toContainText(channel);
  await expect(page.getByTestId("acquisition-spend")).toContainText("$1,250.50");
});

test("the operator sets a workspace's acquisition channel; a bad name is refused with a field error", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(OPERATOR.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(OPERATOR.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto("/admin/tenants?q=foxtrot");
  await page.getByRole("link", { name: "Foxtrot Media" }).first().click();
  await expect(page).toHaveURL(/\/admin\/tenants\/[^/?]+$/);
  const form = page.getByTestId("acquisition-channel-form");
  const field = form.getByLabel("Channel");
  const original = await field.inputValue();

  await field.fill("not a channel!");
  await form.getByRole("button", { name: "Save channel" }).click();
  await expect(form.getByText("A channel name: letters, digits, “_” and “-” (at most 40).")).toBeVisible();

  const channel = `e2e-${Date.now().toString(36)}`;
  await field.fill(channel.toUpperCase());
  await form.getByRole("button", { name: "Save channel" }).click();
  await expect(page.getByText(`Foxtrot Media came through the “${channel}” channel.`)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("acquisition-channel-form").getByLabel("Channel")).toHaveValue(channel);
  await expect(page.getByText("tenant.acquisition_channel_set").first()).toBeVisible();

  // Leave the demo workspace as it was for the other specs.
  await page.getByTestId("acquisition-channel-form").getByLabel("Channel").fill(original);
  await page.getByTestId("acquisition-channel-form").getByRole("button", { name: "Save channel" }).click();
  await expect(
    page.getByText(
      original ? `Foxtrot Media came through the “${original}” channel.` : "Foxtrot Media has no acquisition channel.",
    ),
  ).toBeVisible();
});
