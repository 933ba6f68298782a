// The PayPal buttons render on the server without PayPal's script: a clear message when no client
// id is configured, and a polite loading state (never an error) while the script is awaited.
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { PaypalSubscribeButtons, type PaypalButtonsProps } from "@/components/billing/paypal-buttons";

const router = {
  back() {},
  forward() {},
  refresh() {},
  push() {},
  replace() {},
  prefetch() {},
  bfcacheId: "test",
};
/** Mounted as in the app: inside the App Router. */
const render = (p: PaypalButtonsProps) =>
  renderToStaticMarkup(
    createElement(AppRouterContext.Provider, { value: router }, createElement(PaypalSubscribeButtons, p)),
  );

const props: PaypalButtonsProps = {
  slug: "acme",
  tier: "PROFESSIONAL",
  interval: "MONTH",
  currency: "usd",
  clientId: "",
};

describe("PaypalSubscribeButtons", () => {
  it("says PayPal is unavailable when there is no client id", () => {
    const html = render(props);
    expect(html).toContain('role="alert"');
    expect(html).toContain("PayPal is unavailable right now");
  });

  it("renders a labelled region with a loading status before PayPal's script arrives", () => {
    const html = render({ ...props, clientId: "sb-client" });
    expect(html).toContain('aria-label="Pay with PayPal"');
    expect(html).toContain('role="status"');
    expect(html).toContain("Loading PayPal…");
    expect(html).not.toMatch(/<script/);
  });
});
