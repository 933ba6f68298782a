import { describe, expect, it } from "vitest";

import {
  DEFAULT_TRIAL_TIER,
  effectiveTier,
  formatLimit,
  isTrialActive,
  TIER_DEFINITIONS,
  TIERS,
  tierHasFeature,
  tierLimits,
  TRIAL_DAYS,
  trialEndsAtFrom,
} from "./tiers";
import { at } from "@/tests/helpers/indexed";
import { DAY_MS } from "@/lib/calendar";

const GB = 1024 ** 3;
const TB = 1024 * GB;

describe("tiers", () => {
  it("lists the five tiers in ascending order", () => {
    expect(TIERS).toEqual(["FREE", "STARTER", "PROFESSIONAL", "ENTERPRISE", "WHITE_LABEL"]);
    expect(Object.keys(TIER_DEFINITIONS).sort()).toEqual([...TIERS].sort());
  });

  it.each([
    ["FREE", 5, 1, 1_000, 1 * GB, 20, 50_000],
    ["STARTER", 10, 3, 10_000, 10 * GB, 100, 500_000],
    ["PROFESSIONAL", 50, 10, 100_000, 100 * GB, 500, 2_000_000],
    ["ENTERPRISE", 500, 50, 1_000_000, 1 * TB, 2_500, 10_000_000],
    ["WHITE_LABEL", null, null, null, null, 10_000, null],
  ] as const)(
    "%s allows %s users, %s AI agents, %s API calls a month, %s bytes, bursts of %s calls per 10 s, %s AI tokens a month",
    (tier, users, aiAgents, api, storage, burst, aiTokens) => {
      expect(tierLimits(tier)).toEqual({
        users,
        aiAgents,
        apiCallsPerMonth: api,
        storageBytes: storage,
        apiRequestsPerWindow: burst,
        aiTokensPerMonth: aiTokens,
      });
    },
  );

  it("shows the limits as the pricing table prints them", () => {
    const row = (tier: (typeof TIERS)[number]) => {
      const l = tierLimits(tier);
      return [
        formatLimit(l.users),
        formatLimit(l.aiAgents),
        formatLimit(l.apiCallsPerMonth),
        formatLimit(l.storageBytes, "bytes"),
      ];
    };
    expect(row("FREE")).toEqual(["5", "1", "1,000", "1 GB"]);
    expect(row("STARTER")).toEqual(["10", "3", "10,000", "10 GB"]);
    expect(row("PROFESSIONAL")).toEqual(["50", "10", "100,000", "100 GB"]);
    expect(row("ENTERPRISE")).toEqual(["500", "50", "1,000,000", "1 TB"]);
    expect(row("WHITE_LABEL")).toEqual(["Unlimited", "Unlimited", "Unlimited", "Unlimited"]);
  });

  it("never lowers a limit when moving up a tier", () => {
    const rank = (v: number | null) => (v === null ? Infinity : v);
    for (let i = 1; i < TIERS.length; i++) {
      const lower = tierLimits(at(TIERS, i - 1));
      const higher = tierLimits(at(TIERS, i));
      for (const key of Object.keys(lower) as (keyof typeof lower)[]) {
        expect(rank(higher[key]), `${TIERS[i]}.${key}`).toBeGreaterThan(rank(lower[key]));
      }
    }
  });

  it("grants features by tier", () => {
    expect(tierHasFeature("FREE", "basic")).toBe(true);
    expect(tierHasFeature("FREE", "ai")).toBe(false);
    expect(tierHasFeature("STARTER", "ai")).toBe(true);
    expect(tierHasFeature("STARTER", "advanced")).toBe(false);
    expect(tierHasFeature("PROFESSIONAL", "advanced")).toBe(true);
    expect(tierHasFeature("PROFESSIONAL", "full_suite")).toBe(false);
    expect(tierHasFeature("ENTERPRISE", "full_suite")).toBe(true);
    expect(tierHasFeature("ENTERPRISE", "custom_branding")).toBe(false);
    expect(tierHasFeature("WHITE_LABEL", "custom_branding")).toBe(true);
  });
});

describe("trials", () => {
  const start = new Date("2026-03-01T10:00:00.000Z");
  const trialing = { tier: "FREE" as const, trialTier: DEFAULT_TRIAL_TIER, trialEndsAt: trialEndsAtFrom(start) };

  it("last 14 days from the start", () => {
    expect(TRIAL_DAYS).toBe(14);
    expect(trialEndsAtFrom(start).toISOString()).toBe("2026-03-15T10:00:00.000Z");
    expect(trialEndsAtFrom(start).getTime() - start.getTime()).toBe(14 * DAY_MS);
    expect(trialEndsAtFrom(start, 30).getTime() - start.getTime()).toBe(30 * DAY_MS);
  });

  it("give the trial tier's limits while the trial runs", () => {
    expect(DEFAULT_TRIAL_TIER).toBe("PROFESSIONAL");
    for (const now of [start, new Date(start.getTime() + 13 * DAY_MS), new Date(start.getTime() + 14 * DAY_MS - 1)]) {
      expect(isTrialActive(trialing, now)).toBe(true);
      expect(effectiveTier(trialing, now)).toBe("PROFESSIONAL");
    }
  });

  it("fall back to the paid tier once the trial has ended", () => {
    for (const now of [new Date(start.getTime() + 14 * DAY_MS), new Date(start.getTime() + 40 * DAY_MS)]) {
      expect(isTrialActive(trialing, now)).toBe(false);
      expect(effectiveTier(trialing, now)).toBe("FREE");
    }
    const paidDuringTrial = { ...trialing, tier: "STARTER" as const };
    expect(effectiveTier(paidDuringTrial, new Date(start.getTime() + 15 * DAY_MS))).toBe("STARTER");
  });

  it("do not apply without both a trial tier and an end date", () => {
    const now = new Date(start.getTime() + DAY_MS);
    expect(effectiveTier({ tier: "STARTER", trialTier: null, trialEndsAt: trialEndsAtFrom(start) }, now)).toBe(
      "STARTER",
    );
    expect(effectiveTier({ tier: "STARTER", trialTier: "ENTERPRISE", trialEndsAt: null }, now)).toBe("STARTER");
  });
});
