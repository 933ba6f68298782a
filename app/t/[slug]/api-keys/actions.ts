"use server";
// API key management. Each action is a public endpoint: tenantAction authenticates, resolves the
// workspace from the bound slug and checks "apiKeys:manage"; lib/api-keys checks again, keeps
// scopes within the caller's role and writes the audit log. Secrets are returned once, here.
// Bind the slug on the client: `createApiKeyAction.bind(null, slug)`.
import { z } from "zod";

import { createApiKey, revokeApiKey, rollApiKey } from "@/lib/api-keys/keys";
import { tenantAction, type FormInput } from "@/lib/http/action";
import { parseInput } from "@/lib/http/errors";

import {
  EXPIRY_CHOICES,
  GRACE_CHOICES,
  SCOPE_FIELD_PREFIX,
  type IssuedKey,
} from "@/components/workspace/api-keys/form-contract";

const DAY_MS = 86_400_000;

const targetSchema = z.object({ keyId: z.string().trim().min(1, "No key given.").max(64) });
const expirySchema = z.enum(EXPIRY_CHOICES.map((c) => c.value) as [string, ...string[]], {
  error: "Choose when the key expires.",
});
const graceSchema = z.enum(GRACE_CHOICES.map((c) => String(c.seconds)) as [string, ...string[]], {
  error: "Choose how long the old key keeps working.",
});

/** Checked scope boxes are posted as "scope:<id>" = "on" (a form posts one value per name). */
function scopesOf(input: FormInput): string[] {
  return Object.keys(input)
    .filter((name) => name.startsWith(SCOPE_FIELD_PREFIX) && input[name] === "on")
    .map((name) => name.slice(SCOPE_FIELD_PREFIX.length));
}

export const createApiKeyAction = tenantAction<IssuedKey>("api_keys.create", "apiKeys:manage", async (ctx, input) => {
  const { expiresInDays } = parseInput(z.object({ expiresInDays: expirySchema }), {
    expiresInDays: input.expiresInDays ?? "never",
  });
  const days = expiresInDays === "never" ? null : Number(expiresInDays);
  const { key, secret } = await createApiKey(ctx, {
    name: input.name ?? "",
    scopes: scopesOf(input),
    expiresAt: days === null ? null : new Date(Date.now() + days * DAY_MS),
  });
  return {
    message: `API key “${key.name}” created.`,
    data: { id: key.id, name: key.name, start: key.start, secret, expiresAt: key.expiresAt?.toISOString() ?? null },
  };
});

export const rollApiKeyAction = tenantAction<IssuedKey>("api_keys.roll", "apiKeys:manage", async (ctx, input) => {
  const { keyId, graceSeconds } = parseInput(targetSchema.extend({ graceSeconds: graceSchema }), input);
  const { key, secret } = await rollApiKey(ctx, keyId, { graceSeconds: Number(graceSeconds) });
  return {
    message: `API key “${key.name}” rolled.`,
    data: { id: key.id, name: key.name, start: key.start, secret, expiresAt: key.expiresAt?.toISOString() ?? null },
  };
});

export const revokeApiKeyAction = tenantAction("api_keys.revoke", "apiKeys:manage", async (ctx, input) => {
  const key = await revokeApiKey(ctx, parseInput(targetSchema, input).keyId);
  return { message: `API key “${key.name}” revoked. It stops working at once.` };
});
