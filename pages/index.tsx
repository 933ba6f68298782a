// The landing page: a Pages Router page with no JavaScript in the browser (the App Router ships
// ≈ 137 kB of framework on every page; the public pages' budget is 120 kB). See
// components/marketing/marketing-layout.tsx.
import type { PageConfig } from "next";

import { LANDING_HEAD, LandingPage } from "@/components/marketing/landing-page";
import { MarketingLayout } from "@/components/marketing/marketing-layout";

// No <script> at all: not the framework, not the page (the prerendered HTML is all there is).
export const config: PageConfig = { unstable_runtimeJS: false };

export default function Landing() {
  return (
    <MarketingLayout head={LANDING_HEAD}>
      <LandingPage />
    </MarketingLayout>
  );
}
