"use client";
// The public header's link: marks the current page (`aria-current`, `data-active`) from the
// pathname. Style the active state with `data-active:` variants: no `cn` here, so the public
// pages ship no tailwind-merge.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type * as React from "react";

import { isActivePath } from "./nav-link-match";

export function SiteNavLink({ href, ...props }: Omit<React.ComponentProps<typeof Link>, "href"> & { href: string }) {
  const active = isActivePath(usePathname(), href);
  return (
    <Link href={href} aria-current={active ? "page" : undefined} data-active={active ? "" : undefined} {...props} />
  );
}
