// The server side of form-contract.ts: what the workspace and operator key actions read from the
// posted forms, and the IssuedKey they answer with. For server actions only.
import { z } from "zod";

import type { FormInput } from "@/lib/form-input";
import { parseInput } from "@/lib/errors";

import { EXPIRY_CHOICES, SCOPE_FIELD_PREFIX, type IssuedKey } from "./form-contract";
import { DAY_MS } from "@/lib/calendar";

/** The key a row's Revoke or Roll posts. */
export const keyTargetSchema = z.object({ keyId: z.string().trim().min(1, "No key given.").max(64) });

const expirySchema = z.object({
  expiresInDays: z.enum(EXPIRY_CHOICES.map((c) => c.value) as [string, ...string[]], {
    error: "Choose when the key expires.",
  }),
});

/** Checked scope boxes are posted as "scope:<id>" = "on" (a form posts one value per name). */
function scopesOf(input: FormInput): string[] {
  return Object.keys(input)
    .filter((name) => name.startsWith(SCOPE_FIELD_PREFIX) && input[name] === "on")
    .map((name) => name.slice(SCOPE_FIELD_PREFIX.length));
}

/** The "Create key" form as createApiKey / createPlatformKey take it (they validate name and scopes). */
export function createKeyInput(input: FormInput): { name: string; scopes: string[]; expiresAt: Date | null } {
  const { expiresInDays } = parseInput(expirySchema, { expiresInDays: input.expiresInDays ?? "never" });
  const days = expiresInDays === "never" ? null : Number(expiresInDays);
  return {
    name: input.name ?? "",
    scopes: scopesOf(input),
    expiresAt: days === null ? null : new Date(Date.now() + days * DAY_MS),
  };
}

/** What the show-once panel gets after a create or roll: the only time the secret leaves the server. */
export function issuedKey(
  key: { id: string; name: string; start: string; expiresAt: Date | null },
  secret: string,
): IssuedKey {
  return { id: key.id, name: key.name, start: key.start, secret, expiresAt: key.expiresAt?.toISOString() ?? null };
}
