// Members of a tenant: list, change role, remove, leave, transfer ownership. A member who goes
// takes their API keys with them: removal revokes the keys they created (or, by the remover's
// explicit choice, hands them to the remover); leaving revokes them.
import "server-only";

import type { z } from "zod";

import { bumpAuthEpoch } from "../api-keys/epoch";
import { settleKeysOfDepartingMember } from "../api-keys/keys";
import { invalidateMembershipCache } from "../cache/namespaces";
import type { Role } from "../db/generated/enums";
import { withTenant, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { canAssignRole, mayManage } from "../tenancy/permissions";
import { changeRoleSchema, memberTargetSchema, removeMemberSchema } from "../tenancy/schemas";

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

export async function listMembers(ctx: TenantContext): Promise<MemberRow[]> {
  assertCan(ctx, "members:read");
  return withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx.membership.findMany({
      include: { user: { select: { email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((m) => ({
      userId: m.userId,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      joinedAt: m.createdAt,
    }));
  });
}

async function findMemberOrThrow(tx: TenantTx, tenantId: string, userId: string) {
  const member = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  if (!member) throw AppError.notFound("That person is not a member of this workspace.");
  return member;
}

export async function changeMemberRole(ctx: TenantContext, input: z.input<typeof changeRoleSchema>): Promise<void> {
  assertCan(ctx, "members:update");
  assertActive(ctx);
  const { userId, role } = parseInput(changeRoleSchema, input);
  if (userId === ctx.user.id) throw new AppError("bad_request", "You cannot change your own role.");
  await withTenant(ctx.tenant.id, async (tx) => {
    const member = await findMemberOrThrow(tx, ctx.tenant.id, userId);
    if (!mayManage(ctx.role, member.role) || !canAssignRole(ctx.role, role)) {
      throw AppError.forbidden(
        member.role === "OWNER" ? "Ownership changes only by transfer." : "Your role cannot assign that role.",
      );
    }
    if (member.role === role) return;
    await tx.membership.update({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId } }, data: { role } });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      before: { role: member.role },
      after: { role },
    });
  });
  await invalidateMembershipCache(ctx.tenant.id, [userId]);
}

export interface DepartureResult {
  /** API keys of the member that were revoked, and that the remover took over. */
  keysRevoked: number;
  keysTransferred: number;
}

export async function removeMember(
  ctx: TenantContext,
  input: z.input<typeof removeMemberSchema>,
): Promise<DepartureResult> {
  assertCan(ctx, "members:remove");
  assertActive(ctx);
  const { userId, keys } = parseInput(removeMemberSchema, input);
  if (userId === ctx.user.id) throw new AppError("bad_request", "Use “Leave workspace” to remove yourself.");
  const result = await withTenant(ctx.tenant.id, async (tx) => {
    const member = await findMemberOrThrow(tx, ctx.tenant.id, userId);
    if (!mayManage(ctx.role, member.role)) throw AppError.forbidden("Your role cannot remove this member.");
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId } } });
    const settled = await settleKeysOfDepartingMember(tx, ctx, userId, keys);
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      before: { role: member.role },
      after: { apiKeysRevoked: settled.revoked, apiKeysTransferred: settled.transferred },
    });
    return { keysRevoked: settled.revoked, keysTransferred: settled.transferred };
  });
  await invalidateMembershipCache(ctx.tenant.id, [userId]);
  if (result.keysRevoked > 0) await bumpAuthEpoch(ctx.tenant.id, { tenantChanged: false });
  return result;
}

export async function leaveTenant(ctx: TenantContext): Promise<DepartureResult> {
  if (ctx.role === "OWNER") {
    throw new AppError("bad_request", "Transfer ownership to another member before leaving.");
  }
  const result = await withTenant(ctx.tenant.id, async (tx) => {
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } } });
    const settled = await settleKeysOfDepartingMember(tx, ctx, ctx.user.id, "revoke");
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "member.left",
      targetType: "user",
      targetId: ctx.user.id,
      before: { role: ctx.role },
      after: { apiKeysRevoked: settled.revoked },
    });
    return { keysRevoked: settled.revoked, keysTransferred: 0 };
  });
  await invalidateMembershipCache(ctx.tenant.id, [ctx.user.id]);
  if (result.keysRevoked > 0) await bumpAuthEpoch(ctx.tenant.id, { tenantChanged: false });
  return result;
}

/** The owner hands ownership to another member and becomes an admin. */
export async function transferOwnership(ctx: TenantContext, input: z.input<typeof memberTargetSchema>): Promise<void> {
  if (ctx.role !== "OWNER") throw AppError.forbidden("Only the owner can transfer ownership.");
  assertActive(ctx);
  const { userId } = parseInput(memberTargetSchema, input);
  if (userId === ctx.user.id) throw new AppError("bad_request", "You already own this workspace.");
  await withTenant(ctx.tenant.id, async (tx) => {
    const member = await findMemberOrThrow(tx, ctx.tenant.id, userId);
    await tx.membership.update({
      where: { tenantId_userId: { tenantId: ctx.tenant.id, userId } },
      data: { role: "OWNER" },
    });
    await tx.membership.update({
      where: { tenantId_userId: { tenantId: ctx.tenant.id, userId: ctx.user.id } },
      data: { role: "ADMIN" },
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "tenant.ownership_transferred",
      targetType: "user",
      targetId: userId,
      before: { owner: ctx.user.id, newOwnerRole: member.role },
      after: { owner: userId, previousOwnerRole: "ADMIN" },
    });
  });
  await invalidateMembershipCache(ctx.tenant.id, [userId, ctx.user.id]);
}
