import * as React from "react";
import { cn } from "@/components/ui/cn";
import { BrandMark } from "./brand-mark";
import { brandStyle } from "./brand";
import { MobileSidebar } from "./mobile-sidebar";
import { SidebarNav } from "./sidebar-nav";
import type { NavItem, ShellBrand } from "./nav-types";

export type { NavItem, ShellBrand } from "./nav-types";

export type AppShellProps = {
  /** Primary navigation; the current route is marked with aria-current="page". */
  nav: NavItem[];
  /** Accessible name of the navigation landmark (default "Main"). */
  navLabel?: string;
  /** Tenant white-label branding; `primaryColor` sets `--brand-primary` for the whole shell. */
  brand?: ShellBrand;
  /** Top bar content, right-aligned (user menu, theme toggle, tenant switcher…). */
  header?: React.ReactNode;
  /** Extra sidebar content under the navigation (plan badge, usage, secondary links). */
  sidebar?: React.ReactNode;
  /** Classes for the content wrapper inside <main> (default: centred, max-w-6xl). */
  contentClassName?: string;
  children: React.ReactNode;
};

/**
 * Layout for signed-in areas: a sidebar (a sheet below `lg`), a top bar and `<main id="main">`
 * (the skip link's target). Use it in a layout.tsx:
 *
 * ```tsx
 * <AppShell nav={[{ href: `/t/${slug}`, label: "Dashboard", icon: <LayoutDashboard /> }]}
 *           brand={{ name: tenant.name, logoUrl: tenant.logoUrl, primaryColor: tenant.primaryColor }}
 *           header={<UserMenu />}>
 *   {children}
 * </AppShell>
 * ```
 */
export function AppShell({
  nav,
  navLabel = "Main",
  brand,
  header,
  sidebar,
  contentClassName,
  children,
}: AppShellProps) {
  const style = brandStyle(brand?.primaryColor);
  return (
    <div data-slot="app-shell" className="flex min-h-dvh" style={style}>
      <aside
        aria-label="Sidebar"
        className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col gap-4 overflow-y-auto border-r bg-muted/40 p-4 lg:flex"
      >
        <div className="flex h-10 items-center px-1">
          <BrandMark brand={brand} />
        </div>
        <SidebarNav items={nav} label={navLabel} />
        {sidebar && <div className="mt-auto border-t pt-4">{sidebar}</div>}
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background px-4 sm:px-6">
          <MobileSidebar
            items={nav}
            navLabel={navLabel}
            title={brand?.name ?? "Tessera"}
            brand={<BrandMark brand={brand} />}
            extra={sidebar}
            style={style}
          />
          <BrandMark brand={brand} className="lg:hidden" />
          <div className="flex flex-1 items-center justify-end gap-2">{header}</div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 sm:px-6 lg:px-8">
          <div className={cn("mx-auto w-full max-w-6xl", contentClassName)}>{children}</div>
        </main>
      </div>
    </div>
  );
}
