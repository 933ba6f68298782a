// Limits on what one person or one network can create in a short time: accounts, workspaces,
// invitations (each may send an email), API keys and verification emails. Counted per signed-in
// user (an API key counts as its own user) and per client address (lib/net/client-address.ts,
// IPv6 per /64), in fixed windows in Redis. Over a limit the caller gets a LimitError:
// 429 with Retry-After from a route, a form error from a server action.
//
// Sign-up counts every attempt (it also answers whether an email is registered, so it must not
// be an oracle); the others count what was created, so a typo or a taken URL costs nothing.
// These limits fail open when Redis is unreachable (counted in tessera_redis_unavailable_total):
// they protect against abuse, not against a break-in, unlike sign-in throttling which fails closed.
import "server-only";

import { headers } from "next/headers";

import { hitFixedWindow, peekFixedWindow, type RateLimitResult } from "../cache/rate-limit";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { LimitError } from "./api-limits";
import { addressBucket, clientAddress, UNKNOWN_ADDRESS } from "../net/client-address";

const HOUR = 60 * 60 * 1000;

interface Rule {
  perUser?: number;
  perAddress?: number;
  windowMs: number;
  counts: "attempts" | "successes";
  /** What the person reads; {wait} becomes "3 minutes". */
  message: string;
}

export const ABUSE_LIMITS = {
  sign_up: {
    perAddress: 20,
    windowMs: HOUR,
    counts: "attempts",
    message: "Too many sign-ups from your network in the last hour. Try again in {wait}.",
  },
  workspace_create: {
    perUser: 5,
    perAddress: 20,
    windowMs: HOUR,
    counts: "successes",
    message: "You have created several workspaces in the last hour. Try again in {wait}.",
  },
  invitation: {
    perUser: 50,
    perAddress: 100,
    windowMs: HOUR,
    counts: "successes",
    message: "Too many invitations were sent in the last hour. Try again in {wait}.",
  },
  api_key_create: {
    perUser: 20,
    perAddress: 50,
    windowMs: HOUR,
    counts: "successes",
    message: "Too many API keys were created in the last hour. Try again in {wait}.",
  },
  verification_email: {
    perUser: 5,
    perAddress: 20,
    windowMs: HOUR,
    counts: "successes",
    message: "Several verification emails were sent in the last hour. Try again in {wait}.",
  },
} as const satisfies Record<string, Rule>;

export type AbuseLimitKind = keyof typeof ABUSE_LIMITS;

export interface LimitSubject {
  /** The signed-in user (or "key:<id>" for an API key). */
  userId?: string | null;
  /** The client address (clientAddress()); an unknown address is not counted. */
  address?: string | null;
}

/** The subject of a server action: the user it runs for and the address of the request. */
export async function actionSubject(userId?: string | null): Promise<LimitSubject> {
  return { userId, address: clientAddress(await headers()) };
}

/** The subject of a route handler's request. */
export function requestSubject(request: Request, userId?: string | null): LimitSubject {
  return { userId, address: clientAddress(request.headers) };
}

function buckets(kind: AbuseLimitKind, subject: LimitSubject): { key: string; limit: number }[] {
  const rule: Rule = ABUSE_LIMITS[kind];
  const out: { key: string; limit: number }[] = [];
  if (rule.perUser && subject.userId) out.push({ key: `abuse:${kind}:user:${subject.userId}`, limit: rule.perUser });
  if (rule.perAddress && subject.address && subject.address !== UNKNOWN_ADDRESS) {
    out.push({ key: `abuse:${kind}:addr:${addressBucket(subject.address)}`, limit: rule.perAddress });
  }
  return out;
}

function wait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}

function refusal(kind: AbuseLimitKind, result: RateLimitResult, now: number): LimitError {
  const retryAfter = Math.max(1, Math.ceil((result.resetAt - now) / 1000));
  return new LimitError(
    ABUSE_LIMITS[kind].message.replace("{wait}", wait(result.resetAt - now)),
    { reason: kind, limit: result.limit, reset_at: new Date(result.resetAt).toISOString() },
    { "retry-after": String(retryAfter) },
  );
}

async function failOpen<T>(kind: AbuseLimitKind, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    metrics().redisFallback.inc({ purpose: "abuse_limit", decision: "fail_open" });
    logger.warn("abuse limit not applied: Redis unavailable", { kind, error });
    return undefined;
  }
}

/**
 * Runs `create` unless `subject` is over the limit of `kind` (then throws a LimitError), and
 * counts it: before running for attempt-counted kinds, after success for the others.
 */
export async function withAbuseLimit<T>(
  kind: AbuseLimitKind,
  subject: LimitSubject,
  create: () => Promise<T>,
): Promise<T> {
  const rule: Rule = ABUSE_LIMITS[kind];
  const targets = buckets(kind, subject);
  const now = Date.now();
  if (rule.counts === "attempts") {
    const results = await failOpen(kind, () =>
      Promise.all(targets.map((b) => hitFixedWindow(b.key, b.limit, rule.windowMs))),
    );
    const over = results?.find((r) => !r.allowed);
    if (over) throw refusal(kind, over, now);
    return create();
  }
  const results = await failOpen(kind, () =>
    Promise.all(targets.map((b) => peekFixedWindow(b.key, b.limit, rule.windowMs))),
  );
  const over = results?.find((r) => !r.allowed);
  if (over) throw refusal(kind, over, now);
  const created = await create();
  await failOpen(kind, () => Promise.all(targets.map((b) => hitFixedWindow(b.key, b.limit, rule.windowMs))));
  return created;
}
