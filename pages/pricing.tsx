// The pricing page: a Pages Router page with no JavaScript in the browser, like the landing page
// (components/marketing/marketing-layout.tsx).
import type { PageConfig } from "next";

import { MarketingLayout } from "@/components/marketing/marketing-layout";
import { PRICING_HEAD, PricingPage } from "@/components/marketing/pricing-page";

// No <script> at all: not the framework, not the page (the prerendered HTML is all there is).
export const config: PageConfig = { unstable_runtimeJS: false };

export default function Pricing() {
  return (
    <MarketingLayout head={PRICING_HEAD}>
      <PricingPage />
    </MarketingLayout>
  );
}
