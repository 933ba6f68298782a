// API key input and output schemas: used by the workspace forms, the v1 routes and OpenAPI.
import { z } from "zod";

import { PLATFORM_SCOPE_LIST, TENANT_SCOPE_LIST } from "./scopes";
import type { ApiKeyFields } from "./status";

export const keyNameSchema = z.string().trim().min(1, "Give the key a name.").max(64, "At most 64 characters.");

const expiresAtSchema = z.coerce
  .date({ error: "Enter a date and time (ISO 8601)." })
  .refine((date) => date.getTime() > Date.now(), "The expiry must be in the future.")
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
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
