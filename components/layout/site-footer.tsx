import * as React from "react";
import Link from "next/link";
import { Wordmark } from "./logo";

const LINKS = [
  { href: "/pricing", label: "Pricing" },
  { href: "/sign-in", label: "Sign in" },
  { href: "/sign-up", label: "Create an account" },
  { href: "/api/docs", label: "API reference" },
];

export function SiteFooter() {
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="grid max-w-sm gap-2">
          <Link href="/" className="w-fit rounded-md">
            <Wordmark className="text-base" />
          </Link>
          <p className="text-sm text-muted-foreground">
            Open-source, multi-tenant SaaS platform: workspaces, billing, usage, assistants and analytics.
          </p>
        </div>
        <nav aria-label="Footer">
          <ul className="grid gap-2 text-sm sm:text-right">
            {LINKS.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  className="rounded-sm text-muted-foreground hover:text-foreground hover:underline"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
