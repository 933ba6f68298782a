// Managing API keys: create (secret shown once, hash stored), list, revoke, roll. Tenant keys
// live in the workspace (RLS applies); platform keys are minted by operators for the tenants API.
import "server-only";

import type { z } from "zod";

import { getDb } from "../db/client";
import type { ApiKey } from "../db/generated/client";
import { withTenant, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { logger } from "../observability/logger";
import { writeAudit, type Actor } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { can } from "../tenancy/permissions";
import { bumpAuthEpoch } from "./epoch";
import { createApiKeySchema, createPlatformKeySchema, rollApiKeySchema } from "./schemas";
import { scopesBeyondRole } from "./scopes";
import { generateSecret, hashSecret, visibleStart } from "./secret";
import { keyStatus } from "./status";

export interface CreatedKey {
  key: ApiKey;
  /** The full secret: returned once, never stored. */
  secret: string;
}

export interface CreateKeyOptions {
  /** When the caller is itself an API key: the scopes it holds (a key cannot mint a wider key). */
  grantableScopes?: ReadonlySet<string>;
  now?: Date;
}

function assertGrantable(ctx: TenantContext, scopes: string[], options: CreateKeyOptions): void {
  const beyond = scopesBeyondRole(ctx.role, scopes).concat(
    options.grantableScopes ? scopes.filter((scope) => !options.grantableScopes!.has(scope)) : [],
  );
  if (beyond.length > 0) {
    const unique = [...new Set(beyond)];
    throw new AppError("forbidden", `You cannot grant ${unique.map((s) => `“${s}”`).join(", ")}.`, {
      scopes: [`Not allowed for your role: ${unique.join(", ")}.`],
    });
  }
}

/** The key a key-authenticated caller acts as (v1 calls with a key), or null for a signed-in member. */
function callingKeyId(ctx: TenantContext): string | null {
  return ctx.user.id.startsWith("key:") ? ctx.user.id.slice("key:".length) : null;
}

/**
 * Locks who is minting a key, inside the transaction, until it commits: the signed-in member's
 * membership or the calling key's row (FOR SHARE). Removing that member (which deletes the
 * membership and revokes their keys) then waits for this transaction and sees the new key, or
 * this one waits for the removal and is refused: no key slips past a removal. Returns the
 * calling key (the parent of the key being made), or null for a member.
 */
async function lockCaller(tx: TenantTx, ctx: TenantContext, now: Date) {
  const keyId = callingKeyId(ctx);
  if (!keyId) {
    const member = await tx.$queryRaw<{ userId: string }[]>`
      SELECT "userId" FROM memberships
      WHERE "tenantId" = ${ctx.tenant.id} AND "userId" = ${ctx.user.id} FOR SHARE`;
    if (member.length === 0) throw AppError.forbidden("You are no longer a member of this workspace.");
    return null;
  }
  const rows = await tx.$queryRaw<
    { id: string; createdById: string | null; expiresAt: Date | null; revokedAt: Date | null }[]
  >`
    SELECT id, "createdById", "expiresAt", "revokedAt" FROM api_keys
    WHERE id = ${keyId} AND "tenantId" = ${ctx.tenant.id} FOR SHARE`;
  const parent = rows[0];
  if (!parent || keyStatus(parent, now) !== "active") throw AppError.unauthorized("The API key is not valid.");
  return parent;
}

const earlier = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * A key minted by another key (its parent) never outlives it: without an expiry it takes the
 * parent's; an expiry after the parent's is refused (400 on expiresAt).
 */
export function boundByParentExpiry(requested: Date | null, parentExpiresAt: Date | null): Date | null {
  if (!parentExpiresAt) return requested;
  if (!requested) return parentExpiresAt;
  if (requested > parentExpiresAt) {
    const until = parentExpiresAt.toISOString();
    throw new AppError("validation_failed", "A key cannot outlive the key that creates it.", {
      expiresAt: [`The creating key expires at ${until}: choose that time or earlier.`],
    });
  }
  return requested;
}

export async function createApiKey(
  ctx: TenantContext,
  input: z.input<typeof createApiKeySchema>,
  options: CreateKeyOptions = {},
): Promise<CreatedKey> {
  assertCan(ctx, "apiKeys:manage");
  assertActive(ctx);
  const data = parseInput(createApiKeySchema, input);
  assertGrantable(ctx, data.scopes, options);
  const secret = generateSecret("TENANT");
  const key = await withTenant(ctx.tenant.id, async (tx) => {
    const parent = await lockCaller(tx, ctx, options.now ?? new Date());
    const created = await tx.apiKey.create({
      data: {
        tenantId: ctx.tenant.id,
        kind: "TENANT",
        name: data.name,
        start: visibleStart(secret),
        hash: hashSecret(secret),
        scopes: data.scopes,
        expiresAt: boundByParentExpiry(data.expiresAt ?? null, parent?.expiresAt ?? null),
        // A key minted by a key belongs to the member behind the parent, so removing that member
        // reaches it too (lib/lifecycle/members.ts).
        createdById: parent ? parent.createdById : ctx.user.id,
        createdAt: options.now,
      },
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      after: { name: created.name, start: created.start, scopes: created.scopes, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { key, secret };
}

/**
 * An expiry the driver cannot read back (a far-future value stored before expiries were validated
 * comes back as an invalid Date) reads as the latest moment JavaScript can hold, so that pages and
 * lists can show it; the auth check already treated it as never expiring.
 */
function readable(key: ApiKey): ApiKey {
  return key.expiresAt && Number.isNaN(key.expiresAt.getTime()) ? { ...key, expiresAt: new Date(8.64e15) } : key;
}

export async function listApiKeys(ctx: TenantContext, { includeRevoked = true } = {}): Promise<ApiKey[]> {
  assertCan(ctx, "apiKeys:read");
  const keys = await withTenant(ctx.tenant.id, (tx) =>
    tx.apiKey.findMany({
      where: includeRevoked ? {} : { revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  );
  return keys.map(readable);
}

export async function getApiKey(ctx: TenantContext, id: string): Promise<ApiKey> {
  assertCan(ctx, "apiKeys:read");
  const key = await withTenant(ctx.tenant.id, (tx) => tx.apiKey.findFirst({ where: { id } }));
  if (!key) throw AppError.notFound("API key not found.");
  return readable(key);
}

export async function revokeApiKey(ctx: TenantContext, id: string, now = new Date()): Promise<ApiKey> {
  assertCan(ctx, "apiKeys:manage");
  const key = await withTenant(ctx.tenant.id, async (tx) => {
    const existing = await tx.apiKey.findFirst({ where: { id } });
    if (!existing) throw AppError.notFound("API key not found.");
    if (existing.revokedAt) return existing;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: now } });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
      before: { name: existing.name, start: existing.start },
    });
    return revoked;
  });
  await bumpAuthEpoch(ctx.tenant.id, { tenantChanged: false });
  return key;
}

/**
 * Issues a new secret with the same name, scopes and expiry. The old secret stops working now,
 * or after `graceSeconds` so deployments can switch over.
 */
export async function rollApiKey(
  ctx: TenantContext,
  id: string,
  input: z.input<typeof rollApiKeySchema> = {},
  options: CreateKeyOptions = {},
): Promise<CreatedKey> {
  assertCan(ctx, "apiKeys:manage");
  assertActive(ctx);
  const { graceSeconds } = parseInput(rollApiKeySchema, input);
  const now = options.now ?? new Date();
  const secret = generateSecret("TENANT");
  const key = await withTenant(ctx.tenant.id, async (tx) => {
    const old = await tx.apiKey.findFirst({ where: { id } });
    if (!old) throw AppError.notFound("API key not found.");
    const status = keyStatus(old, now);
    if (status === "revoked") throw new AppError("conflict", "A revoked key cannot be rolled.");
    if (status === "expired") throw new AppError("conflict", "An expired key cannot be rolled.");
    assertGrantable(ctx, old.scopes, options);
    const parent = await lockCaller(tx, ctx, now);
    const graceEnd = new Date(now.getTime() + graceSeconds * 1000);
    await tx.apiKey.update({
      where: { id },
      data:
        graceSeconds === 0
          ? { revokedAt: now }
          : { expiresAt: old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd },
    });
    const created = await tx.apiKey.create({
      data: {
        tenantId: ctx.tenant.id,
        kind: "TENANT",
        name: old.name,
        start: visibleStart(secret),
        hash: hashSecret(secret),
        scopes: old.scopes,
        // Rolled by a key: the new key does not outlive the key that rolled it.
        expiresAt: earlier(old.expiresAt, parent?.expiresAt ?? null),
        createdById: parent ? old.createdById : ctx.user.id,
        rolledFromId: old.id,
        createdAt: now,
      },
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "api_key.rolled",
      targetType: "api_key",
      targetId: created.id,
      before: { id: old.id, start: old.start },
      after: { id: created.id, start: created.start, oldKeyWorksUntil: graceSeconds ? graceEnd : now },
    });
    return created;
  });
  await bumpAuthEpoch(ctx.tenant.id, { tenantChanged: false });
  return { key, secret };
}

// ─── Keys of members who leave ────────────────────────────────────────────────

export type DepartingMemberKeys = "revoke" | "transfer";

const activeKeyWhere = (userId: string, now: Date) => ({
  createdById: userId,
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

export interface MemberKeys {
  /** Active keys the member created (or their keys minted). */
  count: number;
  /** Whether the viewer could take them over on removal (manages keys, and every scope is within their role). */
  viewerCanTakeOver: boolean;
}

/**
 * Active keys per member who created them. Callers who may read the workspace's keys see every
 * member's; others only their own.
 */
export async function activeKeysByCreator(ctx: TenantContext, now = new Date()): Promise<Map<string, MemberKeys>> {
  const everyone = can(ctx.role, "apiKeys:read");
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.apiKey.findMany({
      where: {
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        ...(everyone ? { createdById: { not: null } } : { createdById: ctx.user.id }),
      },
      select: { createdById: true, scopes: true },
    }),
  );
  const manages = can(ctx.role, "apiKeys:manage") && !callingKeyId(ctx);
  const out = new Map<string, MemberKeys>();
  for (const row of rows) {
    const entry = out.get(row.createdById as string) ?? { count: 0, viewerCanTakeOver: manages };
    entry.count += 1;
    if (scopesBeyondRole(ctx.role, row.scopes).length > 0) entry.viewerCanTakeOver = false;
    out.set(row.createdById as string, entry);
  }
  return out;
}

/**
 * Inside the transaction that ends `userId`'s membership: their active keys (and keys their keys
 * minted, which carry the same creator) are revoked, or — by the remover's explicit choice —
 * handed to the remover, who must be a member allowed to manage keys with those scopes.
 * Returns what happened; the caller bumps the auth epoch after commit when keys were revoked.
 */
export async function settleKeysOfDepartingMember(
  tx: TenantTx,
  ctx: TenantContext,
  userId: string,
  mode: DepartingMemberKeys,
  now = new Date(),
): Promise<{ revoked: number; transferred: number }> {
  // Lock their keys first: a key being minted right now by one of them (lockCaller holds it FOR
  // SHARE) commits before this goes on, and the read below, a new statement, then sees its child.
  await tx.$queryRaw`
    SELECT id FROM api_keys
    WHERE "tenantId" = ${ctx.tenant.id} AND "createdById" = ${userId} AND "revokedAt" IS NULL FOR UPDATE`;
  const keys = await tx.apiKey.findMany({ where: activeKeyWhere(userId, now), orderBy: { createdAt: "asc" } });
  if (keys.length === 0) return { revoked: 0, transferred: 0 };
  const actor = actorOf(ctx);
  if (mode === "transfer") {
    if (callingKeyId(ctx) || !can(ctx.role, "apiKeys:manage")) {
      throw AppError.forbidden("Only a member who manages API keys can take them over; revoke them instead.");
    }
    const beyond = [...new Set(keys.flatMap((key) => scopesBeyondRole(ctx.role, key.scopes)))];
    if (beyond.length > 0) {
      throw new AppError(
        "forbidden",
        `Your role cannot own keys with ${beyond.map((s) => `“${s}”`).join(", ")}; revoke them instead.`,
        { keys: [`Scopes beyond your role: ${beyond.join(", ")}.`] },
      );
    }
    await tx.apiKey.updateMany({ where: { id: { in: keys.map((k) => k.id) } }, data: { createdById: ctx.user.id } });
    for (const key of keys) {
      await writeAudit(tx, ctx.tenant.id, actor, {
        action: "api_key.transferred",
        targetType: "api_key",
        targetId: key.id,
        before: { name: key.name, start: key.start, owner: userId },
        after: { owner: ctx.user.id },
      });
    }
    return { revoked: 0, transferred: keys.length };
  }
  await tx.apiKey.updateMany({
    where: { id: { in: keys.map((k) => k.id) }, revokedAt: null },
    data: { revokedAt: now },
  });
  for (const key of keys) {
    await writeAudit(tx, ctx.tenant.id, actor, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: key.id,
      before: { name: key.name, start: key.start, owner: userId },
      after: { reason: userId === ctx.user.id ? "member_left" : "member_removed" },
    });
  }
  return { revoked: keys.length, transferred: 0 };
}

// ─── Platform keys (operators) ────────────────────────────────────────────────

export async function createPlatformKey(
  operator: Actor & { id: string },
  input: z.input<typeof createPlatformKeySchema>,
): Promise<CreatedKey> {
  const data = parseInput(createPlatformKeySchema, input);
  const secret = generateSecret("PLATFORM");
  const db = await getDb();
  const key = await db.apiKey.create({
    data: {
      tenantId: null,
      kind: "PLATFORM",
      name: data.name,
      start: visibleStart(secret),
      hash: hashSecret(secret),
      scopes: data.scopes,
      expiresAt: data.expiresAt ?? null,
      createdById: operator.id,
    },
  });
  logger.info("platform key created", { keyId: key.id, start: key.start, by: operator.email });
  return { key, secret };
}

export async function listPlatformKeys(operator: Operator): Promise<ApiKey[]> {
  assertOperator(operator);
  const db = await getDb();
  return db.apiKey.findMany({ where: { kind: "PLATFORM" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

export async function revokePlatformKey(operator: Actor, id: string, now = new Date()): Promise<ApiKey> {
  const db = await getDb();
  const existing = await db.apiKey.findFirst({ where: { id, kind: "PLATFORM" } });
  if (!existing) throw AppError.notFound("API key not found.");
  if (existing.revokedAt) return existing;
  const key = await db.apiKey.update({ where: { id }, data: { revokedAt: now } });
  logger.info("platform key revoked", { keyId: id, by: operator.email });
  await bumpAuthEpoch(null);
  return key;
}
