"use client";

import * as React from "react";
import Link from "next/link";
import { LayoutGrid, LogOut, Shield, UserRound } from "lucide-react";

import { signOutAction } from "@/app/(auth)/actions";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type UserMenuUser = { name: string | null; email: string; isPlatformAdmin?: boolean };

export interface UserMenuProps {
  user: UserMenuUser;
  /** Accessible name of the trigger (default "Account menu for <name or email>"). */
  triggerLabel?: string;
  /** The menu's links (default: Workspaces, Account and, for operators, Operator console). */
  items?: React.ReactNode;
  /** Extra items after the links. */
  children?: React.ReactNode;
}

/**
 * The signed-in user's menu: who is signed in, links (workspaces, account, the operator console
 * for operators, unless `items` replaces them) and sign out. Usable in any header
 * (`<AppShell header={<UserMenu user={ctx.user} />}>`).
 */
export function UserMenu({ user, triggerLabel, items, children }: UserMenuProps) {
  const signOutForm = React.useRef<HTMLFormElement>(null);
  const display = user.name?.trim() || user.email;
  return (
    <>
      {/* The form lives outside the (portalled) menu so closing the menu cannot cancel it. */}
      <form ref={signOutForm} action={signOutAction} hidden />
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="rounded-full">
            <Avatar name={display} size="md" decorative />
            <span className="sr-only">{triggerLabel ?? `Account menu for ${display}`}</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="min-w-56">
          <DropdownMenuLabel className="grid gap-0.5 font-normal">
            <span className="truncate text-sm font-medium">{display}</span>
            {user.name && <span className="truncate text-xs text-muted-foreground">{user.email}</span>}
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuGroup>
            {items ?? (
              <>
                <UserMenuLink href="/dashboard">
                  <LayoutGrid aria-hidden />
                  Workspaces
                </UserMenuLink>
                <UserMenuLink href="/account">
                  <UserRound aria-hidden />
                  Account
                </UserMenuLink>
                {user.isPlatformAdmin && (
                  <UserMenuLink href="/admin">
                    <Shield aria-hidden />
                    Operator console
                  </UserMenuLink>
                )}
              </>
            )}
            {children}
          </DropdownMenuGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => signOutForm.current?.requestSubmit()}>
            <LogOut aria-hidden />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}

/** A link item of the user menu (an icon and a label as children). */
export function UserMenuLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <DropdownMenuItem asChild>
      <Link href={href}>{children}</Link>
    </DropdownMenuItem>
  );
}
