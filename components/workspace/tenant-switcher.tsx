"use client";

import { ChevronsUpDown } from "lucide-react";

import { Button } from "@/components/ui/button";
import { onDemandTriggerProps, useOnDemand } from "@/components/ui/use-on-demand";

export interface SwitcherTenant {
  slug: string;
  name: string;
  roleLabel: string;
}

/** The trigger's content: the current workspace and what the button does. */
export function SwitcherLabel({ name }: { name: string }) {
  return (
    <>
      <span className="truncate">{name}</span>
      <span className="sr-only">, switch workspace</span>
      <ChevronsUpDown aria-hidden className="opacity-60" />
    </>
  );
}

const loadMenu = () => import("./tenant-switcher-menu").then((m) => m.TenantSwitcherMenu);

/**
 * Workspace switcher: every workspace of the user (links to /t/<slug>) and "Create workspace".
 * The menu (Radix) loads on first use; until then the trigger is the same button.
 */
export function TenantSwitcher({ current, tenants }: { current: SwitcherTenant; tenants: SwitcherTenant[] }) {
  const { Component: Menu, prefetch, open } = useOnDemand(loadMenu);
  if (Menu) return <Menu current={current} tenants={tenants} defaultOpen />;
  return (
    <Button
      variant="outline"
      size="sm"
      className="max-w-56 justify-between gap-2"
      aria-haspopup="menu"
      aria-expanded={false}
      {...onDemandTriggerProps(prefetch, open)}
    >
      <SwitcherLabel name={current.name} />
    </Button>
  );
}
