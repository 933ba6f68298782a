import { z } from "zod";

import {
  apiKeyResource,
  createApiKeySchema,
  createdApiKeyResource,
  expiryInput,
  keyNameSchema,
  MAX_KEY_LIFETIME_YEARS,
  rollApiKeySchema,
} from "../../api-keys/schemas";
import { defineRoute } from "../define";
import { idParams, listOf, paginationQuery } from "./common";
import { keysetCursor } from "@/lib/cursor";

export const listApiKeys = defineRoute({
  operationId: "listApiKeys",
  method: "GET",
  path: "/api/v1/api-keys",
  tag: "API keys",
  summary: "List API keys",
  audience: "tenant",
  scope: "api_keys:read",
  query: paginationQuery.extend({
    cursor: keysetCursor,
    status: z.enum(["active", "revoked", "all"]).default("all").describe("Filter by state."),
  }),
  response: listOf(apiKeyResource, "ApiKey"),
});

const expiresAtField = expiryInput.nullable().optional();

/**
 * The body of POST /api/v1/api-keys. `expires_at` is the field; `expiresAt` (the one camelCase
 * field the API had) is still accepted, documented as deprecated. The handler gets `expiresAt`.
 */
export const createApiKeyBody = z
  .object({
    name: keyNameSchema,
    scopes: createApiKeySchema.shape.scopes,
    expires_at: expiresAtField.describe(
      `When the key stops working: an ISO 8601 date-time with a time zone, after now and at most ${MAX_KEY_LIFETIME_YEARS} ` +
        "years ahead. Omitted or null: the key does not expire.",
    ),
    expiresAt: expiresAtField.meta({ deprecated: true }).describe("Deprecated: the old name of expires_at."),
  })
  .superRefine((body, ctx) => {
    if (body.expires_at !== undefined && body.expiresAt !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["expiresAt"],
        message: "Send expires_at only (expiresAt is its deprecated name).",
      });
    }
  })
  .transform(({ expires_at, expiresAt, ...rest }) => ({ ...rest, expiresAt: expires_at ?? expiresAt ?? null }))
  .meta({ id: "CreateApiKey" });

export const createApiKey = defineRoute({
  operationId: "createApiKey",
  method: "POST",
  path: "/api/v1/api-keys",
  tag: "API keys",
  summary: "Create an API key",
  description: "The secret is in the response once. A key cannot grant scopes the calling key lacks.",
  audience: "tenant",
  scope: "api_keys:write",
  body: createApiKeyBody,
  response: createdApiKeyResource,
  status: 201,
});

export const getApiKey = defineRoute({
  operationId: "getApiKey",
  method: "GET",
  path: "/api/v1/api-keys/{id}",
  tag: "API keys",
  summary: "Get an API key",
  audience: "tenant",
  scope: "api_keys:read",
  params: idParams,
  response: apiKeyResource,
  errors: ["not_found"],
});

export const revokeApiKey = defineRoute({
  operationId: "revokeApiKey",
  method: "DELETE",
  path: "/api/v1/api-keys/{id}",
  tag: "API keys",
  summary: "Revoke an API key",
  description: "Takes effect on the very next request, on every server.",
  audience: "tenant",
  scope: "api_keys:write",
  params: idParams,
  response: apiKeyResource,
  errors: ["not_found"],
});

export const rollApiKey = defineRoute({
  operationId: "rollApiKey",
  method: "POST",
  path: "/api/v1/api-keys/{id}/roll",
  tag: "API keys",
  summary: "Roll an API key",
  description:
    "Issues a new secret with the same name, scopes and expiry; the old one stops working now or after grace_seconds.",
  audience: "tenant",
  scope: "api_keys:write",
  params: idParams,
  body: z.object({ grace_seconds: rollApiKeySchema.shape.graceSeconds }).optional(),
  response: createdApiKeyResource,
  status: 201,
  errors: ["not_found", "conflict"],
});
