import * as React from "react";

import { SiteHeader } from "@/components/layout/site-header";

/** Public auth pages (sign-in, sign-up, invitations): the site header and a centred column. */
export function AuthLayout({ children, header }: { children: React.ReactNode; header?: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/30">
      {header ?? <SiteHeader />}
      <main
        id="main"
        tabIndex={-1}
        className="flex flex-1 items-start justify-center px-4 py-10 sm:items-center sm:py-16"
      >
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
