"use client";

import Link from "next/link";
import { Check, ChevronsUpDown, Plus } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface SwitcherTenant {
  slug: string;
  name: string;
  roleLabel: string;
}

/** Workspace switcher: every workspace of the user (links to /t/<slug>) and "Create workspace". */
export function TenantSwitcher({ current, tenants }: { current: SwitcherTenant; tenants: SwitcherTenant[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="max-w-56 justify-between gap-2">
          <span className="truncate">{current.name}</span>
          <span className="sr-only">, switch workspace</span>
          <ChevronsUpDown aria-hidden className="opacity-60" />
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
