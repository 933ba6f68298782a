"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

import { isActivePath } from "./nav-link-match";

export { isActivePath };

export type NavLinkProps = Omit<React.ComponentProps<typeof Link>, "href"> & {
  href: string;
  /** Only the exact path counts as active (default: the path and everything below it). */
  exact?: boolean;
  /** Force the active state (e.g. computed by a parent that knows the sibling links). */
  active?: boolean;
  /** Classes added when active (the link also gets `aria-current="page"` and `data-active`). */
  activeClassName?: string;
};

/** A next/link that marks the current route with `aria-current="page"`. */
export function NavLink({ href, exact, active, className, activeClassName, ...props }: NavLinkProps) {
  const pathname = usePathname();
  const isActive = active ?? isActivePath(pathname, href, exact);
  return (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      data-active={isActive ? "" : undefined}
      className={cn(className, isActive && activeClassName)}
      {...props}
    />
  );
}
