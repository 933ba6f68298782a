// Usage of the current month against the tier's limits, per dimension, with the daily series
// and per-key breakdown the usage page and GET /api/v1/usage show.
import "server-only";

import { withTenant } from "../db/tenant";
import { logger } from "../observability/logger";
import { assertCan, type TenantContext } from "../tenancy/context";
import { countSeats } from "../tenancy/limits";
import { TIER_DEFINITIONS } from "../tenancy/tiers";
import { flushTenantUsage } from "./flush";
import { monthStart, nextMonthStart } from "./keys";
import { storageBytes } from "./storage";
import { addDays } from "@/lib/calendar";

/** The usage_events meter the assistants write their tokens to (billing bills it: lib/billing/metering.ts). */
export const AI_TOKENS_EVENT = "ai_tokens";

export type UsageDimensionId = "api_calls" | "users" | "ai_agents" | "storage" | "ai_tokens";

export interface UsageDimension {
  id: UsageDimensionId;
  label: string;
  used: number;
  /** null = unlimited */
  limit: number | null;
  unit: "count" | "bytes";
  /** used / limit, 0 when unlimited */
  ratio: number;
  /** "ok" below 80%, "warning" from 80%, "exceeded" at 100% */
  level: "ok" | "warning" | "exceeded";
}

export interface UsageSummary {
  tier: TenantContext["tier"];
  periodStart: Date;
  periodEnd: Date;
  dimensions: UsageDimension[];
  /** One point per day of the month so far (UTC). */
  daily: { date: string; calls: number }[];
  byKey: { apiKeyId: string | null; name: string; start: string | null; revoked: boolean; calls: number }[];
  byRoute: { route: string; calls: number }[];
}

export const WARNING_RATIO = 0.8;

export function dimension(
  id: UsageDimensionId,
  label: string,
  used: number,
  limit: number | null,
  unit: UsageDimension["unit"] = "count",
): UsageDimension {
  const ratio = limit === null ? 0 : limit === 0 ? 1 : used / limit;
  const level = limit === null ? "ok" : ratio >= 1 ? "exceeded" : ratio >= WARNING_RATIO ? "warning" : "ok";
  return { id, label, used, limit, unit, ratio, level };
}

export async function getUsageSummary(ctx: TenantContext, now = new Date()): Promise<UsageSummary> {
  assertCan(ctx, "usage:read");
  try {
    await flushTenantUsage(ctx.tenant.id);
  } catch (error) {
    logger.warn("usage page: Redis counters not flushed", { tenantId: ctx.tenant.id, error });
  }
  const start = monthStart(now);
  const end = nextMonthStart(now);
  const limits = TIER_DEFINITIONS[ctx.tier].limits;
  const { rollups, seats, bytes, keys, agents, tokens } = await withTenant(ctx.tenant.id, async (tx) => ({
    rollups: await tx.usageRollup.findMany({
      where: { hour: { gte: start, lt: end } },
      select: { hour: true, apiKeyId: true, route: true, count: true },
    }),
    seats: await countSeats(tx, now),
    bytes: await storageBytes(tx),
    keys: await tx.apiKey.findMany({ select: { id: true, name: true, start: true, revokedAt: true } }),
    agents: await tx.assistantAgent.count({}),
    tokens: await tx.usageEvent.aggregate({
      where: { eventName: AI_TOKENS_EVENT, occurredAt: { gte: start, lt: end } },
      _sum: { value: true },
    }),
  }));

  const calls = rollups.reduce((sum, row) => sum + row.count, 0);
  const perDay = new Map<string, number>();
  const perKey = new Map<string, number>();
  const perRoute = new Map<string, number>();
  for (const row of rollups) {
    const day = row.hour.toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + row.count);
    perKey.set(row.apiKeyId, (perKey.get(row.apiKeyId) ?? 0) + row.count);
    perRoute.set(row.route, (perRoute.get(row.route) ?? 0) + row.count);
  }
  const daily: UsageSummary["daily"] = [];
  for (let day = new Date(start); day < end && day <= now; day = addDays(day, 1)) {
    const date = day.toISOString().slice(0, 10);
    daily.push({ date, calls: perDay.get(date) ?? 0 });
  }
  const keyById = new Map(keys.map((key) => [key.id, key]));
  const byKey = [...perKey.entries()]
    .map(([apiKeyId, count]) => {
      const key = keyById.get(apiKeyId);
      return {
        apiKeyId: apiKeyId || null,
        name: apiKeyId ? (key?.name ?? "Deleted key") : "Signed-in members (session)",
        start: key?.start ?? null,
        revoked: Boolean(key?.revokedAt),
        calls: count,
      };
    })
    .sort((a, b) => b.calls - a.calls);
  const byRoute = [...perRoute.entries()]
    .map(([route, count]) => ({ route, calls: count }))
    .sort((a, b) => b.calls - a.calls);

  return {
    tier: ctx.tier,
    periodStart: start,
    periodEnd: end,
    dimensions: [
      dimension("api_calls", "API calls this month", calls, limits.apiCallsPerMonth),
      dimension("users", "Users (members + pending invitations)", seats.members + seats.pending, limits.users),
      dimension("ai_agents", "AI agents", agents, limits.aiAgents),
      dimension("storage", "Storage", bytes, limits.storageBytes, "bytes"),
      dimension("ai_tokens", "AI tokens this month", tokens._sum.value ?? 0, limits.aiTokensPerMonth),
    ],
    daily,
    byKey,
    byRoute,
  };
}
