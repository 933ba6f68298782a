// Audit log: newest first, 50 per page with a keyset cursor (?cursor=), filterable by action
// prefix (?action=member. or an exact action).
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, ArrowRight } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { AuditFilter } from "@/components/workspace/audit/audit-filter";
import { AuditTable, type AuditTableRow } from "@/components/workspace/audit/audit-table";
import { describeAction, describePrefix, diffAudit } from "@/components/workspace/audit-format";
import { isAppError } from "@/lib/errors";
import { requireTenantPage } from "@/lib/http/tenant";
import type { AuditPage } from "@/lib/tenancy/audit";
import { listMembers } from "@/lib/lifecycle/members";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";
import { getAuditPage, listAuditActions } from "@/lib/tenancy/workspace";
import { before } from "@/lib/indexed";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function pick(value: unknown, key: string): unknown {
  return value && typeof value === "object" && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

export default async function AuditPageView({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: SearchParams;
}) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "audit:read");
  const query = await searchParams;
  const cursor = one(query.cursor);
  const action = one(query.action)?.trim() || undefined;
  const base = `/t/${ctx.tenant.slug}/audit`;

  let page: AuditPage = { entries: [], nextCursor: null };
  let problem: string | null = null;
  try {
    page = await getAuditPage(ctx, { cursor, action, limit: 50 });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const actions = await listAuditActions(ctx);
  const members = await listMembers(ctx);
  // Snapshot values that read better as names: user ids → emails, role codes → labels.
  const readable = new Map<string, string>([
    ...members.map((m) => [m.userId, m.email] as [string, string]),
    ...Object.entries(ROLE_LABELS),
  ]);

  const prefixes = [...new Set(actions.map((a) => before(a, ".")).filter(Boolean))].map((p) => ({
    value: `${p}.`,
    label: describePrefix(p),
  }));

  const rows: AuditTableRow[] = page.entries.map((entry) => {
    const email = pick(entry.after, "email") ?? pick(entry.before, "email");
    let target = entry.targetType;
    if (entry.targetType === "user" && entry.targetId)
      target = `User ${readable.get(entry.targetId) ?? entry.targetId}`;
    else if (entry.targetType === "invitation")
      target = `Invitation${typeof email === "string" ? ` for ${email}` : ""}`;
    else if (entry.targetType === "tenant") target = "Workspace";
    else if (entry.targetId) target = `${describePrefix(entry.targetType)} ${entry.targetId}`;
    else target = describePrefix(entry.targetType);
    return {
      id: entry.id,
      createdAt: entry.createdAt,
      actor: entry.actorEmail ?? "system",
      action: entry.action,
      actionLabel: describeAction(entry.action),
      target,
      changes: diffAudit(entry.before, entry.after)
        .filter((c) => c.kind !== "same")
        .map((c) => ({
          ...c,
          before: c.before && (readable.get(c.before) ?? c.before),
          after: c.after && (readable.get(c.after) ?? c.after),
        })),
    };
  });

  const withAction = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...(action ? { action } : {}), ...extra });
    const text = search.toString();
    return text ? `${base}?${text}` : base;
  };

  return (
    <>
      <PageHeader title="Audit log" description="Who did what in this workspace, and when. Times are in UTC." />
      <div className="grid gap-4">
        <AuditFilter
          key={action ?? ""}
          basePath={base}
          current={action}
          prefixes={prefixes}
          actions={actions.map((a) => ({ value: a, label: describeAction(a) }))}
        />
        {problem && (
          <Alert variant="destructive">
            <AlertTitle>That filter is not valid</AlertTitle>
            <AlertDescription>
              <p>{problem}</p>
            </AlertDescription>
          </Alert>
        )}
        <AuditTable entries={rows} />
        <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-2">
          {cursor ? (
            <Button asChild variant="outline" size="sm">
              <Link href={withAction({})}>
                <ArrowLeft aria-hidden />
                Newest entries
              </Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={withAction({ cursor: page.nextCursor })} rel="next">
                Older entries
                <ArrowRight aria-hidden />
              </Link>
            </Button>
          )}
        </nav>
      </div>
    </>
  );
}
