import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight, Building2, Plus, Shield } from "lucide-react";

import { AccountFrame } from "@/components/auth/account-frame";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Role } from "@/lib/db/generated/enums";
import { requireUser } from "@/lib/http/session";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";
import { listTenantsForUser } from "@/lib/tenancy/tenants";

export const metadata: Metadata = { title: "Your workspaces" };

const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const workspaces = await listTenantsForUser(user.id);
  const firstName = user.name?.trim().split(/\s+/)[0];

  return (
    <AccountFrame user={user}>
      <PageHeader
        title="Your workspaces"
        description={
          firstName ? `Welcome back, ${firstName}. Pick a workspace to continue.` : "Pick a workspace to continue."
        }
        actions={
          <>
            {user.isPlatformAdmin && (
              <Button asChild variant="outline">
                <Link href="/admin">
                  <Shield aria-hidden />
                  Operator console
                </Link>
              </Button>
            )}
            <Button asChild>
              <Link href="/new">
                <Plus aria-hidden />
                Create workspace
              </Link>
            </Button>
          </>
        }
      />

      {workspaces.length === 0 ? (
        <EmptyState
          icon={<Building2 />}
          title="No workspaces yet"
          description="Create a workspace for your team, or open the invitation link someone sent you to join theirs."
          action={
            <Button asChild>
              <Link href="/new">
                <Plus aria-hidden />
                Create your first workspace
              </Link>
            </Button>
          }
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Workspaces">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <Card className="relative h-full gap-3 transition-colors focus-within:ring-2 focus-within:ring-ring hover:bg-accent/40">
                <CardHeader>
                  <CardTitle as="h2" className="flex items-center justify-between gap-2 text-base">
                    <Link
                      href={`/t/${workspace.slug}`}
                      className="min-w-0 truncate outline-none after:absolute after:inset-0 after:rounded-xl"
                    >
                      {workspace.name}
                    </Link>
                    <ArrowRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                  </CardTitle>
                  <CardDescription className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs">/t/{workspace.slug}</span>
                    <Badge variant="secondary">{roleLabel(workspace.role)}</Badge>
                    {workspace.status === "SUSPENDED" && <Badge variant="warning">Suspended</Badge>}
                  </CardDescription>
                </CardHeader>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </AccountFrame>
  );
}
