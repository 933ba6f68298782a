import * as React from "react";
import Link from "next/link";

import { Wordmark } from "@/components/layout/logo";
import { NavLink } from "@/components/layout/nav-link";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import type { SessionUser } from "@/lib/tenancy/context";

import { UserMenu } from "./user-menu";

const linkClass =
  "rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground";

/** Header for signed-in pages outside a workspace (/dashboard, /new, /account, invitations). */
export function AccountHeader({ user }: { user: SessionUser }) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:px-6">
        <Link href="/dashboard" className="mr-auto rounded-md" aria-label="Tessera: your workspaces">
          <Wordmark />
        </Link>
        <nav aria-label="Account" className="hidden sm:block">
          <ul className="flex items-center gap-1">
            <li>
              <NavLink href="/dashboard" className={linkClass} activeClassName="text-foreground">
                Workspaces
              </NavLink>
            </li>
            <li>
              <NavLink href="/account" className={linkClass} activeClassName="text-foreground">
                Account
              </NavLink>
            </li>
            {user.isPlatformAdmin && (
              <li>
                <NavLink href="/admin" className={linkClass} activeClassName="text-foreground">
                  Admin
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
        <ThemeToggle />
        <UserMenu user={user} />
      </div>
    </header>
  );
}

/** Page frame for signed-in pages outside a workspace: header + `<main id="main">`. */
export function AccountFrame({
  user,
  children,
  width = "wide",
}: {
  user: SessionUser;
  children: React.ReactNode;
  width?: "wide" | "narrow";
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <AccountHeader user={user} />
      <main id="main" tabIndex={-1} className="flex-1 px-4 py-8 sm:px-6">
        <div className={width === "wide" ? "mx-auto w-full max-w-6xl" : "mx-auto w-full max-w-2xl"}>{children}</div>
      </main>
    </div>
  );
}
