// Managing API keys: create (secret shown once, hash stored), list, revoke, roll. Tenant keys
// live in the workspace (RLS applies); platform keys are minted by operators for the tenants API.
import type { z } from "zod";

import { getDb } from "../db/client";
import type { ApiKey } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { AppError, parseInput } from "../http/errors";
import { assertOperator, type Operator } from "../http/operator";
import { logger } from "../observability/logger";
import { writeAudit, type Actor } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
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
    const created = await tx.apiKey.create({
      data: {
        tenantId: ctx.tenant.id,
        kind: "TENANT",
        name: data.name,
        start: visibleStart(secret),
        hash: hashSecret(secret),
        scopes: data.scopes,
        expiresAt: data.expiresAt ?? null,
        createdById: ctx.user.id.startsWith("key:") ? null : ctx.user.id,
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

export async function listApiKeys(ctx: TenantContext, { includeRevoked = true } = {}): Promise<ApiKey[]> {
  assertCan(ctx, "apiKeys:read");
  return withTenant(ctx.tenant.id, (tx) =>
    tx.apiKey.findMany({
      where: includeRevoked ? {} : { revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  );
}

export async function getApiKey(ctx: TenantContext, id: string): Promise<ApiKey> {
  assertCan(ctx, "apiKeys:read");
  const key = await withTenant(ctx.tenant.id, (tx) => tx.apiKey.findFirst({ where: { id } }));
  if (!key) throw AppError.notFound("API key not found.");
  return key;
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
  await bumpAuthEpoch(ctx.tenant.id);
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
        expiresAt: old.expiresAt,
        createdById: ctx.user.id.startsWith("key:") ? old.createdById : ctx.user.id,
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
  await bumpAuthEpoch(ctx.tenant.id);
  return { key, secret };
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
