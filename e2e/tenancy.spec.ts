// The foundation's story, end to end in Chromium: sign up → create a workspace → invite → a
// second person accepts → their role limits what they see → other tenants stay invisible.
import { expect, test, type Browser, type Page } from "./test";

import { AuthPages, DEMO_PASSWORD, unique, WorkspacePages } from "./pages";
import { TENANT_PAGES, TENANT_ROUTES } from "./routes";

const PASSWORD = "correct horse battery";

// Every workspace page and JSON route (read from app/); a non-member must get 404 from each.
test.beforeAll(() => {
  expect(TENANT_PAGES).toEqual(expect.arrayContaining(["", "/members", "/audit", "/settings"]));
  expect(TENANT_ROUTES).toEqual(expect.arrayContaining(["/members", "/audit"]));
});

function navLink(page: Page, name: string) {
  return page.getByRole("navigation").getByRole("link", { name, exact: true });
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("sign up, create a workspace, invite a viewer who accepts and sees only what a viewer may", async ({
  browser,
}) => {
  const slug = unique("e2e");
  const owner = { name: "Owner Person", email: `${unique("owner")}@example.test`, password: PASSWORD };
  const viewerEmail = `${unique("viewer")}@example.test`;

  // The owner signs up and creates a workspace with a trial whose end date is shown.
  const ownerPage = await newPage(browser);
  await new AuthPages(ownerPage).signUp(owner);
  await expect(ownerPage).toHaveURL(/\/new/);
  const workspace = new WorkspacePages(ownerPage);
  await workspace.create("E2E Company", slug);
  await expect(ownerPage.getByText(/trial ends/i).first()).toBeVisible();

  // The owner invites a viewer; with no SMTP the link is shown to the inviter.
  const link = await workspace.invite(slug, viewerEmail, "Viewer");
  expect(link).toContain("/invite/");
  await expect(ownerPage.getByRole("table", { name: /pending invitations/i })).toContainText(viewerEmail);

  // The viewer opens the link, creates an account for the invited address and accepts.
  const viewerPage = await newPage(browser);
  await viewerPage.goto(new URL(link).pathname);
  await expect(viewerPage.getByText("E2E Company").first()).toBeVisible();
  await viewerPage.getByRole("link", { name: "Create account" }).click();
  await expect(viewerPage).toHaveURL(/\/sign-up\?/);
  await expect(viewerPage.getByRole("textbox", { name: "Email", exact: true })).toHaveValue(viewerEmail);
  await new AuthPages(viewerPage).signUp({ name: "Viewer Person", email: viewerEmail, password: PASSWORD });
  await expect(viewerPage).toHaveURL(/\/invite\//);
  await viewerPage.getByRole("button", { name: /accept invitation/i }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`/t/${slug}$`));

  // The owner now sees the viewer as a member.
  await ownerPage.goto(`/t/${slug}/members`);
  await expect(ownerPage.getByRole("table", { name: "Members" })).toContainText(viewerEmail);
  await expect(navLink(ownerPage, "Settings").first()).toBeVisible();

  // The viewer's role limits what they see: no settings or audit log, no invite form.
  await expect(navLink(viewerPage, "Members").first()).toBeVisible();
  await expect(navLink(viewerPage, "Settings")).toHaveCount(0);
  await expect(navLink(viewerPage, "Audit log")).toHaveCount(0);
  await viewerPage.goto(`/t/${slug}/members`);
  await expect(viewerPage.getByRole("table", { name: "Members" })).toContainText(owner.email);
  await expect(viewerPage.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  const settings = await viewerPage.goto(`/t/${slug}/settings`);
  expect(settings?.status()).toBe(403);
  const audit = await viewerPage.request.get(`/api/t/${slug}/audit`);
  expect(audit.status()).toBe(403);
  expect((await audit.json()).error.code).toBe("forbidden");

  // Cross-tenant: the seeded "acme" workspace does not exist for either of them.
  for (const page of [ownerPage, viewerPage]) {
    for (const path of TENANT_PAGES) {
      const response = await page.goto(`/t/acme${path}`);
      expect(response?.status(), `/t/acme${path}`).toBe(404);
    }
    for (const path of TENANT_ROUTES) {
      const response = await page.request.get(`/api/t/acme${path}`);
      expect(response.status(), `/api/t/acme${path}`).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  }
});

test("a member of one seeded tenant gets 404 for every page and route of another", async ({ page }) => {
  await new AuthPages(page).signIn("olivia@acme.test", DEMO_PASSWORD);
  const own = await page.goto("/t/acme/members");
  expect(own?.status()).toBe(200);
  for (const path of TENANT_PAGES) {
    const response = await page.goto(`/t/delta${path}`);
    expect(response?.status(), `/t/delta${path}`).toBe(404);
    await expect(page.getByText("Delta Logistics")).toHaveCount(0);
  }
  for (const path of TENANT_ROUTES) {
    const response = await page.request.get(`/api/t/delta${path}`);
    expect(response.status(), `/api/t/delta${path}`).toBe(404);
  }
  const anonymous = await page.context().browser()!.newContext();
  const response = await anonymous.request.get(`/api/t/acme/members`, { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  await anonymous.close();
});

test("wrong passwords get a clear message and nothing else", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill("olivia@acme.test");
  await page.getByRole("textbox", { name: "Password", exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/email or password is incorrect/i)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
