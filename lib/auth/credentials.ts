// Email + password authentication, throttled per client address and per email + address pair
// with a backoff that never locks the owner out (./throttle.ts). Unknown emails cost the same
// time as wrong passwords. A hash made with older scrypt parameters is replaced by one with the
// current parameters the moment its password is proven (./password.ts).
import "server-only";

import { z } from "zod";

import { getDb } from "../db/client";
import { UNKNOWN_ADDRESS } from "../net/client-address";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { emailSchema } from "./schemas";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { chargeSignInAttempt, clearSignInPair, type ThrottleDecision } from "./throttle";

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
  clientAddress: string = UNKNOWN_ADDRESS,
): Promise<PasswordAuthResult> {
  const normalized = email.trim().toLowerCase();
  let decision: ThrottleDecision;
  try {
    decision = await chargeSignInAttempt(normalized, clientAddress);
  } catch (error) {
    // Fail closed: without its throttle, password sign-in would be open to guessing.
    metrics().redisFallback.inc({ purpose: "sign_in_throttle", decision: "fail_closed" });
    logger.error("sign-in refused: throttle store unavailable", { error });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: 30 };
  }
  if (!decision.allowed) {
    metrics().rateLimited.inc({ reason: "sign_in" });
    logger.warn("sign-in throttled", { clientAddress, retryAfterSeconds: decision.retryAfterSeconds });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: decision.retryAfterSeconds };
  }
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: normalized } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) return { ok: false, reason: "invalid_credentials" };
  await clearSignInPair(normalized, clientAddress).catch((error: unknown) =>
    logger.warn("sign-in pair not cleared", { error }),
  );
  if (needsRehash(user.passwordHash)) await rehash(user.id, user.passwordHash, password);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/** Stores the proven password under the current parameters (unless it changed meanwhile). */
async function rehash(userId: string, oldHash: string, password: string): Promise<void> {
  try {
    const db = await getDb();
    const upgraded = await hashPassword(password);
    await db.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash: upgraded } });
  } catch (error) {
    logger.warn("password re-hash failed (kept the old hash)", { userId, error });
  }
}
