// The platform operator console. Everyone who is not an operator gets a 404 (the console's
// existence is not advertised); signed-out visitors are sent to sign in. This check only guards the
// frame: an RSC request renders a page without this layout, so every page checks again itself.
import type { Metadata } from "next";
import {
  Activity,
  Bot,
  Building2,
  ChartLine,
  CircleDollarSign,
  DatabaseZap,
  KeyRound,
  LayoutDashboard,
  LayoutGrid,
} from "lucide-react";

import { UserMenu } from "@/components/auth/user-menu";
import { AppShell, type NavItem } from "@/components/layout/app-shell";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { requireOperator } from "@/lib/http/session";

export const metadata: Metadata = {
  title: { default: "Operator console · Tessera", template: "%s · Operator console · Tessera" },
  robots: { index: false, follow: false },
};

const NAV: NavItem[] = [
  { href: "/admin", label: "Overview", icon: <LayoutDashboard />, exact: true },
  { href: "/admin/tenants", label: "Tenants", icon: <Building2 /> },
  { href: "/admin/api-keys", label: "API keys", icon: <KeyRound /> },
  { href: "/admin/billing", label: "Billing", icon: <CircleDollarSign /> },
  { href: "/admin/analytics", label: "Analytics", icon: <ChartLine /> },
  { href: "/admin/assistant", label: "Assistant", icon: <Bot /> },
  { href: "/admin/dashboards", label: "Dashboards", icon: <LayoutGrid /> },
  { href: "/admin/system", label: "System", icon: <Activity /> },
  { href: "/admin/cache", label: "Cache", icon: <DatabaseZap /> },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const operator = await requireOperator();
  return (
    <AppShell
      nav={NAV}
      navLabel="Operator console"
      header={
        <>
          <Badge variant="outline" className="mr-auto hidden sm:inline-flex">
            Operator console
          </Badge>
          <ThemeToggle />
          <UserMenu user={operator} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
