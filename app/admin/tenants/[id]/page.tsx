// One tenant for the operator: its fields, members, recent audit entries and the operations
// (edit, tier, trial, suspend/reactivate, delete/restore, acquisition channel).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";

import { AcquisitionChannelForm } from "@/components/admin/acquisition-channel-form";
import { AuditEntries } from "@/components/admin/audit-entries";
import { TenantStatusBadge } from "@/components/admin/status-badge";
import { ChangeTierForm } from "@/components/admin/tenant-operations/change-tier-form";
import { EditTenantForm } from "@/components/admin/tenant-operations/edit-tenant-form";
import { ExtendTrialForm } from "@/components/admin/tenant-operations/extend-trial-form";
import { StatusOperations } from "@/components/admin/tenant-operations/status-operations";
import type { OperableTenant } from "@/components/admin/tenant-operations/tenant";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList, type DescriptionListItem } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatDate, formatDateTime, isoString } from "@/lib/format";
import { tierLabel } from "@/lib/tenancy/tiers";
import { isAppError } from "@/lib/errors";
import type { SessionOperator } from "@/lib/http/operator";
import { requireOperator } from "@/lib/http/session";
import { adminGetTenant, adminTenantAudit, DELETE_GRACE_DAYS } from "@/lib/lifecycle/tenants";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";
import { subscriptionTrialFor } from "@/lib/billing/portal";
import { effectiveTier, formatLimit, isTrialActive, tierLimits } from "@/lib/tenancy/tiers";
import { addDays } from "@/lib/calendar";
import { listAcquisitionChannels } from "@/lib/analytics/acquisition";

type Params = Promise<{ id: string }>;

async function loadTenant(operator: SessionOperator, id: string) {
  try {
    return await adminGetTenant(operator, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

// The tenant's name is operator data too: the metadata checks the caller like the page does.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const operator = await requireOperator();
  const { id } = await params;
  try {
    const tenant = await adminGetTenant(operator, id);
    return { title: tenant.name };
  } catch {
    return { title: "Tenant" };
  }
}

export default async function AdminTenantPage({ params }: { params: Params }) {
  const operator = await requireOperator();
  const { id } = await params;
  const tenant = await loadTenant(operator, id);
  const now = new Date();
  // Operators may read any tenant's audit log; the read stays inside that tenant (RLS).
  const [audit, subscriptionTrial, channels] = await Promise.all([
    adminTenantAudit(operator, tenant.id),
    subscriptionTrialFor(operator, tenant.id, now),
    listAcquisitionChannels(operator),
  ]);

  const trialing = isTrialActive(tenant, now);
  const current = effectiveTier(tenant, now);
  const seats = tierLimits(current).users;
  const operable: OperableTenant = {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    tier: tenant.tier,
    trialTier: tenant.trialTier,
    trialEndsAt: tenant.trialEndsAt?.toISOString() ?? null,
    trialing,
    subscriptionTrialEndsAt: subscriptionTrial?.endsAt.toISOString() ?? null,
    status: tenant.status,
    purgeAfter: tenant.purgeAfter?.toISOString() ?? null,
  };
  const purgeIfDeletedNow = addDays(now, DELETE_GRACE_DAYS).toISOString();

  const fields: DescriptionListItem[] = [
    { term: "Tenant ID", detail: <span className="font-mono text-xs break-all">{tenant.id}</span> },
    { term: "Workspace URL", detail: <span className="font-mono text-xs">/t/{tenant.slug}</span> },
    { term: "Status", detail: <TenantStatusBadge status={tenant.status} trialing={trialing} /> },
    { term: "Paid tier", detail: tierLabel(tenant.tier) },
    { term: "Tier in effect", detail: trialing ? `${tierLabel(current)} (trial)` : tierLabel(current) },
    {
      term: "Trial",
      detail: subscriptionTrial ? (
        <span>
          {tierLabel(subscriptionTrial.tier)} on the subscription, first payment{" "}
          <time dateTime={isoString(subscriptionTrial.endsAt)}>{formatDateTime(subscriptionTrial.endsAt)}</time>
        </span>
      ) : tenant.trialEndsAt ? (
        <span>
          {tenant.trialTier ? tierLabel(tenant.trialTier) : "—"}, {trialing ? "ends" : "ended"}{" "}
          <time dateTime={isoString(tenant.trialEndsAt)}>{formatDateTime(tenant.trialEndsAt)}</time>
        </span>
      ) : (
        "None"
      ),
    },
    { term: "Custom domain", detail: tenant.customDomain ?? "None" },
    { term: "Acquisition channel", detail: tenant.acquisitionChannel ?? "Unknown" },
    {
      term: "Created",
      detail: <time dateTime={isoString(tenant.createdAt)}>{formatDateTime(tenant.createdAt)}</time>,
    },
    {
      term: "Updated",
      detail: <time dateTime={isoString(tenant.updatedAt)}>{formatDateTime(tenant.updatedAt)}</time>,
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow={
          <Link
            href="/admin/tenants"
            className="inline-flex items-center gap-1 rounded-sm hover:text-foreground hover:underline"
          >
            <ArrowLeft aria-hidden className="size-4" />
            Tenants
          </Link>
        }
        title={tenant.name}
        description={`/t/${tenant.slug} · ${tierLabel(current)}${trialing ? " trial" : ""} · ${formatCount(tenant.memberships.length)} member${tenant.memberships.length === 1 ? "" : "s"}`}
        actions={<TenantStatusBadge status={tenant.status} trialing={trialing} />}
      />

      <div className="grid gap-6">
        {tenant.status === "SUSPENDED" && (
          <Alert variant="warning">
            <AlertTitle>Suspended</AlertTitle>
            <AlertDescription>
              {tenant.suspendedReason ? `Reason: ${tenant.suspendedReason}` : "No reason was recorded."} Members see a
              read-only workspace until it is reactivated.
            </AlertDescription>
          </Alert>
        )}
        {tenant.status === "DELETED" && (
          <Alert variant="destructive">
            <AlertTitle>Deleted{tenant.deletedAt ? ` on ${formatDate(tenant.deletedAt)}` : ""}</AlertTitle>
            <AlertDescription>
              {tenant.purgeAfter
                ? `It can be restored until ${formatDateTime(tenant.purgeAfter)}. After that the next purge removes it and all its data permanently.`
                : "It is purged by the next purge run."}
            </AlertDescription>
          </Alert>
        )}

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <DescriptionList items={fields} detailClassName="min-w-0" />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Members</CardTitle>
              <CardDescription>
                {formatCount(tenant.memberships.length)} of {formatLimit(seats)} seats on {tierLabel(current)}.
              </CardDescription>
            </CardHeader>
            <CardContent>
              {tenant.memberships.length === 0 ? (
                <EmptyState
                  headingLevel="h3"
                  title="No members yet"
                  description="If an owner invitation was sent, its recipient becomes the owner on accepting it."
                />
              ) : (
                <Table scrollLabel="Members">
                  <TableHeader>
                    <TableRow className="hover:bg-transparent">
                      <TableHead>Member</TableHead>
                      <TableHead>Role</TableHead>
                      <TableHead>Joined</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {tenant.memberships.map((m) => (
                      <TableRow key={m.userId}>
                        <TableHead scope="row" className="h-auto py-2.5 font-normal">
                          <span className="grid">
                            <span className="font-medium">{m.user.name ?? m.user.email}</span>
                            {m.user.name && <span className="text-xs text-muted-foreground">{m.user.email}</span>}
                          </span>
                        </TableHead>
                        <TableCell>{ROLE_LABELS[m.role]}</TableCell>
                        <TableCell>
                          <time dateTime={isoString(m.createdAt)}>{formatDate(m.createdAt)}</time>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </div>

        <section aria-labelledby="operations-heading" className="grid gap-4">
          <h2 id="operations-heading" className="text-lg font-semibold">
            Operations
          </h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <EditTenantForm tenant={operable} />
            <div className="grid content-start gap-4">
              <ChangeTierForm tenant={operable} />
              <StatusOperations tenant={operable} purgeIfDeletedNow={purgeIfDeletedNow} />
            </div>
            <ExtendTrialForm tenant={operable} />
            <AcquisitionChannelForm tenantId={tenant.id} channel={tenant.acquisitionChannel} channels={channels} />
          </div>
        </section>

        <Card>
          <CardHeader>
            <CardTitle>Recent activity</CardTitle>
            <CardDescription>
              The latest {audit.entries.length} entries of the tenant&apos;s audit log, newest first.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AuditEntries entries={audit.entries} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
