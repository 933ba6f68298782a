// The API platform, end to end: a workspace owner creates a scoped key in the UI, copies the
// secret from the show-once panel, calls the API with it (rate-limit headers included), sees the
// calls on the usage page, revokes the key and is refused. Plus role gating and platform keys.
import { expect, test, type APIRequestContext, type Page } from "./test";

import { expectNoSeriousViolations } from "./axe";
import { AuthPages, DEMO_PASSWORD, OPERATOR, chooseOption, unique } from "./pages";

// Delta Logistics (Enterprise): a quota far from its limit, whatever other specs call meanwhile.
const SLUG = "delta";
const OWNER = "dana@delta.test";
const VIEWER = "val@delta.test";

function bearer(secret: string) {
  return { headers: { Authorization: `Bearer ${secret}` } };
}

/** Creates a key through the "Create key" dialog and returns the secret from the show-once panel. */
async function createKey(page: Page, name: string, scopes: string[], trigger = "Create key"): Promise<string> {
  await page.getByRole("button", { name: trigger }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  for (const scope of scopes) await dialog.getByRole("checkbox", { name: scope, exact: true }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secret = dialog.getByRole("textbox", { name: `Secret for ${name}` });
  await expect(secret).toBeVisible();
  await expect(dialog.getByText(/will not be shown again/)).toBeVisible();
  const value = await secret.inputValue();
  await expect(dialog.getByText(`Authorization: Bearer ${value}`)).toBeVisible();
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toHaveCount(0);
  return value;
}

/** Revokes the active key `name` and checks its row (found by the secret's visible start) says so. */
async function revokeKey(page: Page, name: string, secret: string) {
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(name) }).filter({ hasText: secret.slice(0, 13) });
  await expect(row).toContainText("Revoked");
}

/** axe in the page's current state (an open dialog, a table with data), light and dark. */
async function expectAccessible(page: Page, what: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `${what} in ${scheme} mode`);
  }
  await page.emulateMedia({ colorScheme: null });
}

async function expectRateLimitHeaders(response: Awaited<ReturnType<APIRequestContext["get"]>>) {
  const headers = response.headers();
  expect(Number(headers["x-ratelimit-limit"])).toBeGreaterThan(0);
  expect(Number(headers["x-ratelimit-remaining"])).toBeLessThan(Number(headers["x-ratelimit-limit"]));
  expect(Number(headers["x-ratelimit-reset"]) * 1000).toBeGreaterThan(Date.now() - 1_000);
}

test("an owner creates a key, calls the API with it, sees the usage and revokes it", async ({ page, request }) => {
  test.setTimeout(90_000);
  const name = unique("e2e-key");
  await new AuthPages(page).signIn(OWNER, DEMO_PASSWORD);
  await page.goto(`/t/${SLUG}`);
  await page.getByRole("navigation").getByRole("link", { name: "API keys", exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/api-keys$`));
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  // Bad input stays in the form, with the errors next to the fields.
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Give the key a name.")).toBeVisible();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
  await expectAccessible(page, "the create-key dialog with errors");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);

  const secret = await createKey(page, name, ["tenant:read", "usage:read"]);
  expect(secret).toMatch(/^tsk_live_[0-9A-Za-z]{32}$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(secret.slice(0, 13));
  await expect(row).toContainText("tenant:read");
  await expect(row).toContainText("usage:read");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");

  // The key works against the API (the request context carries no session cookie).
  const ping = await request.get("/api/v1/ping", bearer(secret));
  expect(ping.status()).toBe(200);
  expect(await ping.json()).toEqual({ ok: true, service: "tessera" });
  await expectRateLimitHeaders(ping);

  const tenant = await request.get("/api/v1/tenant", bearer(secret));
  expect(tenant.status()).toBe(200);
  expect((await tenant.json()).slug).toBe(SLUG);
  await expectRateLimitHeaders(tenant);

  // A scope the key lacks is refused.
  const keys = await request.get("/api/v1/api-keys", bearer(secret));
  expect(keys.status()).toBe(403);

  // The usage page counts the key's calls.
  await page.getByRole("navigation").getByRole("link", { name: "Usage", exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/usage$`));
  await expect(page.getByRole("progressbar", { name: "API calls this month" })).toBeVisible();
  const byKey = page.getByRole("table", { name: "API calls by key" });
  const usageRow = byKey.getByRole("row", { name: new RegExp(name) });
  await expect(usageRow).toBeVisible();
  await expect(usageRow.getByRole("cell").nth(1)).toHaveText("2");
  await expect(page.getByRole("table", { name: "API calls by route" })).toContainText("GET /api/v1/ping");
  await expectAccessible(page, "the usage page with calls");

  // "Last used" is filled in; revoking stops the key at once.
  await page.goto(`/t/${SLUG}/api-keys`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("Never");
  await revokeKey(page, name, secret);
  const refused = await request.get("/api/v1/ping", bearer(secret));
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");

  // The status filter finds it among revoked keys only.
  await page.getByRole("combobox", { name: "Filter by Status" }).selectOption({ label: "Active" });
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
});

test("rolling a key without grace swaps the secret at once", async ({ page, request }) => {
  const name = unique("e2e-roll");
  await new AuthPages(page).signIn(OWNER, DEMO_PASSWORD);
  await page.goto(`/t/${SLUG}/api-keys`);
  const oldSecret = await createKey(page, name, ["tenant:read"]);

  await page.getByRole("button", { name: `Roll ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await chooseOption(
    page,
    dialog.getByRole("combobox", { name: "Old key keeps working for" }),
    "No time (stops immediately)",
  );
  await dialog.getByRole("button", { name: "Roll key" }).click();
  const secretBox = dialog.getByRole("textbox", { name: `Secret for ${name}` });
  await expect(secretBox).toBeVisible();
  const newSecret = await secretBox.inputValue();
  expect(newSecret).not.toBe(oldSecret);
  await dialog.getByRole("button", { name: "I have copied it" }).click();

  expect((await request.get("/api/v1/tenant", bearer(oldSecret))).status()).toBe(401);
  expect((await request.get("/api/v1/tenant", bearer(newSecret))).status()).toBe(200);
  await revokeKey(page, name, newSecret);
});

test("a viewer sees usage but not API keys", async ({ page }) => {
  await new AuthPages(page).signIn(VIEWER, DEMO_PASSWORD);
  await page.goto(`/t/${SLUG}`);
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Usage", exact: true }).first()).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys", exact: true })).toHaveCount(0);
  expect((await page.goto(`/t/${SLUG}/api-keys`))?.status()).toBe(403);
  expect((await page.goto(`/t/${SLUG}/usage`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
});

test("an operator mints a platform key and revokes it", async ({ page, request }) => {
  const name = unique("e2e-platform");
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
  await page.goto("/admin");
  await page.getByRole("navigation").getByRole("link", { name: "API keys", exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/api-keys$/);

  const secret = await createKey(page, name, ["platform:read"], "Mint key");
  expect(secret).toMatch(/^tsk_plat_/);
  expect((await request.get("/api/v1/ping", bearer(secret))).status()).toBe(200);
  // Platform keys cannot call tenant routes.
  expect((await request.get("/api/v1/tenant", bearer(secret))).status()).toBe(403);

  await revokeKey(page, name, secret);
  expect((await request.get("/api/v1/ping", bearer(secret))).status()).toBe(401);
});
