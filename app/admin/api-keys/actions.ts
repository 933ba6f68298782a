"use server";
// Platform API keys (for the tenants API): mint and revoke. Each action is a public endpoint:
// operatorAction signs the caller in and answers 404-style for non-operators.
import type { IssuedKey } from "@/lib/api-keys/form-contract";
import { createKeyInput, issuedKey, keyTargetSchema } from "@/lib/api-keys/form-input";
import { createPlatformKey, revokePlatformKey } from "@/lib/api-keys/keys";
import { operatorAction } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";

export const createPlatformKeyAction = operatorAction<IssuedKey>("admin.createPlatformKey", async (operator, input) => {
  const { key, secret } = await createPlatformKey(operator, createKeyInput(input));
  return { message: `Platform key “${key.name}” created.`, data: issuedKey(key, secret) };
});

export const revokePlatformKeyAction = operatorAction("admin.revokePlatformKey", async (operator, input) => {
  const key = await revokePlatformKey(operator, parseInput(keyTargetSchema, input).keyId);
  return { message: `Platform key “${key.name}” revoked. It stops working at once.` };
});
