// Page objects: how a person drives Tessera, by accessible names only.
import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "tessera-demo-password";
export const OPERATOR = { email: "admin@tessera.local", password: "tessera-admin-demo" };

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Picks an option of a select (every select is a native <select>: components/ui/native-select.tsx) by its label. */
export async function chooseOption(page: Page, combobox: Locator, option: string) {
  await expect(combobox, `${option} is not an option`).toContainText(option);
  await combobox.selectOption({ label: option });
}

export class AuthPages {
  constructor(private readonly page: Page) {}

  async signUp(user: { name: string; email: string; password: string }) {
    if (!this.page.url().includes("/sign-up")) await this.page.goto("/sign-up");
    await this.page.getByRole("textbox", { name: "Name", exact: true }).fill(user.name);
    const email = this.page.getByRole("textbox", { name: "Email", exact: true });
    if ((await email.inputValue()) !== user.email) await email.fill(user.email);
    await this.page.getByRole("textbox", { name: "Password", exact: true }).fill(user.password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async signIn(email: string, password: string) {
    await this.page.goto("/sign-in");
    await this.page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
    await this.page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(this.page).not.toHaveURL(/\/sign-in/);
  }
}

export class WorkspacePages {
  constructor(private readonly page: Page) {}

  async create(name: string, slug: string) {
    await this.page.goto("/new");
    await this.page.getByLabel("Workspace name").fill(name);
    await this.page.getByLabel("Workspace URL").fill(slug);
    await this.page.getByRole("button", { name: "Create workspace" }).click();
    await expect(this.page).toHaveURL(new RegExp(`/t/${slug}$`));
  }

  /** Invites someone and returns the invitation link shown to the inviter. */
  async invite(slug: string, email: string, role: "Admin" | "Billing" | "Member" | "Viewer"): Promise<string> {
    await this.page.goto(`/t/${slug}/members`);
    await this.page.getByLabel("Email address").fill(email);
    await chooseOption(this.page, this.page.getByRole("combobox", { name: "Role", exact: true }), role);
    await this.page.getByRole("button", { name: "Send invitation" }).click();
    const link = this.page.getByLabel(`Invitation link for ${email}`);
    await expect(link).toBeVisible();
    return link.inputValue();
  }

  nav() {
    return this.page.getByRole("navigation", { name: /workspace|main/i }).first();
  }
}

/** The self-service billing portal (/t/<slug>/billing) and the local provider's simulated checkout. */
export class BillingPage {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/t/${slug}/billing`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  }

  planCard() {
    return this.page.getByTestId("plan-card");
  }

  currentPlan() {
    return this.page.getByTestId("current-plan");
  }

  invoices() {
    return this.page.getByRole("table", { name: "Invoices" });
  }

  /** Picks a plan in the upgrade panel and continues to the checkout page. */
  async chooseUpgrade(plan: string) {
    const panel = this.page.getByTestId("upgrade-panel");
    await panel.getByRole("radio", { name: plan, exact: true }).check();
    await panel.getByRole("button", { name: "Continue to checkout" }).click();
    await expect(this.page).toHaveURL(/\/billing\/checkout\?session=/);
    await expect(this.page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  }

  /** Submits the simulated checkout with the prefilled test card (button "Subscribe, nothing due today" or "Pay …"). */
  async completeCheckout(button: string | RegExp) {
    await expect(this.page.getByRole("textbox", { name: "Card number" })).toHaveValue("4242 4242 4242 4242");
    await this.page.getByRole("button", { name: button }).click();
    await expect(this.page).toHaveURL(/\/billing\?checkout=success$/);
    await expect(this.page.getByText("Your subscription has started")).toBeVisible();
  }

  /** Downloads the newest invoice's PDF and returns its file name and bytes. */
  async downloadInvoice(): Promise<{ filename: string; bytes: Buffer }> {
    const download = this.page.waitForEvent("download");
    await this.invoices()
      .getByRole("link", { name: /^PDF for invoice / })
      .first()
      .click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return { filename: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  async cancelAtPeriodEnd() {
    await this.planCard().getByRole("button", { name: "Cancel subscription" }).click();
    const dialog = this.page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Cancel at period end" }).click();
    await expect(dialog).toHaveCount(0);
  }

  async resume() {
    await this.planCard().getByRole("button", { name: "Resume subscription" }).click();
  }
}
