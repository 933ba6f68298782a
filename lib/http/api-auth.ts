// Who is calling /api/v1, and may they: key or session → tenant, scopes, tier; then the gate.
// Redis-down policy (docs/decisions.md): burst limit, quota and usage counting fail open (the
// API stays up, tessera_redis_unavailable_total counts it); revocation never fails open: without
// Redis every call re-reads its key from PostgreSQL.
import "server-only";

import type { ApiRouteDef } from "../api/define";
import { epochScope } from "../api-keys/epoch";
import { lookupKey, touchKey, type KeyTenant, type ResolvedKey } from "../api-keys/lookup";
import { scopesForRole } from "../api-keys/scopes";
import { getRedis } from "../cache/redis";
import { getDb } from "../db/client";
import type { Tier } from "../db/generated/enums";
import { env } from "../env";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { buildTenantContext, type SessionUser, type TenantContext } from "../tenancy/context";
import { API_RATE_WINDOW_MS, effectiveTier, TIER_DEFINITIONS } from "../tenancy/tiers";
import { runGate, type GateInput, type GateResult } from "../usage/gate";
import { nextMonthStart } from "../usage/keys";
import { noteActiveTenant } from "../usage/flush";
import { flushedCallsThisMonth } from "../usage/quota";
import { AppError } from "@/lib/errors";
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

const GATE_TIMEOUT_MS = 1_000;
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

async function gateWithTimeout(input: GateInput): Promise<GateResult> {
  const redis = await getRedis();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      runGate(redis, input),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("gate timed out")), GATE_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface Limits {
  burst: number;
  quota: number | null;
  /** false while a paid subscription is live: calls beyond the quota go through and are billed as overage. */
  enforceQuota: boolean;
}

function limitsFor(tier: Tier | null, overageBilling = false): Limits {
  if (!tier)
    return {
      burst: Math.round(TIER_DEFINITIONS.ENTERPRISE.limits.apiRequestsPerWindow * env.API_RATE_LIMIT_MULTIPLIER),
      quota: null,
      enforceQuota: false,
    };
  const limits = TIER_DEFINITIONS[tier].limits;
  return {
    burst: Math.round(limits.apiRequestsPerWindow * env.API_RATE_LIMIT_MULTIPLIER),
    quota: limits.apiCallsPerMonth,
    enforceQuota: !overageBilling,
  };
}

function limitHeaders(limits: Limits, result: GateResult, now: Date): Record<string, string> {
  const windowEnd = (Math.floor(now.getTime() / API_RATE_WINDOW_MS) + 1) * API_RATE_WINDOW_MS;
  const headers: Record<string, string> = {
    "x-ratelimit-limit": String(limits.burst),
    "x-ratelimit-remaining": String(Math.max(0, limits.burst - result.burstUsed)),
    "x-ratelimit-reset": String(Math.ceil(windowEnd / 1000)),
  };
  if (limits.quota !== null) {
    headers["x-quota-limit"] = String(limits.quota);
    headers["x-quota-remaining"] = String(Math.max(0, limits.quota - result.quotaUsed));
    headers["x-quota-reset"] = String(Math.floor(nextMonthStart(now).getTime() / 1000));
    // Beyond the quota on a paid plan: the call went through and is billed as metered overage.
    if (!limits.enforceQuota && result.quotaUsed > limits.quota) {
      headers["x-quota-overage"] = String(result.quotaUsed - limits.quota);
    }
  }
  return headers;
}

/** A 429 that carries the limit headers the response must send. */
export class LimitError extends AppError {
  readonly headers: Record<string, string>;

  constructor(message: string, details: Record<string, unknown>, headers: Record<string, string>) {
    super("rate_limited", message, details);
    this.headers = headers;
    // Each refusal builds one LimitError: count it by its (bounded) reason.
    const reason = typeof details.reason === "string" ? details.reason : "other";
    metrics().rateLimited.inc({ reason });
  }
}

function rejection(limits: Limits, result: GateResult, now: Date): LimitError {
  const headers = limitHeaders(limits, result, now);
  if (result.status === "quota_exceeded") {
    const reset = nextMonthStart(now);
    return new LimitError(
      `The monthly quota of ${limits.quota} API calls is used up; it resets on ${reset.toISOString().slice(0, 10)}.`,
      { reason: "monthly_quota", limit: limits.quota, reset_at: reset.toISOString() },
      {
        ...headers,
        "x-ratelimit-limit": String(limits.quota),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(reset.getTime() / 1000)),
        "retry-after": String(Math.max(1, Math.ceil((reset.getTime() - now.getTime()) / 1000))),
      },
    );
  }
  const reset = Number(headers["x-ratelimit-reset"]) * 1000;
  return new LimitError(
    `Too many requests: at most ${limits.burst} per ${API_RATE_WINDOW_MS / 1000} seconds for this key.`,
    { reason: "burst_limit", limit: limits.burst, window_seconds: API_RATE_WINDOW_MS / 1000 },
    {
      ...headers,
      "x-ratelimit-remaining": "0",
      "retry-after": String(Math.max(1, Math.ceil((reset - now.getTime()) / 1000))),
    },
  );
}

interface GateCall {
  scope: string;
  subject: string;
  tenantId: string | null;
  limits: Limits;
  usageField: string;
  now: Date;
}

/** Runs the gate; resolves a stale epoch through `refresh` and an unknown quota from PostgreSQL. */
async function passGate(
  call: GateCall,
  epoch: string,
  refresh: (epoch: string) => Promise<void>,
): Promise<Record<string, string>> {
  let quotaSeed: number | undefined;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const result = await gateWithTimeout({
      scope: call.scope,
      subject: call.subject,
      epoch,
      burstLimit: call.limits.burst,
      windowMs: API_RATE_WINDOW_MS,
      tenantId: call.tenantId,
      quotaLimit: call.limits.enforceQuota ? call.limits.quota : null,
      usageField: call.usageField,
      quotaSeed,
      now: call.now,
    });
    if (result.status === "ok") return limitHeaders(call.limits, result, call.now);
    if (result.status === "stale") {
      epoch = result.epoch;
      await refresh(epoch);
      continue;
    }
    if (result.status === "quota_unknown" && call.tenantId) {
      quotaSeed = await flushedCallsThisMonth(call.tenantId, call.now);
      continue;
    }
    throw rejection(call.limits, result, call.now);
  }
  throw new AppError("unavailable", "The API is busy; try again.");
}

let lastRedisWarning = 0;

function redisDown(error: unknown, requestId: string): void {
  metrics().redisFallback.inc({ purpose: "api_gate", decision: "fail_open" });
  // One line per 10 s at most: an outage must not flood the log (the metric counts every call).
  if (Date.now() - lastRedisWarning < 10_000) return;
  lastRedisWarning = Date.now();
  logger.warn("API gate: Redis unavailable, limits not applied", { requestId, error });
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
