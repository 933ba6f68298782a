"use server";
// Platform API keys (for the tenants API): mint and revoke. Each action is a public endpoint:
// operatorAction signs the caller in and answers 404-style for non-operators.
import { z } from "zod";

import { EXPIRY_CHOICES, SCOPE_FIELD_PREFIX, type IssuedKey } from "@/components/workspace/api-keys/form-contract";
import { createPlatformKey, revokePlatformKey } from "@/lib/api-keys/keys";
import { operatorAction, type FormInput } from "@/lib/http/action";
import { parseInput } from "@/lib/http/errors";

const DAY_MS = 86_400_000;

const targetSchema = z.object({ keyId: z.string().trim().min(1, "No key given.").max(64) });
const expirySchema = z.object({
  expiresInDays: z.enum(EXPIRY_CHOICES.map((c) => c.value) as [string, ...string[]], {
    error: "Choose when the key expires.",
  }),
});

function scopesOf(input: FormInput): string[] {
  return Object.keys(input)
    .filter((name) => name.startsWith(SCOPE_FIELD_PREFIX) && input[name] === "on")
    .map((name) => name.slice(SCOPE_FIELD_PREFIX.length));
}

export const createPlatformKeyAction = operatorAction<IssuedKey>("admin.createPlatformKey", async (operator, input) => {
  const { expiresInDays } = parseInput(expirySchema, { expiresInDays: input.expiresInDays ?? "never" });
  const days = expiresInDays === "never" ? null : Number(expiresInDays);
  const { key, secret } = await createPlatformKey(operator, {
    name: input.name ?? "",
    scopes: scopesOf(input),
    expiresAt: days === null ? null : new Date(Date.now() + days * DAY_MS),
  });
  return {
    message: `Platform key “${key.name}” created.`,
    data: { id: key.id, name: key.name, start: key.start, secret, expiresAt: key.expiresAt?.toISOString() ?? null },
  };
});

export const revokePlatformKeyAction = operatorAction("admin.revokePlatformKey", async (operator, input) => {
  const key = await revokePlatformKey(operator, parseInput(targetSchema, input).keyId);
  return { message: `Platform key “${key.name}” revoked. It stops working at once.` };
});
