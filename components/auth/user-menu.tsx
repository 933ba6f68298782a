"use client";

import * as React from "react";
import { LayoutGrid, Shield, UserRound } from "lucide-react";

import { signOutAction } from "@/app/(auth)/actions";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { onDemandTriggerProps, useOnDemand } from "@/components/ui/use-on-demand";

export type UserMenuUser = { name: string | null; email: string; isPlatformAdmin?: boolean };

/** A link of the user menu: where it goes, its label, and an icon (rendered before the label). */
export interface UserMenuLinkItem {
  href: string;
  label: string;
  icon?: React.ReactNode;
}

export interface UserMenuProps {
  user: UserMenuUser;
  /** Accessible name of the trigger (default "Account menu for <name or email>"). */
  triggerLabel?: string;
  /** The menu's links (default: Workspaces, Account and, for operators, Operator console). */
  links?: UserMenuLinkItem[];
}

function defaultLinks(user: UserMenuUser): UserMenuLinkItem[] {
  return [
    { href: "/dashboard", label: "Workspaces", icon: <LayoutGrid aria-hidden /> },
    { href: "/account", label: "Account", icon: <UserRound aria-hidden /> },
    ...(user.isPlatformAdmin ? [{ href: "/admin", label: "Operator console", icon: <Shield aria-hidden /> }] : []),
  ];
}

const loadUserMenu = () => import("./user-menu-content").then((m) => m.UserMenuContent);

/**
 * The signed-in user's menu: who is signed in, links (workspaces, account, the operator console
 * for operators, unless `links` replaces them) and sign out. Usable in any header
 * (`<AppShell header={<UserMenu user={ctx.user} />}>`). The menu (Radix) loads on first use;
 * until then the trigger is the same button, which opens it on click, Enter or Space.
 */
export function UserMenu({ user, triggerLabel, links }: UserMenuProps) {
  const signOutForm = React.useRef<HTMLFormElement>(null);
  const { Component: Menu, prefetch, open } = useOnDemand(loadUserMenu);
  const display = user.name?.trim() || user.email;
  const label = triggerLabel ?? `Account menu for ${display}`;
  return (
    <>
      {/* The form lives outside the (portalled) menu so closing the menu cannot cancel it. */}
      <form ref={signOutForm} action={signOutAction} hidden />
      {Menu ? (
        <Menu
          user={user}
          display={display}
          label={label}
          links={links ?? defaultLinks(user)}
          onSignOut={() => signOutForm.current?.requestSubmit()}
          defaultOpen
        />
      ) : (
        <Button
          variant="ghost"
          size="icon"
          className="rounded-full"
          aria-haspopup="menu"
          aria-expanded={false}
          {...onDemandTriggerProps(prefetch, open)}
        >
          <Avatar name={display} size="md" decorative />
          <span className="sr-only">{label}</span>
        </Button>
      )}
    </>
  );
}
