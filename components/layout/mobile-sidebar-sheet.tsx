"use client";

import * as React from "react";
import { Menu } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarNav } from "./sidebar-nav";
import type { MobileSidebarProps } from "./mobile-sidebar";

/** The navigation sheet (Radix dialog), loaded by MobileSidebar on first use and rendered open. */
export function MobileSidebarSheet({
  items,
  navLabel,
  title,
  brand,
  extra,
  style,
  defaultOpen = false,
}: MobileSidebarProps & { defaultOpen?: boolean }) {
  const [open, setOpen] = React.useState(defaultOpen);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open navigation">
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      {/* The sheet is portalled outside the shell, so it re-applies the brand colour itself. */}
      <SheetContent side="left" style={style} aria-describedby={undefined}>
        <SheetHeader>
          {brand ?? null}
          <SheetTitle className={brand ? "sr-only" : undefined}>{title}</SheetTitle>
        </SheetHeader>
        <SidebarNav items={items} label={navLabel} onNavigate={() => setOpen(false)} />
        {extra && <div className="mt-auto border-t pt-4">{extra}</div>}
      </SheetContent>
    </Sheet>
  );
}
