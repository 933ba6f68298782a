import * as React from "react";
import Link from "next/link";
import { Menu } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ThemeChoice } from "@/components/theme/theme-choice";
import { Wordmark } from "./logo";
import { SiteNavLink } from "./site-nav-link";
import type { SiteNavItem } from "./nav-types";

const NAV: SiteNavItem[] = [
  { href: "/pricing", label: "Pricing" },
  { href: "/sign-in", label: "Sign in" },
];
const CTA: SiteNavItem = { href: "/sign-up", label: "Get started" };

/**
 * Header for public pages: wordmark, Pricing, Sign in, Get started, theme menu. Server-rendered
 * apart from the links' current-page mark: the theme menu and the small-screen menu are <details>
 * disclosures the inline theme script closes (on a choice, a link, a click outside or Escape), so a
 * public page downloads no menu code (docs/decisions.md, "Page weight, second pass").
 */
/** The main links as list items: the wide bar and the small-screen menu style them apart. */
function NavItems({ linkClassName }: { linkClassName: string }) {
  return NAV.map((item) => (
    <li key={item.href}>
      <SiteNavLink href={item.href} className={linkClassName}>
        {item.label}
      </SiteNavLink>
    </li>
  ));
}

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b bg-background">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link href="/" className="mr-auto rounded-md">
          <Wordmark />
        </Link>
        <nav aria-label="Main" className="hidden sm:block">
          <ul className="flex items-center gap-1">
            <NavItems linkClassName="rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground data-active:text-foreground" />
            <li className="ml-2">
              <Button asChild size="sm">
                <Link href={CTA.href}>{CTA.label}</Link>
              </Button>
            </li>
          </ul>
        </nav>
        <div className="flex items-center gap-1">
          <ThemeChoice />
          <details data-menu className="relative sm:hidden">
            <summary
              aria-label="Open menu"
              className="flex size-9 cursor-pointer list-none items-center justify-center rounded-md transition-colors select-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none [&::-webkit-details-marker]:hidden [&_svg]:size-4"
            >
              <Menu aria-hidden />
            </summary>
            <nav
              aria-label="Main"
              className="absolute right-0 z-50 mt-2 grid w-56 gap-1 rounded-md border bg-popover p-2 text-popover-foreground shadow-md"
            >
              <ul className="grid gap-1">
                <NavItems linkClassName="block rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground data-active:bg-accent data-active:text-accent-foreground" />
              </ul>
              <Button asChild className="mt-1">
                <Link href={CTA.href}>{CTA.label}</Link>
              </Button>
            </nav>
          </details>
        </div>
      </div>
    </header>
  );
}
