"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** True when `href` is the current page (or, unless `exact`, one of its ancestors). "/" only matches itself. */
export function isActivePath(pathname: string | null, href: string, exact = false): boolean {
  if (!pathname) return false;
  const path = href.split(/[?#]/)[0] || "/";
  const strip = (p: string) => (p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p);
  const current = strip(pathname);
  const target = strip(path);
  if (current === target) return true;
  if (exact || target === "/") return false;
  return current.startsWith(`${target}/`);
}

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
