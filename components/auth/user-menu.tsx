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

/**
 * The signed-in user's menu: workspaces, account, the operator console (operators only) and
 * sign out. Usable in any header (`<AppShell header={<UserMenu user={ctx.user} />}>`).
 */
export function UserMenu({ user, children }: { user: UserMenuUser; children?: React.ReactNode }) {
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
            <span className="sr-only">Account menu for {display}</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="min-w-56">
          <DropdownMenuLabel className="grid gap-0.5 font-normal">
            <span className="truncate text-sm font-medium">{display}</span>
            {user.name && <span className="truncate text-xs text-muted-foreground">{user.email}</span>}
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuGroup>
            <DropdownMenuItem asChild>
              <Link href="/dashboard">
                <LayoutGrid aria-hidden />
                Workspaces
              </Link>
            </DropdownMenuItem>
            <DropdownMenuItem asChild>
              <Link href="/account">
                <UserRound aria-hidden />
                Account
              </Link>
            </DropdownMenuItem>
            {user.isPlatformAdmin && (
              <DropdownMenuItem asChild>
                <Link href="/admin">
                  <Shield aria-hidden />
                  Operator console
                </Link>
              </DropdownMenuItem>
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
