"use server";
// Member management. Each action is a public endpoint: tenantAction authenticates, resolves the
// workspace from the bound slug, checks the permission, and turns errors into form state.
// Bind the slug on the client: `inviteMemberAction.bind(null, slug)`.
import { redirect } from "next/navigation";

import { actionSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { tenantAction } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/request";
import { createInvitation, revokeInvitation } from "@/lib/tenancy/invitations";
import { changeMemberRole, leaveTenant, removeMember, transferOwnership } from "@/lib/lifecycle/members";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";
import {
  changeRoleSchema,
  invitationTargetSchema,
  inviteSchema,
  memberTargetSchema,
  removeMemberSchema,
} from "@/lib/tenancy/schemas";
import { plural } from "@/lib/format";

export interface InviteResult {
  email: string;
  link: string;
  emailed: boolean;
  expiresAt: string;
}

export const inviteMemberAction = tenantAction<InviteResult>("members.invite", "members:invite", async (ctx, input) => {
  const data = parseInput(inviteSchema, input);
  const invitation = await withAbuseLimit("invitation", await actionSubject(ctx.user.id), async () =>
    createInvitation(ctx, data, { baseUrl: await requestOrigin() }),
  );
  return {
    message: invitation.emailed
      ? `Invitation emailed to ${invitation.email}.`
      : `Invitation created for ${invitation.email}. Email is not configured, so share the link yourself.`,
    data: {
      email: invitation.email,
      link: invitation.link,
      emailed: invitation.emailed,
      expiresAt: invitation.expiresAt.toISOString(),
    },
  };
});

export const changeRoleAction = tenantAction("members.change_role", "members:update", async (ctx, input) => {
  const data = parseInput(changeRoleSchema, input);
  await changeMemberRole(ctx, data);
  return { message: `Role changed to ${ROLE_LABELS[data.role]}.` };
});

export const removeMemberAction = tenantAction("members.remove", "members:remove", async (ctx, input) => {
  const { keysRevoked, keysTransferred } = await removeMember(ctx, parseInput(removeMemberSchema, input));
  const keys = keysRevoked
    ? ` ${plural(keysRevoked, "API key")} revoked.`
    : keysTransferred
      ? ` ${plural(keysTransferred, "API key")} now owned by you.`
      : "";
  return { message: `Member removed.${keys}` };
});

export const transferOwnershipAction = tenantAction("members.transfer_ownership", null, async (ctx, input) => {
  await transferOwnership(ctx, parseInput(memberTargetSchema, input));
  return { message: "Ownership transferred. You are now an admin." };
});

export const leaveWorkspaceAction = tenantAction("members.leave", null, async (ctx) => {
  await leaveTenant(ctx);
  redirect("/dashboard");
});

export const revokeInvitationAction = tenantAction("invitations.revoke", "members:invite", async (ctx, input) => {
  await revokeInvitation(ctx, parseInput(invitationTargetSchema, input));
  return { message: "Invitation revoked." };
});
