// v1 resources: the JSON shapes (zod, with OpenAPI component ids) and the mappers from rows.
// Enum values are lower-case in the API ("professional", "admin"), upper-case in the database.
import { z } from "zod";

import type { OperatorTurnOutcome } from "../../assistants/operator";
import type { Tenant } from "../../db/generated/client";
import type { Role, Tier } from "../../db/generated/enums";
import { env } from "../../env";
import type { CreatedInvitation, PendingInvitation } from "../../tenancy/invitations";
import type { MemberRow } from "../../lifecycle/members";
import { ROLES } from "../../tenancy/permissions";
import { API_RATE_WINDOW_MS, effectiveTier, TIER_DEFINITIONS, TIERS } from "../../tenancy/tiers";
import type { UsageSummary } from "../../usage/summary";
import { isoDateTime, isoDateTimeOrNull } from "@/lib/iso";

function lowerCase<T extends string>(values: readonly T[]) {
  return values.map((value) => value.toLowerCase()) as [Lowercase<T>, ...Lowercase<T>[]];
}

export const apiTier = z.enum(lowerCase(TIERS)).meta({ id: "Tier", description: "A plan tier." });
export const apiRole = z.enum(lowerCase(ROLES)).meta({ id: "Role", description: "A member's role." });
export const apiTenantStatus = z.enum(["active", "suspended", "deleted"]).meta({ id: "TenantStatus" });

export const toApiEnum = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;
export const fromApiTier = <T extends Lowercase<Tier>>(value: T) => value.toUpperCase() as Uppercase<T>;
export const fromApiRole = <R extends Lowercase<Role>>(value: R) => value.toUpperCase() as Uppercase<R>;

const isoDate = z.iso.datetime();
const iso = isoDateTime;
const isoOrNull = isoDateTimeOrNull;

// ─── Tenant ───────────────────────────────────────────────────────────────────

export const tenantLimits = z
  .object({
    users: z.number().int().nullable().describe("Members plus pending invitations; null = unlimited."),
    ai_agents: z.number().int().nullable(),
    api_calls_per_month: z.number().int().nullable(),
    storage_bytes: z.number().int().nullable(),
    api_requests_per_10s: z.number().int().describe("Burst limit per API key over a sliding 10-second window."),
    ai_tokens_per_month: z.number().int().nullable().describe("AI tokens included per month; null = unlimited."),
  })
  .meta({ id: "TenantLimits", description: "The limits of the effective tier." });

export const tenantResource = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    tier: apiTier.describe("The tier paid for."),
    effective_tier: apiTier.describe("The tier whose limits apply now: the trial's while it runs."),
    trial_tier: apiTier.nullable(),
    trial_ends_at: isoDate.nullable(),
    status: apiTenantStatus,
    limits: tenantLimits,
    created_at: isoDate,
  })
  .meta({ id: "Tenant" });

export function toTenantResource(tenant: Tenant, now = new Date()): z.infer<typeof tenantResource> {
  const tier = effectiveTier(tenant, now);
  const limits = TIER_DEFINITIONS[tier].limits;
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    tier: toApiEnum(tenant.tier),
    effective_tier: toApiEnum(tier),
    trial_tier: tenant.trialTier ? toApiEnum(tenant.trialTier) : null,
    trial_ends_at: isoOrNull(tenant.trialEndsAt),
    status: toApiEnum(tenant.status),
    limits: {
      users: limits.users,
      ai_agents: limits.aiAgents,
      api_calls_per_month: limits.apiCallsPerMonth,
      storage_bytes: limits.storageBytes,
      // The enforced burst limit (the same number X-RateLimit-Limit reports).
      api_requests_per_10s: Math.round(
        ((limits.apiRequestsPerWindow * 10_000) / API_RATE_WINDOW_MS) * env.API_RATE_LIMIT_MULTIPLIER,
      ),
      ai_tokens_per_month: limits.aiTokensPerMonth,
    },
    created_at: iso(tenant.createdAt),
  };
}

export const platformTenantResource = tenantResource
  .extend({
    suspended_reason: z.string().nullable(),
    deleted_at: isoDate.nullable(),
    purge_after: isoDate.nullable().describe("A soft-deleted tenant can be restored until then."),
    member_count: z.number().int(),
    owner_email: z.string().nullable().describe("null until an invited owner accepts."),
  })
  .meta({ id: "PlatformTenant" });

export interface PlatformTenantRow extends Tenant {
  _count: { memberships: number };
  memberships: { user: { email: string } }[];
}

export function toPlatformTenantResource(row: PlatformTenantRow, now = new Date()) {
  return {
    ...toTenantResource(row, now),
    suspended_reason: row.suspendedReason,
    deleted_at: isoOrNull(row.deletedAt),
    purge_after: isoOrNull(row.purgeAfter),
    member_count: row._count.memberships,
    owner_email: row.memberships[0]?.user.email ?? null,
  };
}

export const createdTenantResource = platformTenantResource
  .extend({
    owner_invitation: z
      .object({
        id: z.string(),
        email: z.string(),
        expires_at: isoDate,
        emailed: z.boolean().describe("false when no mail transport is configured: pass the link on yourself."),
        link: z.string().describe("The acceptance link. Shown once."),
      })
      .nullable()
      .describe("Set when owner_email has no account with a verified address yet: an owner invitation was issued."),
  })
  .meta({ id: "CreatedTenant" });

export function toOwnerInvitation(invitation: CreatedInvitation | null) {
  if (!invitation) return null;
  return {
    id: invitation.id,
    email: invitation.email,
    expires_at: iso(invitation.expiresAt),
    emailed: invitation.emailed,
    link: invitation.link,
  };
}

// ─── Members and invitations ──────────────────────────────────────────────────

export const memberResource = z
  .object({
    user_id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: apiRole,
    joined_at: isoDate,
  })
  .meta({ id: "Member" });

export function toMemberResource(row: MemberRow): z.infer<typeof memberResource> {
  return {
    user_id: row.userId,
    email: row.email,
    name: row.name,
    role: toApiEnum(row.role),
    joined_at: iso(row.joinedAt),
  };
}

export const invitationResource = z
  .object({
    id: z.string(),
    email: z.string(),
    role: apiRole,
    expires_at: isoDate,
    created_at: isoDate,
  })
  .meta({ id: "Invitation" });

/** The fields a pending and a just-created invitation share. */
function invitationFields(row: Pick<PendingInvitation, "id" | "email" | "role" | "expiresAt">) {
  return { id: row.id, email: row.email, role: toApiEnum(row.role), expires_at: iso(row.expiresAt) };
}

export function toInvitationResource(row: PendingInvitation): z.infer<typeof invitationResource> {
  return { ...invitationFields(row), created_at: iso(row.createdAt) };
}

export const createdInvitationResource = invitationResource
  .omit({ created_at: true })
  .extend({ emailed: z.boolean().describe("Whether the invitation email went out (false without a mail transport).") })
  .meta({ id: "CreatedInvitation" });

export function toCreatedInvitationResource(row: CreatedInvitation): z.infer<typeof createdInvitationResource> {
  return { ...invitationFields(row), emailed: row.emailed };
}

// ─── Usage ────────────────────────────────────────────────────────────────────

export const usageDimensionResource = z
  .object({
    id: z.enum(["api_calls", "users", "ai_agents", "storage", "ai_tokens"]),
    label: z.string(),
    used: z.number(),
    limit: z.number().nullable().describe("null = unlimited."),
    unit: z.enum(["count", "bytes"]),
    ratio: z.number().describe("used / limit; 0 when unlimited."),
    level: z.enum(["ok", "warning", "exceeded"]).describe("warning from 80 %, exceeded at 100 %."),
  })
  .meta({ id: "UsageDimension" });

export const usageSummaryResource = z
  .object({
    period_start: isoDate,
    period_end: isoDate,
    tier: apiTier.describe("The effective tier."),
    dimensions: z.array(usageDimensionResource),
    daily: z
      .array(z.object({ date: z.iso.date(), calls: z.number().int() }))
      .describe("UTC days of the period so far."),
    by_key: z.array(
      z.object({
        api_key_id: z.string().nullable().describe("null for calls made by signed-in members."),
        name: z.string(),
        start: z.string().nullable(),
        revoked: z.boolean(),
        calls: z.number().int(),
      }),
    ),
    by_route: z.array(z.object({ route: z.string(), calls: z.number().int() })),
  })
  .meta({ id: "UsageSummary" });

export function toUsageSummaryResource(summary: UsageSummary): z.infer<typeof usageSummaryResource> {
  return {
    period_start: iso(summary.periodStart),
    period_end: iso(summary.periodEnd),
    tier: toApiEnum(summary.tier),
    dimensions: summary.dimensions,
    daily: summary.daily,
    by_key: summary.byKey.map((key) => ({
      api_key_id: key.apiKeyId,
      name: key.name,
      start: key.start,
      revoked: key.revoked,
      calls: key.calls,
    })),
    by_route: summary.byRoute,
  };
}

/** What every assistant turn answers with, the workspace's chat and the operator's alike. */
export function toAssistantReply(outcome: OperatorTurnOutcome) {
  return {
    message: { id: outcome.messageId, role: "assistant" as const, content: outcome.text },
    engine: {
      provider: outcome.engine.provider,
      model: outcome.engine.modelId,
      offline: outcome.engine.offline,
      label: outcome.engine.label,
    },
    confidence: outcome.assessment.confidence,
    assessment: outcome.assessment,
    suggestions: outcome.assessment.suggestions,
    usage: { input_tokens: outcome.usage.inputTokens, output_tokens: outcome.usage.outputTokens },
    error: outcome.error,
  };
}
