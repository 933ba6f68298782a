// Changing a password keeps this session and signs out every other one.
import { expect, test } from "@playwright/test";

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
