import * as React from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Wordmark } from "./logo";
import { NavLink } from "./nav-link";
import { SiteMobileNav } from "./site-mobile-nav";
import type { SiteNavItem } from "./nav-types";

const NAV: SiteNavItem[] = [
  { href: "/pricing", label: "Pricing" },
  { href: "/sign-in", label: "Sign in" },
];
const CTA: SiteNavItem = { href: "/sign-up", label: "Get started" };

/** Header for public pages: wordmark, Pricing, Sign in, Get started, theme toggle. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b bg-background">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link href="/" className="mr-auto rounded-md">
          <Wordmark />
        </Link>
        <nav aria-label="Main" className="hidden sm:block">
          <ul className="flex items-center gap-1">
            {NAV.map((item) => (
              <li key={item.href}>
                <NavLink
                  href={item.href}
                  className="rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground"
                  activeClassName="text-foreground"
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
            <li className="ml-2">
              <Button asChild size="sm">
                <Link href={CTA.href}>{CTA.label}</Link>
              </Button>
            </li>
          </ul>
        </nav>
        <div className="flex items-center gap-1">
          <ThemeToggle />
          <SiteMobileNav items={NAV} cta={CTA} />
        </div>
      </div>
    </header>
  );
}
