// Issue 9's tenancy items in the browser: a custom domain is verified through a DNS TXT record
// (the page shows the record, the pending state and "Verify now"; a local DNS server answers on
// UDP <E2E_PORT>+1, where scripts/e2e-server.mjs points DOMAIN_DNS_SERVERS), and removing a member
// asks what happens to the API keys they created.
import { expect, test, type Browser } from "./test";

import { startFakeDns, type FakeDns } from "../tests/fixtures/fake-dns";
import { AuthPages, DEMO_PASSWORD, unique } from "./pages";

let dns: FakeDns;
test.beforeAll(async () => {
  dns = await startFakeDns(Number(process.env.E2E_PORT ?? 3210) + 1);
});
test.afterAll(async () => {
  await dns?.close();
});

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await new AuthPages(page).signIn(email, DEMO_PASSWORD);
  return page;
}

test("a custom domain is served only once its DNS record proves it", async ({ browser }) => {
  const page = await signedIn(browser, "erin@echo.test");
  await page.goto("/t/echo/settings");
  // The seeded domain is verified and served.
  await expect(page.getByTestId("custom-domain")).toHaveText("portal.echo-health.test");
  await expect(page.getByTestId("custom-domain-state")).toHaveText("Verified");

  const domain = `${unique("portal")}.echo-health.test`;
  await page.getByRole("textbox", { name: "Custom domain" }).fill(domain);
  await page.getByRole("button", { name: "Save branding" }).click();

  // Pending: the record to create, and the verified domain still in place meanwhile.
  const pending = page.getByTestId("domain-pending");
  await expect(pending).toBeVisible();
  await expect(pending.getByText("Pending verification")).toBeVisible();
  const record = page.getByTestId("domain-record");
  await expect(record).toContainText(`_tessera.${domain}`);
  const value = (await record.locator("code").filter({ hasText: "tessera-verification=" }).textContent())!.trim();
  expect(value).toMatch(/^tessera-verification=[0-9a-f]{32}$/);
  await expect(page.getByTestId("custom-domain")).toHaveText("portal.echo-health.test");

  // Verify before the record exists: told what is missing.
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(pending.getByRole("alert")).toContainText(`_tessera.${domain}`);
  expect(dns.queries).toContain(`_tessera.${domain}`);

  // The record is published: verification succeeds and the new domain replaces the old one.
  dns.txt.set(`_tessera.${domain}`, [value]);
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByText(`${domain} is verified`)).toBeVisible();
  await expect(page.getByTestId("custom-domain")).toHaveText(domain);
  await expect(page.getByTestId("custom-domain-state")).toHaveText("Verified");
  await expect(page.getByTestId("domain-pending")).toHaveCount(0);
});

test("removing a member asks what happens to the API keys they created", async ({ browser }) => {
  // Eli (an admin of Echo) creates a key through the API with his session.
  const eli = await signedIn(browser, "eli@echo.test");
  const keyName = unique("eli-key");
  const created = await eli.request.post("/api/v1/api-keys", {
    headers: { "tessera-tenant": "echo" },
    data: { name: keyName, scopes: ["tenant:read"] },
  });
  expect(created.status()).toBe(201);

  const erin = await signedIn(browser, "erin@echo.test");
  await erin.goto("/t/echo/members");
  await erin.getByRole("button", { name: /^Remove Eli/ }).click();
  const dialog = erin.getByRole("alertdialog");
  const choice = dialog.getByTestId("remove-keys-choice");
  await expect(choice).toContainText("created 1 active API key");
  await expect(choice.getByRole("radio", { name: /Revoke them/ })).toBeChecked();
  await choice.getByRole("radio", { name: /Keep them working, owned by you/ }).check();
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(erin.getByText("Member removed. 1 API key now owned by you.")).toBeVisible();

  // The key is still active, now Erin's; Eli is gone.
  await expect(erin.getByRole("table", { name: "Members" })).not.toContainText("eli@echo.test");
  const keys = await erin.request.get("/api/v1/api-keys?status=active", { headers: { "tessera-tenant": "echo" } });
  expect((await keys.json()).data.map((k: { name: string }) => k.name)).toContain(keyName);
});
