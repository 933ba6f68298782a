// API key secrets: "tsk_live_" (tenant) or "tsk_plat_" (platform) + 32 base62 characters
// (≈190 bits). Only the sha256 of the whole secret is stored; its first characters are kept
// to tell keys apart in lists.
import "server-only";

import { hash, randomBytes } from "node:crypto";

import type { ApiKeyKind } from "../db/generated/enums";

export const KEY_PREFIX: Record<ApiKeyKind, string> = { TENANT: "tsk_live_", PLATFORM: "tsk_plat_" };
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 32;
/** Prefix + this many body characters are shown ("tsk_live_3fQa…"). */
const VISIBLE_BODY = 4;

const SECRET_PATTERN = /^tsk_(live|plat)_[0-9A-Za-z]{32}$/;

export function generateSecret(kind: ApiKeyKind): string {
  // Rejection sampling keeps every character equally likely.
  let body = "";
  while (body.length < BODY_LENGTH) {
    for (const byte of randomBytes(48)) {
      if (byte < 248 && body.length < BODY_LENGTH) body += ALPHABET[byte % 62];
    }
  }
  return KEY_PREFIX[kind] + body;
}

/** The stored sha256 (hex). Runs on every API call: the one-shot `hash` is 2.5× cheaper than a Hash object. */
export function hashSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

export function visibleStart(secret: string): string {
  const prefix = secret.startsWith(KEY_PREFIX.PLATFORM) ? KEY_PREFIX.PLATFORM : KEY_PREFIX.TENANT;
  return secret.slice(0, prefix.length + VISIBLE_BODY);
}

/** Cheap shape check before any lookup: forged strings never reach the cache or database. */
export function looksLikeSecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}
