// axe in the page's current state: no serious or critical WCAG 2.1 A/AA violations. Shared by the
// accessibility spec (page by page) and the specs that scan a state they reached (an open dialog,
// a table with data).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "./test";

/**
 * Waits until no toast is showing and the page's finite animations and transitions have run out.
 * Mid-way through a fade (a toast leaving, colours changing with the scheme) an element's colour
 * is a blend axe scores as low contrast, and whether a scan lands in one depended on the machine's
 * speed: a toast from the previous step was still fading out on a busy CI machine. Toasts use the
 * popover colours, which the dialogs and menus scanned here cover.
 */
async function settle(page: Page): Promise<void> {
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** Scans the page as it is now: `what` names it in the failure message. */
export async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(serious, what).toEqual([]);
}
