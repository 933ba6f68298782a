// API key input and output schemas: used by the workspace forms, the v1 routes and OpenAPI.
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { isoDateTime, isoDateTimeOrNull } from "@/lib/iso";

import { PLATFORM_SCOPE_LIST, TENANT_SCOPE_LIST } from "./scopes";
import type { ApiKeyFields } from "./status";

export const keyNameSchema = singleLineText().min(1, "Give the key a name.").max(64, "At most 64 characters.");

/** A key expires at most this long after it is created (or rolled). */
export const MAX_KEY_LIFETIME_YEARS = 10;

/** The latest expiry a key created now may have: now + 10 years (calendar years, UTC). */
export function latestKeyExpiry(now = new Date()): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_KEY_LIFETIME_YEARS);
  return latest;
}

const EXPIRY_FORMAT = "Enter a date and time in ISO 8601 with a time zone, e.g. 2027-01-31T00:00:00Z.";

/** Checks an expiry is after now and at most ten years ahead (the same rule for every caller). */
function expiryInRange(date: Date, ctx: z.RefinementCtx): void {
  const now = new Date();
  if (Number.isNaN(date.getTime())) ctx.addIssue({ code: "custom", message: EXPIRY_FORMAT });
  else if (date.getTime() <= now.getTime())
    ctx.addIssue({ code: "custom", message: "The expiry must be in the future." });
  else if (date.getTime() > latestKeyExpiry(now).getTime()) {
    ctx.addIssue({ code: "custom", message: `The expiry can be at most ${MAX_KEY_LIFETIME_YEARS} years from now.` });
  }
}

/**
 * An expiry as the API takes it: an ISO 8601 date-time string with a time zone ("Z" or an
 * offset), between now and ten years from now. Numbers, bare years ("42") and dates outside
 * four-digit years are refused before anything is written.
 */
export const expiryInput = z.iso
  .datetime({ offset: true, error: EXPIRY_FORMAT })
  .transform((value) => new Date(value))
  .superRefine(expiryInRange);

/** The domain's expiry: a Date (forms) or an API date-time string, null for "never". */
const expiresAtSchema = z
  .union([z.date({ error: EXPIRY_FORMAT }).superRefine(expiryInRange), expiryInput], { error: EXPIRY_FORMAT })
  .nullable()
  .optional();

function scopesSchema<T extends string>(allowed: readonly [T, ...T[]]) {
  return z
    .array(z.enum(allowed), { error: "Choose at least one scope." })
    .min(1, "Choose at least one scope.")
    .max(allowed.length)
    .transform((scopes) => [...new Set(scopes)]);
}

export const createApiKeySchema = z.object({
  name: keyNameSchema,
  scopes: scopesSchema(TENANT_SCOPE_LIST as [string, ...string[]]),
  expiresAt: expiresAtSchema,
});

export const createPlatformKeySchema = z.object({
  name: keyNameSchema,
  scopes: scopesSchema(PLATFORM_SCOPE_LIST as [string, ...string[]]),
  expiresAt: expiresAtSchema,
});

export const rollApiKeySchema = z.object({
  /** How long the old secret keeps working after the roll (0 = revoked now, up to 7 days). */
  graceSeconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(0),
});

const isoDate = z.iso.datetime();

export const apiKeyResource = z
  .object({
    id: z.string(),
    kind: z.enum(["tenant", "platform"]),
    name: z.string(),
    start: z.string().describe("The first characters of the secret, to tell keys apart."),
    scopes: z.array(z.string()),
    created_at: isoDate,
    last_used_at: isoDate.nullable(),
    expires_at: isoDate.nullable(),
    revoked_at: isoDate.nullable(),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeyResource = apiKeyResource
  .extend({ secret: z.string().describe("The full secret. Shown once: store it now.") })
  .meta({ id: "CreatedApiKey" });

export type ApiKeyResource = z.infer<typeof apiKeyResource>;

export interface ApiKeyRowLike extends ApiKeyFields {
  kind: "TENANT" | "PLATFORM";
  revokedAt: Date | null;
}

export function toApiKeyResource(row: ApiKeyRowLike): ApiKeyResource {
  return {
    id: row.id,
    kind: row.kind === "PLATFORM" ? "platform" : "tenant",
    name: row.name,
    start: row.start,
    scopes: row.scopes,
    created_at: isoDateTime(row.createdAt),
    last_used_at: isoDateTimeOrNull(row.lastUsedAt),
    expires_at: isoDateTimeOrNull(row.expiresAt),
    revoked_at: isoDateTimeOrNull(row.revokedAt),
  };
}
