"use client";

import * as React from "react";
import { Menu } from "lucide-react";
import { Button } from "@/components/ui/button";
import { onDemandTriggerProps, useOnDemand } from "@/components/ui/use-on-demand";
import type { NavItem } from "./nav-types";

export interface MobileSidebarProps {
  items: NavItem[];
  navLabel: string;
  /** Accessible title of the sheet (e.g. the tenant name). */
  title: string;
  brand?: React.ReactNode;
  extra?: React.ReactNode;
  style?: React.CSSProperties;
}

const loadSheet = () => import("./mobile-sidebar-sheet").then((m) => m.MobileSidebarSheet);

/**
 * Below `lg`: a menu button that opens the navigation in a sheet (focus-trapped, Esc closes).
 * The sheet (Radix dialog) loads on first use; until then the button is the same.
 */
export function MobileSidebar(props: MobileSidebarProps) {
  const { Component: Sheet, prefetch, open } = useOnDemand(loadSheet);
  if (Sheet) return <Sheet {...props} defaultOpen />;
  return (
    <Button
      variant="ghost"
      size="icon"
      className="lg:hidden"
      aria-label="Open navigation"
      aria-haspopup="dialog"
      aria-expanded={false}
      {...onDemandTriggerProps(prefetch, open)}
    >
      <Menu aria-hidden />
    </Button>
  );
}
