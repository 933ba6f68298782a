// The assistants on the embedded default (offline engine): an admin creates a finance agent,
// asks about the workspace's real ledger, watches the answer stream with its tool card,
// confidence and suggestion, approves the suggested export and sees it run.
import { expect, test } from "./test";

import { AuthPages, DEMO_PASSWORD, OPERATOR, unique } from "./pages";

test("create an agent, ask finance about real numbers, approve the suggested export", async ({ page }) => {
  await new AuthPages(page).signIn("dana@delta.test", DEMO_PASSWORD);
  await page.goto("/t/delta/assistants");
  await expect(page.getByRole("heading", { name: "Assistants" })).toBeVisible();
  await expect(page.getByTestId("engine-label")).toContainText("Offline engine");

  const name = unique("Ledger");
  const form = page.getByRole("form", { name: "Create an agent" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Domain").selectOption("finance");
  await form.getByRole("button", { name: "Create agent" }).click();
  const picker = page.getByLabel("Agent", { exact: true });
  await expect(picker.locator("option", { hasText: name })).toHaveCount(1);
  await picker.selectOption({ label: `${name} (finance)` });

  await page.getByLabel("Your question").fill("How much have we paid in invoices this year?");
  await page.getByRole("button", { name: "Send" }).click();

  // Streaming: the stop button shows while the answer arrives, the tool card reads the ledger.
  const answer = page.locator('li[data-role="assistant"]').last();
  await expect(answer.getByTestId("tool-finance_overview")).toHaveAttribute("data-state", "output-available");
  await expect(answer).toContainText("Paid in the last 12 months");
  await expect(answer.getByTestId("answered-by")).toContainText("Offline engine");
  await expect(answer.getByTestId("assessment")).toContainText(/Confidence \d+%/);
  await expect(answer.getByTestId("suggestions")).toContainText("Export the last 12 months of invoices");

  // The acting suggestion waits for approval; approving runs it once and shows its effect.
  const exportCard = answer.getByTestId("tool-export_invoices_csv");
  await expect(exportCard).toHaveAttribute("data-state", "approval-requested");
  await exportCard.getByRole("button", { name: "Approve" }).click();
  await expect(exportCard).toHaveAttribute("data-state", "output-available");
  await expect(exportCard.getByTestId("csv-download")).toContainText(/Download invoices-.*\.csv \(\d+ rows\)/);
  await expect(answer).toContainText("Done: exported");

  // The conversation survives a reload. The answer is saved when its stream ends (onEnd), a moment
  // after the browser has read the last chunk: reload until the saved turn is there.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('li[data-role="assistant"]').last().getByTestId("csv-download")).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 45_000 });

  // The audit log names the agent.
  await page.goto("/t/delta/audit");
  await expect(page.getByText("assistant.action_approved").first()).toBeVisible();
});

test("an answer interrupted by a reload resumes where it was; a question can be edited and asked again", async ({
  page,
}) => {
  await new AuthPages(page).signIn("dana@delta.test", DEMO_PASSWORD);
  await page.goto("/t/delta/assistants");
  await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Technical" });
  await page
    .getByLabel("Your question")
    .fill("Which API routes get the most calls, and explain the error code rate_limited and what 429 means.");
  await page.getByRole("button", { name: "Send" }).click();

  // Mid-answer (the e2e server streams the offline engine's words 40 ms apart): reload.
  const answer = page.locator('li[data-role="assistant"]');
  await expect(answer.getByTestId("answered-by")).toBeVisible();
  await expect(page).toHaveURL(/\?c=/);
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await page.reload();

  // The answer is followed again from the server (still streaming, so Stop shows), and ends whole.
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(answer).toHaveCount(1);
  await expect(answer.getByTestId("assessment")).toContainText(/Confidence \d+%/, { timeout: 30_000 });
  await expect(answer).toContainText("rate_limited");
  await expect(page.locator('li[data-role="user"]')).toHaveCount(1);

  // Edit the question and continue: the old answer goes, the new one answers the new text.
  await page.getByRole("button", { name: "Edit question" }).click();
  await page.getByLabel("Edited question").fill("Explain the error code forbidden.");
  await page.getByRole("button", { name: "Save and ask" }).click();
  await expect(page.locator('li[data-role="user"]')).toContainText("Explain the error code forbidden.");
  await expect(answer).toHaveCount(1);
  await expect(answer.getByTestId("assessment")).toBeVisible({ timeout: 30_000 });
  await expect(answer).toContainText("forbidden");
  await expect(answer).not.toContainText("rate_limited");
});

test("the chat client loads when used; a question sent before it has loaded waits for it and is answered", async ({
  page,
}) => {
  // Once the page has loaded, every further script (the chat client among them) is held until released.
  let holding = false;
  const held: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    if (holding) {
      held.push(route.request().url());
      await gate;
    }
    await route.continue();
  });

  await new AuthPages(page).signIn("dana@delta.test", DEMO_PASSWORD);
  await page.goto("/t/delta/assistants");
  await expect(page.getByRole("heading", { name: "Assistants" })).toBeVisible();
  holding = true;
  await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Technical" });

  // Typing in the composer starts loading the chat client (held here); Enter sends meanwhile.
  const input = page.getByLabel("Your question");
  await input.fill("Explain the error code forbidden.");
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await input.press("Enter");
  await expect(page.locator('li[data-role="user"][data-pending]')).toHaveText("Explain the error code forbidden.");
  await expect(page.getByTestId("chat-loading")).toBeVisible();
  // A draft typed meanwhile survives the chat client's arrival (nothing is remounted).
  await input.fill("A draft typed while the chat loads");

  // Once it arrives, the question is sent and answered, once.
  release();
  const answer = page.locator('li[data-role="assistant"]');
  await expect(answer.getByTestId("assessment")).toContainText(/Confidence \d+%/, { timeout: 30_000 });
  await expect(answer).toContainText("forbidden");
  await expect(page.locator('li[data-role="user"]')).toHaveCount(1);
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
  await expect(page.getByTestId("chat-loading")).toHaveCount(0);
  await expect(input).toHaveValue("A draft typed while the chat loads");
});

test("the support agent answers from the help articles and links the passages it cites", async ({ page }) => {
  await new AuthPages(page).signIn("dana@delta.test", DEMO_PASSWORD);
  await page.goto("/t/delta/assistants");
  await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Help desk (support)" });
  await page.getByLabel("Your question").fill("How do I reset my password?");
  await page.getByRole("button", { name: "Send" }).click();

  const answer = page.locator('li[data-role="assistant"]').last();
  const search = answer.getByTestId("tool-search_knowledge");
  await expect(search).toHaveAttribute("data-state", "output-available", { timeout: 30_000 });
  const source = search.getByTestId("citations").getByRole("link", { name: /\[1\] Resetting your password/ });
  await expect(source).toBeVisible();
  await expect(answer.getByTestId("assessment")).toContainText(/Confidence \d+%/, { timeout: 30_000 });

  await source.click();
  await expect(page.getByRole("heading", { name: "Resetting your password", level: 1 })).toBeVisible();
});

test("the operator asks the platform's finance assistant about MRR; the history stays in the tab", async ({ page }) => {
  await new AuthPages(page).signIn(OPERATOR.email, OPERATOR.password);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Assistant", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/assistant$/);
  await expect(page.getByRole("heading", { name: "Assistant", exact: true })).toBeVisible();
  await expect(page.getByTestId("not-saved")).toContainText("Not saved");
  await expect(page.getByTestId("engine-label")).toContainText("Offline engine");

  // A suggested question sends at once; the answer streams with the platform_mrr tool card.
  await page.getByRole("button", { name: "What is our MRR by tier?" }).click();
  const answer = page.locator('li[data-role="assistant"]').last();
  const mrr = answer.getByTestId("tool-platform_mrr");
  await expect(mrr).toHaveAttribute("data-state", "output-available", { timeout: 30_000 });
  await expect(answer.getByTestId("answered-by")).toContainText("Offline engine");
  await expect(answer).toContainText("MRR");
  await expect(answer.getByTestId("assessment")).toContainText("Based on: Platform MRR", { timeout: 30_000 });
  await expect(answer.getByTestId("assessment")).toContainText(/Confidence \d+%/);

  // A follow-up by keyboard (Enter sends) carries the history as plain text and reads the movements.
  const input = page.getByLabel("Your question");
  await input.fill("What moved revenue last month?");
  await input.press("Enter");
  await expect(page.locator('li[data-role="assistant"]')).toHaveCount(2);
  const second = page.locator('li[data-role="assistant"]').last();
  await expect(second.getByTestId("tool-revenue_movements")).toHaveAttribute("data-state", "output-available", {
    timeout: 30_000,
  });
  await expect(second.getByTestId("assessment")).toContainText(/Confidence \d+%/, { timeout: 30_000 });

  // Nothing is stored: a reload starts again with the suggested questions.
  await page.reload();
  await expect(page.locator('li[data-role="assistant"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: "What is our MRR by tier?" })).toBeVisible();
});
