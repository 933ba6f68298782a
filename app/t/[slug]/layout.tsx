// The tenant workspace shell: membership check (404 for non-members), navigation filtered by
// the caller's permissions, white-label branding on plans with custom_branding, and
// workspace-wide banners (suspended, trial, lapsed trial).
import type { Metadata } from "next";
import { Suspense } from "react";
import {
  BookOpen,
  Bot,
  ChartColumn,
  CreditCard,
  FolderOpen,
  KeyRound,
  LayoutDashboard,
  LayoutGrid,
  ScrollText,
  Settings,
  UserRound,
  Users,
  ChartLine,
} from "lucide-react";

import { UserMenu } from "@/components/auth/user-menu";
import { AppShell, type NavItem } from "@/components/layout/app-shell";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { TenantSwitcher } from "@/components/workspace/tenant-switcher";
import { TrialBadge } from "./_components/trial-badge";
import { WorkspaceBanners } from "./_components/workspace-banners";
import { getBrandLogo } from "@/lib/files/files";
import { getTenantContext, requireTenantPage } from "@/lib/http/tenant";
import { can, ROLE_LABELS, type Permission } from "@/lib/tenancy/permissions";
import { listTenantsForUser } from "@/lib/tenancy/tenants";
import { tierHasFeature, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";
import type { Role } from "@/lib/db/generated/enums";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const ctx = await getTenantContext(slug);
  if (!ctx) return { title: "Workspace" };
  return { title: { default: ctx.tenant.name, template: `%s · ${ctx.tenant.name}` } };
}

const NAV: { path: string; label: string; icon: React.ReactNode; permission?: Permission; exact?: boolean }[] = [
  { path: "", label: "Overview", icon: <LayoutDashboard />, exact: true },
  { path: "/members", label: "Members", icon: <Users />, permission: "members:read" },
  { path: "/api-keys", label: "API keys", icon: <KeyRound />, permission: "apiKeys:read" },
  { path: "/usage", label: "Usage", icon: <ChartColumn />, permission: "usage:read" },
  { path: "/files", label: "Files", icon: <FolderOpen />, permission: "files:read" },
  { path: "/analytics", label: "Analytics", icon: <ChartLine />, permission: "dashboards:read" },
  { path: "/dashboards", label: "Dashboards", icon: <LayoutGrid />, permission: "dashboards:read" },
  { path: "/assistants", label: "Assistants", icon: <Bot />, permission: "assistants:use" },
  { path: "/knowledge", label: "Knowledge", icon: <BookOpen />, permission: "knowledge:read" },
  { path: "/billing", label: "Billing", icon: <CreditCard />, permission: "billing:read" },
  { path: "/audit", label: "Audit log", icon: <ScrollText />, permission: "audit:read" },
  { path: "/settings", label: "Settings", icon: <Settings />, permission: "settings:read" },
];

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug);
  const base = `/t/${ctx.tenant.slug}`;
  const tenants = await listTenantsForUser(ctx.user.id);

  const nav: NavItem[] = NAV.filter((item) => !item.permission || can(ctx.role, item.permission)).map((item) => ({
    href: `${base}${item.path}`,
    label: item.label,
    icon: item.icon,
    exact: item.exact,
  }));

  const branded = tierHasFeature(ctx.tier, "custom_branding");
  // An uploaded logo wins over the older logo URL setting.
  const logo = branded ? await getBrandLogo(ctx) : null;
  const brand = branded
    ? {
        name: ctx.tenant.name,
        logoUrl: logo ? `/api/t/${ctx.tenant.slug}/logo?v=${logo.id}` : ctx.tenant.brandLogoUrl,
        primaryColor: ctx.tenant.brandPrimaryColor,
        href: base,
      }
    : undefined;

  return (
    <AppShell
      nav={nav}
      navLabel="Workspace"
      brand={brand}
      header={
        <>
          <TenantSwitcher
            current={{ slug: ctx.tenant.slug, name: ctx.tenant.name, roleLabel: ROLE_LABELS[ctx.role] }}
            tenants={tenants.map((t) => ({
              slug: t.slug,
              name: t.name,
              roleLabel: ROLE_LABELS[t.role as Role] ?? t.role,
            }))}
          />
          <ThemeToggle />
          <UserMenu
            user={{ email: ctx.user.email, name: ctx.user.name }}
            triggerLabel="Account menu"
            links={[
              { href: "/account", label: "Account", icon: <UserRound aria-hidden /> },
              { href: "/dashboard", label: "Dashboard", icon: <LayoutGrid aria-hidden /> },
            ]}
          />
        </>
      }
      sidebar={
        <div className="grid gap-1 px-1 text-sm">
          <span className="text-xs text-muted-foreground">Plan</span>
          <span className="flex flex-wrap items-center gap-2 font-medium">
            {TIER_DEFINITIONS[ctx.tier].label}
            <Suspense fallback={ctx.tier !== ctx.tenant.tier ? <Badge variant="info">Trial</Badge> : null}>
              <TrialBadge ctx={ctx} />
            </Suspense>
            {ctx.tenant.status === "SUSPENDED" && <Badge variant="destructive">Suspended</Badge>}
          </span>
          <span className="text-xs text-muted-foreground">Your role: {ROLE_LABELS[ctx.role]}</span>
        </div>
      }
    >
      <WorkspaceBanners tenant={ctx.tenant} />
      {children}
    </AppShell>
  );
}
