// The account page: changing the password keeps this session and signs out every other one;
// "Sign out of all sessions" ends them all; the email address is verified by the emailed link.
import { expect, test } from "./test";

import { linkInNewestEmail } from "./mail";
import { AuthPages, unique } from "./pages";

test("a password change ends the user's other sessions", async ({ browser }) => {
  const user = { name: "Pat Password", email: `${unique("pat")}@example.test`, password: "first password 123" };
  const here = await (await browser.newContext()).newPage();
  await new AuthPages(here).signUp(user);
  await expect(here).toHaveURL(/\/new/);

  const elsewhere = await (await browser.newContext()).newPage();
  await new AuthPages(elsewhere).signIn(user.email, user.password);
  await elsewhere.goto("/account");
  await expect(elsewhere).toHaveURL(/\/account/);

  await here.goto("/account");
  await here.waitForLoadState("networkidle");
  await here.getByRole("textbox", { name: "Current password", exact: true }).fill(user.password);
  await here.getByRole("textbox", { name: "New password", exact: true }).fill("second password 456");
  await here.getByRole("textbox", { name: "Confirm new password", exact: true }).fill("second password 456");
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByText(/your password was changed/i)).toBeVisible();

  await here.reload();
  await expect(here).toHaveURL(/\/account/);
  await elsewhere.goto("/account");
  await expect(elsewhere).toHaveURL(/\/sign-in/);

  await new AuthPages(elsewhere).signIn(user.email, "second password 456");
  await elsewhere.goto("/account");
  await expect(elsewhere).toHaveURL(/\/account/);
});

test("“Sign out of all sessions” ends every session of the account, this one included", async ({ browser }) => {
  const user = { name: "Sid Sessions", email: `${unique("sid")}@example.test`, password: "all sessions 12345" };
  const here = await (await browser.newContext()).newPage();
  await new AuthPages(here).signUp(user);
  await expect(here).toHaveURL(/\/new/);
  const elsewhere = await (await browser.newContext()).newPage();
  await new AuthPages(elsewhere).signIn(user.email, user.password);

  await here.goto("/account");
  await here.getByRole("button", { name: "Sign out of all sessions" }).click();
  const dialog = here.getByRole("alertdialog", { name: "Sign out of all sessions?" });
  await expect(dialog).toBeVisible();
  // Cancelling changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await elsewhere.goto("/account");
  await expect(elsewhere).toHaveURL(/\/account/);

  await here.getByRole("button", { name: "Sign out of all sessions" }).click();
  await here.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(here).toHaveURL(/\/sign-in\?signedOut=all/);
  await expect(here.getByText(/signed out of all sessions/i)).toBeVisible();
  await here.goto("/account");
  await expect(here).toHaveURL(/\/sign-in/);
  await elsewhere.goto("/account");
  await expect(elsewhere).toHaveURL(/\/sign-in/);

  await new AuthPages(elsewhere).signIn(user.email, user.password);
  await elsewhere.goto("/account");
  await expect(elsewhere).toHaveURL(/\/account/);
});

test("a new account verifies its email address with the emailed link", async ({ browser }) => {
  const user = { name: "Vic Verify", email: `${unique("vic")}@example.test`, password: "verify me 1234567" };
  const page = await (await browser.newContext()).newPage();
  await new AuthPages(page).signUp(user);
  await expect(page).toHaveURL(/\/new/);
  await page.goto("/account");
  await expect(page.getByText("Unverified", { exact: true })).toBeVisible();

  // "Send verification link" sends a newer one (the log is the delivery here).
  const first = await linkInNewestEmail(user.email, "/verify-email/");
  await page.getByRole("button", { name: "Send verification link" }).click();
  await expect(page.getByText(/written to the server log|sent a new link/)).toBeVisible();
  await expect.poll(async () => linkInNewestEmail(user.email, "/verify-email/")).not.toBe(first);
  const link = await linkInNewestEmail(user.email, "/verify-email/");

  // Opened where nobody is signed in, the link verifies nothing: it asks to sign in first.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole("link", { name: "Sign in to confirm" })).toBeVisible();
  await stranger.goto(first);
  await expect(stranger.getByRole("heading", { name: "This link is no longer valid" })).toBeVisible();

  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(/\/account\?verified=1/);
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This email address is already verified" })).toBeVisible();
});
