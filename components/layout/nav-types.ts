import type { ReactNode } from "react";

/** One entry of an AppShell's navigation. */
export type NavItem = {
  href: string;
  label: string;
  /** Decorative icon, e.g. `<Users />` from lucide-react. */
  icon?: ReactNode;
  /** Only highlight on this exact path (otherwise the longest matching item wins). */
  exact?: boolean;
  /** Small trailing content, e.g. a count badge. */
  badge?: ReactNode;
};

/** Tenant white-label branding shown in the AppShell. */
export type ShellBrand = {
  name: string;
  logoUrl?: string | null;
  /** Hex colour (#rgb or #rrggbb); sets `--brand-primary` on the shell. Other formats are ignored. */
  primaryColor?: string | null;
  /** Where the brand links to (default "/"). */
  href?: string;
};

/** A link in the public site header. */
export type SiteNavItem = { href: string; label: string };
