// The local provider's checkout session: everything the simulated checkout page needs, carried in
// the URL as a signed, expiring token (HMAC-SHA256 with the app's auth secret, 30 minutes), so no
// session table is needed and nobody can forge a cheaper plan or a longer trial.
import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

import { z } from "zod";

import { authSecret } from "../../auth/secret";
import { CURRENCIES, INTERVALS, PAID_TIERS, type Currency, type PaidTier } from "../catalog";
import type { BillingInterval } from "../../db/generated/enums";

export const CHECKOUT_SESSION_TTL_MS = 30 * 60_000;

export interface CheckoutSession {
  tenantId: string;
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  trialEnd: Date | null;
  /** The checkout attempt's idempotency key: the same key is the same subscription. */
  key: string;
  expiresAt: Date;
}

const payloadSchema = z.object({
  v: z.literal(1),
  t: z.string().min(1),
  tier: z.enum(PAID_TIERS),
  i: z.enum(INTERVALS),
  c: z.enum(CURRENCIES),
  te: z.number().int().nullable(),
  k: z.string().min(1).max(300),
  exp: z.number().int(),
});

function sign(body: string): string {
  // A purpose prefix keeps these signatures apart from anything else signed with the same secret.
  return createHmac("sha256", authSecret()).update(`tessera.local-checkout.v1.${body}`).digest("base64url");
}

export function signCheckoutSession(session: Omit<CheckoutSession, "expiresAt">, now = new Date()): string {
  const payload: z.infer<typeof payloadSchema> = {
    v: 1,
    t: session.tenantId,
    tier: session.tier,
    i: session.interval,
    c: session.currency,
    te: session.trialEnd ? session.trialEnd.getTime() : null,
    k: session.key,
    exp: now.getTime() + CHECKOUT_SESSION_TTL_MS,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The session in a token, or null when it is malformed, tampered with or expired. */
export function verifyCheckoutSession(token: string, now = new Date()): CheckoutSession | null {
  if (typeof token !== "string" || token.length > 2_000) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success || parsed.data.exp <= now.getTime()) return null;
  const p = parsed.data;
  return {
    tenantId: p.t,
    tier: p.tier,
    interval: p.i,
    currency: p.c,
    trialEnd: p.te === null ? null : new Date(p.te),
    key: p.k,
    expiresAt: new Date(p.exp),
  };
}
