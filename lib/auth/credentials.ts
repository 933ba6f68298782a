// Email + password authentication with throttling: 10 attempts per email and 50 per client
// address in 15 minutes. Unknown emails cost the same time as wrong passwords.
import { z } from "zod";

import { clearFixedWindow, hitFixedWindow, type RateLimitResult } from "../cache/rate-limit";
import { metrics } from "../observability/metrics";
import { getDb } from "../db/client";
import { logger } from "../observability/logger";
import { emailSchema } from "../tenancy/schemas";
import { dummyPasswordHash, verifyPassword } from "./password";

export const WINDOW_MS = 15 * 60 * 1000;
export const EMAIL_ATTEMPTS = 10;
export const IP_ATTEMPTS = 50;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

export type PasswordAuthResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid_credentials" | "rate_limited"; retryAfterSeconds?: number };

export async function authenticateWithPassword(
  email: string,
  password: string,
  clientAddress = "unknown",
): Promise<PasswordAuthResult> {
  const normalized = email.trim().toLowerCase();
  let byEmail: RateLimitResult;
  let byIp: RateLimitResult;
  try {
    [byEmail, byIp] = await Promise.all([
      hitFixedWindow(`signin:email:${normalized}`, EMAIL_ATTEMPTS, WINDOW_MS),
      hitFixedWindow(`signin:ip:${clientAddress}`, IP_ATTEMPTS, WINDOW_MS),
    ]);
  } catch (error) {
    // Fail closed: without its throttle, password sign-in would be open to guessing.
    metrics().redisFallback.inc({ purpose: "sign_in_throttle", decision: "fail_closed" });
    logger.error("sign-in refused: throttle store unavailable", { error });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: 30 };
  }
  if (!byEmail.allowed || !byIp.allowed) {
    const resetAt = Math.max(byEmail.allowed ? 0 : byEmail.resetAt, byIp.allowed ? 0 : byIp.resetAt);
    logger.warn("sign-in throttled", { email: normalized, clientAddress });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.ceil((resetAt - Date.now()) / 1000) };
  }
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: normalized } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) return { ok: false, reason: "invalid_credentials" };
  await clearFixedWindow(`signin:email:${normalized}`, WINDOW_MS);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
