// Members: who has access and with which role; invitations (members:invite); per-row actions
// only where the caller's role permits (the server actions check again).
import type { Metadata } from "next";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { InvitationsTable } from "@/components/workspace/members/invitations-table";
import { InviteForm } from "@/components/workspace/members/invite-form";
import { LeaveWorkspaceButton } from "@/components/workspace/members/leave-workspace-button";
import { MembersTable, type MemberTableRow } from "@/components/workspace/members/members-table";
import { activeKeysByCreator } from "@/lib/api-keys/keys";
import { plural } from "@/lib/format";
import { requireTenantPage } from "@/lib/http/tenant";
import { listPendingInvitations } from "@/lib/tenancy/invitations";
import { invitableRoles, memberActionsFor } from "@/lib/tenancy/member-actions";
import { listMembers } from "@/lib/lifecycle/members";
import { can, ROLE_LABELS } from "@/lib/tenancy/permissions";
import { formatLimit, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

import {
  changeRoleAction,
  inviteMemberAction,
  leaveWorkspaceAction,
  removeMemberAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "members:read");
  const members = await listMembers(ctx);
  const invitations = await listPendingInvitations(ctx);
  // What happens to a departing member's API keys is shown in the remove and leave dialogs.
  const keysByCreator = await activeKeysByCreator(ctx);
  const viewer = { userId: ctx.user.id, role: ctx.role };
  const canInvite = can(ctx.role, "members:invite");
  const suspended = ctx.tenant.status === "SUSPENDED";
  const limit = TIER_DEFINITIONS[ctx.tier].limits.users;
  const tenantSlug = ctx.tenant.slug;

  const rows: MemberTableRow[] = members.map((m) => {
    const allowed = memberActionsFor(viewer, m);
    return {
      userId: m.userId,
      name: m.name,
      email: m.email,
      role: m.role,
      roleLabel: ROLE_LABELS[m.role],
      joinedAt: m.joinedAt,
      isYou: m.userId === ctx.user.id,
      // A suspended workspace is read-only: changes would be refused, so don't offer them.
      assignableRoles: suspended ? [] : allowed.assignableRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
      canRemove: allowed.canRemove,
      canTransferOwnership: !suspended && allowed.canTransferOwnership,
      activeKeys: keysByCreator.get(m.userId)?.count ?? 0,
      canTakeOverKeys: keysByCreator.get(m.userId)?.viewerCanTakeOver ?? false,
    };
  });

  return (
    <>
      <PageHeader
        title="Members"
        description={
          <>
            {plural(members.length, "member")}
            {invitations.length > 0 && <> and {plural(invitations.length, "pending invitation")}</>}
            {limit !== null && (
              <>
                {" "}
                · the {TIER_DEFINITIONS[ctx.tier].label} plan includes {formatLimit(limit)} users
              </>
            )}
          </>
        }
        actions={
          ctx.role !== "OWNER" ? (
            <LeaveWorkspaceButton
              workspaceName={ctx.tenant.name}
              activeKeys={keysByCreator.get(ctx.user.id)?.count ?? 0}
              action={leaveWorkspaceAction.bind(null, tenantSlug)}
            />
          ) : undefined
        }
      />

      <div className="grid gap-6">
        {canInvite && !suspended && (
          <Card>
            <CardHeader>
              <CardTitle>Invite someone</CardTitle>
              <CardDescription>
                They get a link to join this workspace. Pending invitations count towards the plan&apos;s user limit.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm
                action={inviteMemberAction.bind(null, tenantSlug)}
                roles={invitableRoles(ctx.role).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              />
            </CardContent>
          </Card>
        )}

        <section className="grid gap-3">
          <h2 className="text-lg font-semibold">People</h2>
          <MembersTable
            members={rows}
            actions={{
              changeRole: changeRoleAction.bind(null, tenantSlug),
              remove: removeMemberAction.bind(null, tenantSlug),
              transferOwnership: transferOwnershipAction.bind(null, tenantSlug),
            }}
          />
        </section>

        <section className="grid gap-3">
          <h2 className="text-lg font-semibold">Pending invitations</h2>
          <InvitationsTable
            invitations={invitations.map((i) => ({
              id: i.id,
              email: i.email,
              roleLabel: ROLE_LABELS[i.role],
              createdAt: i.createdAt,
              expiresAt: i.expiresAt,
            }))}
            revoke={canInvite ? revokeInvitationAction.bind(null, tenantSlug) : undefined}
          />
        </section>
      </div>
    </>
  );
}
