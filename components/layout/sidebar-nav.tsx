"use client";

import * as React from "react";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { NavLink, isActivePath } from "./nav-link";
import type { NavItem } from "./nav-types";

/** The item whose href matches the current path most specifically. */
function activeHref(pathname: string | null, items: NavItem[]): string | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    if (!isActivePath(pathname, item.href, item.exact)) continue;
    if (!best || item.href.length > best.href.length) best = item;
  }
  return best?.href;
}

export function SidebarNav({
  items,
  label,
  onNavigate,
  className,
}: {
  items: NavItem[];
  /** Accessible name of the <nav> landmark. */
  label: string;
  onNavigate?: () => void;
  className?: string;
}) {
  const pathname = usePathname();
  const current = activeHref(pathname, items);
  return (
    <nav aria-label={label} className={className}>
      <ul className="grid gap-0.5">
        {items.map((item) => (
          <li key={item.href}>
            <NavLink
              href={item.href}
              active={item.href === current}
              onClick={onNavigate}
              className={cn(
                "relative flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors",
                "hover:bg-accent hover:text-accent-foreground",
                "[&_svg]:size-4 [&_svg]:shrink-0",
              )}
              activeClassName={cn(
                "bg-accent text-accent-foreground",
                "before:absolute before:inset-y-1.5 before:left-0 before:w-1 before:rounded-full before:bg-brand",
                "[&_svg]:text-brand",
              )}
            >
              {item.icon && (
                <span aria-hidden className="contents">
                  {item.icon}
                </span>
              )}
              <span className="truncate">{item.label}</span>
              {item.badge && <span className="ml-auto">{item.badge}</span>}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
