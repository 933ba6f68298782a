// The limits a chat turn checks before it streams: the per-user chat rate limit and the
// workspace's monthly AI token allowance (the count kept in Redis from the `ai_tokens` meter).
import "server-only";

import { getRedis } from "../cache/redis";
import { withTenant } from "../db/tenant";
import { env } from "../env";
import { logger } from "../observability/logger";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "../tenancy/context";
import { formatLimit, TIER_DEFINITIONS } from "../tenancy/tiers";
import { monthStart, nextMonthStart } from "../usage/keys";
import { AI_TOKENS_EVENT } from "../usage/summary";
import { assistantKeys } from "./keys";

const RATE_WINDOW_MS = 60_000;
/** The month's token count is kept in Redis this long, then read again from the meter. */
const TOKENS_CACHE_SECONDS = 600;
const tokensKey = assistantKeys.tokens;

/**
 * The per-user chat rate limit and the month's token count in one Redis round trip (the
 * pre-stream path is on the first token's clock). The token count comes from the `ai_tokens`
 * meter on a miss and is then kept in Redis (incremented as turns are saved, re-read every ten
 * minutes, so tokens metered elsewhere show up within that). Without Redis the rate limit fails
 * open, like the abuse limits, and the count is read from the meter.
 */
export async function assertChatLimits(ctx: TenantContext, now: Date): Promise<void> {
  const limit = TIER_DEFINITIONS[ctx.tier].limits.aiTokensPerMonth;
  const windowStart = Math.floor(Date.now() / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  // The same window key as hitFixedWindow (lib/cache/rate-limit.ts).
  const rateKey = assistantKeys.chatRate(ctx.tenant.id, ctx.user.id, windowStart);
  let count: number | null = null;
  let cached: unknown = null;
  try {
    const redis = await getRedis();
    const pipeline = redis.pipeline();
    pipeline.incr(rateKey);
    pipeline.pexpire(rateKey, RATE_WINDOW_MS);
    if (limit !== null) pipeline.get(tokensKey(ctx.tenant.id, now));
    const results = (await pipeline.exec()) as unknown[];
    count = Number(results[0]);
    cached = limit !== null ? results[2] : null;
  } catch (error) {
    logger.warn("assistant chat rate limit unavailable", { error });
  }
  if (count !== null && count > env.AI_CHAT_RATE_PER_MINUTE) {
    const wait = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - Date.now()) / 1000));
    throw new AppError(
      "rate_limited",
      `You have sent ${env.AI_CHAT_RATE_PER_MINUTE} chat messages this minute. Try again in ${wait} s.`,
      { retry_after: wait },
    );
  }
  if (limit === null) return;
  let used = cached === null || cached === undefined ? Number.NaN : Number(cached);
  if (!Number.isFinite(used)) {
    used = await tokensThisMonth(ctx, now);
    void getRedis()
      .then((redis) => redis.set(tokensKey(ctx.tenant.id, now), used, { nx: true, ex: TOKENS_CACHE_SECONDS }))
      .catch(() => undefined);
  }
  if (used >= limit) {
    throw new AppError(
      "limit_exceeded",
      `This workspace has used its ${formatLimit(limit)} AI tokens of the ${TIER_DEFINITIONS[ctx.tier].label} plan this month. ` +
        "Upgrade the plan or wait for the next month.",
      { limit, used },
    );
  }
}

/** Adds a saved turn's tokens to the month's cached count (a missing count is read again later). */
export async function addCachedTokens(tenantId: string, now: Date, tokens: number): Promise<void> {
  try {
    const redis = await getRedis();
    const key = tokensKey(tenantId, now);
    if (await redis.exists(key)) await redis.incrby(key, tokens);
  } catch {
    // The cached count expires and is read from the meter again.
  }
}

export async function tokensThisMonth(ctx: TenantContext, now = new Date()): Promise<number> {
  const sum = await withTenant(ctx.tenant.id, (tx) =>
    tx.usageEvent.aggregate({
      where: { eventName: AI_TOKENS_EVENT, occurredAt: { gte: monthStart(now), lt: nextMonthStart(now) } },
      _sum: { value: true },
    }),
  );
  return sum._sum.value ?? 0;
}
