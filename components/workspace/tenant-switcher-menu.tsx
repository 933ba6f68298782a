"use client";

import Link from "next/link";
import { Check, Plus } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

import { SwitcherLabel, type SwitcherTenant } from "./tenant-switcher";

/** The workspace switcher's menu (Radix), loaded by TenantSwitcher on first use and rendered open. */
export function TenantSwitcherMenu({
  current,
  tenants,
  defaultOpen,
}: {
  current: SwitcherTenant;
  tenants: SwitcherTenant[];
  defaultOpen?: boolean;
}) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="max-w-56 justify-between gap-2">
          <SwitcherLabel name={current.name} />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Workspaces</DropdownMenuLabel>
        {tenants.map((tenant) => {
          const active = tenant.slug === current.slug;
          return (
            <DropdownMenuItem key={tenant.slug} asChild>
              <Link
                href={`/t/${tenant.slug}`}
                aria-current={active ? "page" : undefined}
                className="flex items-center gap-2"
              >
                <span className="grid min-w-0 flex-1">
                  <span className="truncate font-medium text-foreground">{tenant.name}</span>
                  <span className="truncate text-xs text-muted-foreground">{tenant.roleLabel}</span>
                </span>
                {active && <Check aria-hidden className="text-foreground" />}
              </Link>
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/new">
            <Plus aria-hidden />
            Create workspace
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
