// Who is calling /api/v1, and may they: key or session → tenant, scopes, tier; then the gate of
// lib/http/api-limits.ts (burst limit, quota and their headers). Redis-down policy
// (docs/decisions.md): limits and usage counting fail open (the API stays up); revocation never
// fails open: without Redis every call re-reads its key from PostgreSQL.
import "server-only";

import type { ApiRouteDef } from "../api/define";
import { epochScope } from "../api-keys/epoch";
import { lookupKey, touchKey, type KeyTenant, type ResolvedKey } from "../api-keys/lookup";
import { scopesForRole } from "../api-keys/scopes";
import { getDb } from "../db/client";
import type { Tier } from "../db/generated/enums";
import { buildTenantContext, type SessionUser, type TenantContext } from "../tenancy/context";
import { effectiveTier } from "../tenancy/tiers";
import { noteActiveTenant } from "../usage/flush";
import { AppError } from "@/lib/errors";
import { limitsFor, passGate, redisDown } from "./api-limits";
import { operatorFromPlatformKey, operatorFromUser, type Operator } from "./operator";
import { getCurrentUser } from "./session";
import { resolveTenantContext } from "./tenant";
import { group } from "@/lib/indexed";

export interface ApiContext {
  requestId: string;
  via: "api_key" | "session";
  apiKey: ResolvedKey | null;
  /** The signed-in user (session calls only). */
  user: SessionUser | null;
  /** The caller's workspace (tenant routes); null on platform routes. */
  tenant: KeyTenant | null;
  tier: Tier | null;
  scopes: ReadonlySet<string>;
  /** The TenantContext lib/tenancy functions take (loads the full tenant row once). */
  tenantContext(): Promise<TenantContext>;
  /** The authorised operator of a platform route (a platform key or an operator's session); throws elsewhere. */
  operator(): Operator;
}

const notPlatform = (): never => {
  throw AppError.forbidden("This endpoint is for platform operators.");
};

export interface ApiAuth {
  ctx: ApiContext;
  headers: Record<string, string>;
}

export const TENANT_HEADER = "tessera-tenant";

function bearer(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw AppError.unauthorized("Send the API key as “Authorization: Bearer <key>”.");
  return group(match, 1);
}

function assertUsable(key: ResolvedKey | null, def: ApiRouteDef, now: Date): asserts key is ResolvedKey {
  if (!key) throw AppError.unauthorized("The API key is not valid.");
  if (key.revoked) throw AppError.unauthorized("The API key has been revoked.");
  if (key.expiresAt && key.expiresAt <= now) throw AppError.unauthorized("The API key has expired.");
  if (key.tenant && key.tenant.status === "DELETED") throw AppError.unauthorized("The API key is not valid.");
  if (def.audience === "platform" && key.kind !== "PLATFORM") {
    throw AppError.forbidden("This endpoint needs a platform key.");
  }
  if (def.audience === "tenant" && key.kind !== "TENANT") {
    throw AppError.forbidden("Platform keys can only call the tenants API.");
  }
  if (key.tenant?.status === "SUSPENDED") {
    throw AppError.forbidden("This workspace is suspended. Contact support to reactivate it.");
  }
  if (def.scope && !key.scopes.has(def.scope)) {
    throw new AppError("forbidden", `This API key lacks the “${def.scope}” scope.`, { required_scope: def.scope });
  }
}

async function loadTenant(id: string) {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id } });
  if (!tenant) throw AppError.unauthorized("The API key is not valid.");
  return tenant;
}

async function authenticateKey(secret: string, def: ApiRouteDef, label: string, requestId: string): Promise<ApiAuth> {
  const now = new Date();
  const lookup = await lookupKey(secret, now.getTime());
  let key = lookup.key;
  assertUsable(key, def, now);
  const tier = () => (key!.tenant ? effectiveTier(key!.tenant, now) : null);
  let headers: Record<string, string> = {};
  try {
    headers = await passGate(
      {
        scope: epochScope(key.tenant?.id ?? null),
        subject: key.id,
        tenantId: key.tenant?.id ?? null,
        limits: limitsFor(tier(), key.tenant?.overageBilling),
        usageField: `${key.id}|${label}`,
        now,
      },
      lookup.epoch,
      async (epoch) => {
        key = await lookup.refresh(epoch);
        assertUsable(key, def, now);
      },
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    redisDown(error, requestId);
    key = await lookup.refresh("");
    assertUsable(key, def, now);
  }
  const resolved = key;
  touchKey(resolved, now);
  if (resolved.tenant) noteActiveTenant(resolved.tenant.id, now);
  let tenantContext: Promise<TenantContext> | undefined;
  const operator = def.audience === "platform" ? operatorFromPlatformKey(resolved) : null;
  return {
    headers,
    ctx: {
      requestId,
      via: "api_key",
      apiKey: resolved,
      user: null,
      tenant: resolved.tenant,
      tier: tier(),
      scopes: resolved.scopes,
      tenantContext: () => {
        if (!resolved.tenant) throw AppError.forbidden("This endpoint needs a tenant key.");
        const user: SessionUser = {
          id: `key:${resolved.id}`,
          email: `api-key:${resolved.start}`,
          name: resolved.name,
          isPlatformAdmin: false,
        };
        // Keys act with at most an admin's powers; the route's scope already authorised the call.
        tenantContext ??= loadTenant(resolved.tenant.id).then((tenant) =>
          buildTenantContext(user, tenant, "ADMIN", now),
        );
        return tenantContext;
      },
      operator: () => operator ?? notPlatform(),
    },
  };
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Auth.js's session cookie ("authjs.session-token", "__Secure-" prefixed over HTTPS). */
function hasSessionCookie(request: Request): boolean {
  return /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/.test(request.headers.get("cookie") ?? "");
}

async function authenticateSession(
  request: Request,
  def: ApiRouteDef,
  label: string,
  requestId: string,
): Promise<ApiAuth> {
  const user = hasSessionCookie(request) ? await getCurrentUser() : null;
  if (!user) throw AppError.unauthorized("Send an API key as “Authorization: Bearer <key>”.");
  if (request.method !== "GET" && !sameOrigin(request)) {
    throw AppError.forbidden("Cross-site requests with a session cookie are refused; use an API key.");
  }
  const now = new Date();
  if (def.audience === "platform") {
    if (!user.isPlatformAdmin) throw AppError.forbidden("This endpoint is for platform operators.");
    const operator = operatorFromUser(user);
    const ctx: ApiContext = {
      requestId,
      via: "session",
      apiKey: null,
      user,
      tenant: null,
      tier: null,
      scopes: new Set(["platform:read", "platform:write"]),
      tenantContext: () => Promise.reject(AppError.forbidden("This endpoint needs a workspace.")),
      operator: () => operator,
    };
    return { ctx, headers: {} };
  }
  const slug = request.headers.get(TENANT_HEADER) ?? new URL(request.url).searchParams.get("tenant");
  if (!slug) {
    throw new AppError(
      "bad_request",
      `Name the workspace in the ${"Tessera-Tenant"} header when calling with a session.`,
    );
  }
  const tenantContext = await resolveTenantContext(user, slug);
  if (!tenantContext) throw AppError.notFound("Workspace not found.");
  if (tenantContext.tenant.status === "SUSPENDED") {
    throw AppError.forbidden("This workspace is suspended. Contact support to reactivate it.");
  }
  const scopes = new Set<string>(scopesForRole(tenantContext.role));
  if (def.scope && !scopes.has(def.scope)) throw AppError.forbidden();
  let headers: Record<string, string> = {};
  try {
    headers = await passGate(
      {
        scope: epochScope(tenantContext.tenant.id),
        subject: `u:${user.id}`,
        tenantId: tenantContext.tenant.id,
        limits: limitsFor(tenantContext.tier, tenantContext.tenant.overageBilling),
        usageField: `|${label}`,
        now,
      },
      "*",
      async () => {},
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    redisDown(error, requestId);
  }
  noteActiveTenant(tenantContext.tenant.id, now);
  const { tenant } = tenantContext;
  return {
    headers,
    ctx: {
      requestId,
      via: "session",
      apiKey: null,
      user,
      tenant: {
        id: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        status: tenant.status,
        tier: tenant.tier,
        trialTier: tenant.trialTier,
        trialEndsAt: tenant.trialEndsAt,
        overageBilling: tenant.overageBilling,
      },
      tier: tenantContext.tier,
      scopes,
      tenantContext: async () => tenantContext,
      operator: notPlatform,
    },
  };
}

export async function authenticateApiCall(
  request: Request,
  def: ApiRouteDef,
  label: string,
  requestId: string,
): Promise<ApiAuth> {
  const secret = bearer(request);
  return secret ? authenticateKey(secret, def, label, requestId) : authenticateSession(request, def, label, requestId);
}
