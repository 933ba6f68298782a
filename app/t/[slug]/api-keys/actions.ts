"use server";
// API key management. Each action is a public endpoint: tenantAction authenticates, resolves the
// workspace from the bound slug and checks "apiKeys:manage"; lib/api-keys checks again, keeps
// scopes within the caller's role and writes the audit log. Secrets are returned once, here.
// Bind the slug on the client: `createApiKeyAction.bind(null, slug)`.
import { z } from "zod";

import { GRACE_CHOICES, type IssuedKey } from "@/lib/api-keys/form-contract";
import { createKeyInput, issuedKey, keyTargetSchema } from "@/lib/api-keys/form-input";
import { createApiKey, revokeApiKey, rollApiKey } from "@/lib/api-keys/keys";
import { actionSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { tenantAction } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";

const graceSchema = z.enum(GRACE_CHOICES.map((c) => String(c.seconds)) as [string, ...string[]], {
  error: "Choose how long the old key keeps working.",
});

export const createApiKeyAction = tenantAction<IssuedKey>("api_keys.create", "apiKeys:manage", async (ctx, input) => {
  const subject = await actionSubject(ctx.user.id);
  const { key, secret } = await withAbuseLimit("api_key_create", subject, () =>
    createApiKey(ctx, createKeyInput(input)),
  );
  return { message: `API key “${key.name}” created.`, data: issuedKey(key, secret) };
});

export const rollApiKeyAction = tenantAction<IssuedKey>("api_keys.roll", "apiKeys:manage", async (ctx, input) => {
  const { keyId, graceSeconds } = parseInput(keyTargetSchema.extend({ graceSeconds: graceSchema }), input);
  const { key, secret } = await rollApiKey(ctx, keyId, { graceSeconds: Number(graceSeconds) });
  return { message: `API key “${key.name}” rolled.`, data: issuedKey(key, secret) };
});

export const revokeApiKeyAction = tenantAction("api_keys.revoke", "apiKeys:manage", async (ctx, input) => {
  const key = await revokeApiKey(ctx, parseInput(keyTargetSchema, input).keyId);
  return { message: `API key “${key.name}” revoked. It stops working at once.` };
});
