// Invitations: an expiring link whose secret is stored only as a hash. The token names the tenant
// and the invitation so acceptance needs no cross-tenant lookup: "<tenantId>.<invitationId>.<secret>".
import "server-only";

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import type { z } from "zod";

import { invalidateMembershipCache } from "../cache/namespaces";
import { getDb } from "../db/client";
import type { Tenant } from "../db/generated/client";
import type { Role } from "../db/generated/enums";
import { withTenant } from "../db/tenant";
import { sendEmail } from "../email/send";
import { AppError, parseInput } from "@/lib/errors";
import { writeAudit, type Actor } from "./audit";
import { actorOf, assertActive, assertCan, type SessionUser, type TenantContext } from "./context";
import { assertSeatsAvailable, lockSeats } from "./limits";
import { canAssignRole, ROLE_LABELS } from "./permissions";
import { invitationTargetSchema, inviteSchema } from "./schemas";
import { effectiveTier } from "./tiers";
import { addDays } from "@/lib/calendar";

export const INVITATION_TTL_DAYS = 7;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export function inviteLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
}

function parseToken(token: string): { tenantId: string; invitationId: string; secret: string } | null {
  const parts = token.split(".");
  const [tenantId, invitationId, secret] = parts;
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]{1,100}$/.test(p))) return null;
  if (tenantId === undefined || invitationId === undefined || secret === undefined) return null;
  return { tenantId, invitationId, secret };
}

function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(sha256(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  link: string;
  expiresAt: Date;
  emailed: boolean;
}

interface IssueOptions {
  baseUrl: string;
  now?: Date;
  /** Operators may invite an owner into a tenant they create. */
  allowOwner?: boolean;
}

/** Issues an invitation inside an open tenant transaction (shared by members and operators). */
async function issueInvitation(
  tenant: Tenant,
  actor: Actor,
  email: string,
  role: Role,
  { baseUrl, now = new Date() }: IssueOptions,
): Promise<CreatedInvitation> {
  const secret = randomBytes(24).toString("base64url");
  const expiresAt = addDays(now, INVITATION_TTL_DAYS);
  const invitation = await withTenant(tenant.id, async (tx) => {
    // One seat-changing transaction per tenant at a time: two invitations racing for the last
    // seat (or for the same address) are decided one after the other.
    await lockSeats(tx, tenant.id);
    const existingMember = await tx.membership.findFirst({ where: { user: { email } } });
    if (existingMember) {
      throw new AppError("conflict", "That person is already a member.", { email: ["Already a member."] });
    }
    // Re-inviting replaces the earlier pending invitation (its link stops working).
    const pending = await tx.invitation.findMany({ where: { email, acceptedAt: null, revokedAt: null } });
    if (pending.length > 0) {
      await tx.invitation.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { revokedAt: now } });
    }
    await assertSeatsAvailable(tx, effectiveTier(tenant, now), { now });
    const created = await tx.invitation.create({
      data: {
        tenantId: tenant.id,
        email,
        role,
        tokenHash: sha256(secret),
        invitedById: actor.id,
        expiresAt,
        createdAt: now,
      },
    });
    await writeAudit(tx, tenant.id, actor, {
      action: pending.length > 0 ? "invitation.resent" : "invitation.created",
      targetType: "invitation",
      targetId: created.id,
      after: { email, role, expiresAt },
    });
    return created;
  });
  const link = inviteLink(baseUrl, `${tenant.id}.${invitation.id}.${secret}`);
  const mail = await sendEmail({
    to: email,
    subject: `You're invited to ${tenant.name} on Tessera`,
    text: `${actor.email ?? "Someone"} invited you to join ${tenant.name} as ${ROLE_LABELS[role]}.\n\nAccept: ${link}\n\nThe link expires on ${expiresAt.toUTCString()}.`,
  });
  return { id: invitation.id, email, role, link, expiresAt, emailed: mail.delivered };
}

export async function createInvitation(
  ctx: TenantContext,
  input: z.input<typeof inviteSchema>,
  options: IssueOptions,
): Promise<CreatedInvitation> {
  assertCan(ctx, "members:invite");
  assertActive(ctx);
  const { email, role } = parseInput(inviteSchema, input);
  if (!canAssignRole(ctx.role, role)) throw AppError.forbidden("Your role cannot invite someone with that role.");
  return issueInvitation(ctx.tenant, actorOf(ctx), email, role, options);
}

/** Operator path: invite the owner of a tenant they created for someone without an account. */
export async function createOwnerInvitation(
  tenant: Tenant,
  actor: Actor,
  email: string,
  options: IssueOptions,
): Promise<CreatedInvitation> {
  return issueInvitation(tenant, actor, email.trim().toLowerCase(), "OWNER", options);
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
}

export async function listPendingInvitations(ctx: TenantContext, now = new Date()): Promise<PendingInvitation[]> {
  assertCan(ctx, "members:read");
  return withTenant(ctx.tenant.id, (tx) =>
    tx.invitation.findMany({
      where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  );
}

export async function revokeInvitation(
  ctx: TenantContext,
  input: z.input<typeof invitationTargetSchema>,
): Promise<void> {
  assertCan(ctx, "members:invite");
  assertActive(ctx);
  const { invitationId } = parseInput(invitationTargetSchema, input);
  await withTenant(ctx.tenant.id, async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
    });
    if (!invitation) throw AppError.notFound("That invitation is no longer pending.");
    await tx.invitation.update({
      where: { tenantId_id: { tenantId: ctx.tenant.id, id: invitationId } },
      data: { revokedAt: new Date() },
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId,
      before: { email: invitation.email, role: invitation.role },
    });
  });
}

export type InvitationPreview =
  | { status: "valid"; tenantName: string; tenantSlug: string; email: string; role: Role; expiresAt: Date }
  | { status: "invalid" | "expired" | "used" };

async function loadInvitation(token: string, now: Date) {
  const parsed = parseToken(token);
  if (!parsed) return { status: "invalid" as const };
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id: parsed.tenantId } });
  if (!tenant || tenant.status === "DELETED") return { status: "invalid" as const };
  const invitation = await withTenant(tenant.id, (tx) =>
    tx.invitation.findUnique({ where: { tenantId_id: { tenantId: tenant.id, id: parsed.invitationId } } }),
  );
  if (!invitation || !secretMatches(parsed.secret, invitation.tokenHash)) return { status: "invalid" as const };
  if (invitation.acceptedAt || invitation.revokedAt) return { status: "used" as const };
  if (invitation.expiresAt <= now) return { status: "expired" as const };
  return { status: "valid" as const, tenant, invitation };
}

export async function previewInvitation(token: string, now = new Date()): Promise<InvitationPreview> {
  const loaded = await loadInvitation(token, now);
  if (loaded.status !== "valid") return { status: loaded.status };
  return {
    status: "valid",
    tenantName: loaded.tenant.name,
    tenantSlug: loaded.tenant.slug,
    email: loaded.invitation.email,
    role: loaded.invitation.role,
    expiresAt: loaded.invitation.expiresAt,
  };
}

/** Accepts an invitation for the signed-in user, whose email must be the invited one. */
export async function acceptInvitation(token: string, user: SessionUser, now = new Date()): Promise<{ slug: string }> {
  const loaded = await loadInvitation(token, now);
  if (loaded.status === "invalid") throw AppError.notFound("This invitation link is not valid.");
  if (loaded.status === "used") throw new AppError("conflict", "This invitation has already been used or revoked.");
  if (loaded.status === "expired") throw new AppError("bad_request", "This invitation has expired. Ask for a new one.");
  const { tenant, invitation } = loaded;
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    throw AppError.forbidden(`This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
  }
  await withTenant(tenant.id, async (tx) => {
    await lockSeats(tx, tenant.id);
    // Claim the invitation. The checks above read it before the lock; this conditional update
    // decides, so of two acceptances at once (a double click, two tabs) exactly one goes through
    // and the other is told the link was used — never a duplicate member or a database error.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count === 0) throw new AppError("conflict", "This invitation has already been used or revoked.");
    const existing = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
    });
    // The invitation itself held a seat; count members only.
    if (!existing) {
      await assertSeatsAvailable(tx, effectiveTier(tenant, now), { countPending: false, now });
      await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: invitation.role } });
    }
    await writeAudit(
      tx,
      tenant.id,
      { id: user.id, email: user.email },
      {
        action: "invitation.accepted",
        targetType: "user",
        targetId: user.id,
        after: { role: existing?.role ?? invitation.role },
      },
    );
  });
  await invalidateMembershipCache(tenant.id, [user.id]);
  return { slug: tenant.slug };
}
