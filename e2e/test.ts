// The one `test` every spec imports. It closes the browser contexts a test opened itself
// (`browser.newContext()` for a second user, an anonymous visitor…) when the test ends, pass or
// fail, so no spec leaves pages running into the next one: a leaked context keeps its pages'
// scripts, polling and streams alive on the busy CI machine for the rest of the run.
import { test as base } from "@playwright/test";

export * from "@playwright/test";

export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      const opened = browser.contexts().filter((context) => !before.has(context));
      await Promise.all(opened.map((context) => context.close().catch(() => undefined)));
    },
    { auto: true },
  ],
});
