// Issue 12 in the browser: an owner on the White label plan uploads a logo and sees it in the
// workspace header; a file dropped on the files page is listed and downloads with its bytes.
import { expect, test } from "./test";

import { AuthPages, DEMO_PASSWORD } from "./pages";

// A 1×1 PNG (red), as a browser would read it from disk.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

test("upload a logo and see it in the header; upload a file, see it listed, download it", async ({ browser }) => {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await new AuthPages(page).signIn("erin@echo.test", DEMO_PASSWORD);

  // The logo: chosen in Settings → Branding, then shown in the header (served to members only).
  await page.goto("/t/echo/settings");
  await page.getByLabel("Choose a logo").setInputFiles({ name: "echo-logo.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("upload-item").first()).toHaveAttribute("data-state", "done");
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();

  // The workspace's brand mark (sidebar on wide screens, top bar on narrow ones) shows it on every page.
  await page.goto("/t/echo/files");
  const brandLogo = page.locator('img[src*="/api/t/echo/logo"]:visible').first();
  await expect(brandLogo).toBeVisible();
  await expect.poll(() => brandLogo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  // A spoofed file is refused with the server's message and nothing is listed.
  await page.getByLabel("Choose files").setInputFiles({
    name: "invoice.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
  });
  await expect(page.getByTestId("upload-item").first()).toHaveAttribute("data-state", "error");
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /accepted types|can be/i })
      .first(),
  ).toBeVisible();

  // A real file: uploaded with progress, listed, downloaded with its name and bytes.
  const text = "Minutes of the kickoff meeting\n";
  await page.getByLabel("Choose files").setInputFiles({
    name: "kickoff notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(text),
  });
  await expect(page.getByTestId("upload-item").first()).toHaveAttribute("data-state", "done");
  const table = page.getByRole("table", { name: "Files" });
  await expect(table).toContainText("kickoff notes.txt");
  await expect(table).not.toContainText("invoice.pdf");
  // A 2 MB file streams past the 1 MB body buffer of proxy.ts (the upload path is outside it) whole.
  await page.getByLabel("Choose files").setInputFiles({
    name: "big.txt",
    mimeType: "text/plain",
    buffer: Buffer.alloc(2 * 1024 * 1024, "a"),
  });
  await expect(page.getByTestId("upload-item").first()).toHaveAttribute("data-state", "done");
  await expect(page.getByRole("row", { name: /big\.txt/ })).toContainText("2 MB");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download kickoff notes.txt" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("kickoff notes.txt");
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  expect(Buffer.concat(chunks).toString()).toBe(text);
  await page.context().close();
});
