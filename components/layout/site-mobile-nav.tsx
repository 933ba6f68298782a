"use client";

import * as React from "react";
import { Menu } from "lucide-react";
import { Button } from "@/components/ui/button";
import { onDemandTriggerProps, useOnDemand } from "@/components/ui/use-on-demand";
import type { SiteNavItem } from "./nav-types";

const loadSheet = () => import("./site-mobile-nav-sheet").then((m) => m.SiteMobileNavSheet);

/** Public-site navigation below `sm`, in a sheet that loads on first use. */
export function SiteMobileNav({ items, cta }: { items: SiteNavItem[]; cta: SiteNavItem }) {
  const { Component: Sheet, prefetch, open } = useOnDemand(loadSheet);
  if (Sheet) return <Sheet items={items} cta={cta} defaultOpen />;
  return (
    <Button
      variant="ghost"
      size="icon"
      className="sm:hidden"
      aria-label="Open menu"
      aria-haspopup="dialog"
      aria-expanded={false}
      {...onDemandTriggerProps(prefetch, open)}
    >
      <Menu aria-hidden />
    </Button>
  );
}
