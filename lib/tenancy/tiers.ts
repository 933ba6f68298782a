// The five tiers and their limits: the one place these numbers live.
import type { Tier } from "../db/generated/enums";
import { addDays } from "@/lib/calendar";

export const TIERS = [
  "FREE",
  "STARTER",
  "PROFESSIONAL",
  "ENTERPRISE",
  "WHITE_LABEL",
] as const satisfies readonly Tier[];

export type Feature = "basic" | "ai" | "advanced" | "full_suite" | "custom_branding";

export interface TierLimits {
  /** null means unlimited. */
  users: number | null;
  aiAgents: number | null;
  apiCallsPerMonth: number | null;
  storageBytes: number | null;
  /** Burst limit per API key: requests per sliding window of API_RATE_WINDOW_MS. */
  apiRequestsPerWindow: number;
  /** AI tokens (input + output) included per calendar month; null means unlimited. */
  aiTokensPerMonth: number | null;
}

/** The sliding window of the per-key burst limit. */
export const API_RATE_WINDOW_MS = 10_000;

export interface TierDefinition {
  tier: Tier;
  label: string;
  limits: TierLimits;
  features: readonly Feature[];
  featureSummary: string;
}

const GB = 1024 ** 3;

export const TIER_DEFINITIONS: Record<Tier, TierDefinition> = {
  FREE: {
    tier: "FREE",
    label: "Free",
    limits: {
      users: 5,
      aiAgents: 1,
      apiCallsPerMonth: 1_000,
      storageBytes: 1 * GB,
      apiRequestsPerWindow: 20,
      aiTokensPerMonth: 50_000,
    },
    features: ["basic"],
    featureSummary: "basic",
  },
  STARTER: {
    tier: "STARTER",
    label: "Starter",
    limits: {
      users: 10,
      aiAgents: 3,
      apiCallsPerMonth: 10_000,
      storageBytes: 10 * GB,
      apiRequestsPerWindow: 100,
      aiTokensPerMonth: 500_000,
    },
    features: ["basic", "ai"],
    featureSummary: "basic + AI",
  },
  PROFESSIONAL: {
    tier: "PROFESSIONAL",
    label: "Professional",
    limits: {
      users: 50,
      aiAgents: 10,
      apiCallsPerMonth: 100_000,
      storageBytes: 100 * GB,
      apiRequestsPerWindow: 500,
      aiTokensPerMonth: 2_000_000,
    },
    features: ["basic", "ai", "advanced"],
    featureSummary: "advanced",
  },
  ENTERPRISE: {
    tier: "ENTERPRISE",
    label: "Enterprise",
    limits: {
      users: 500,
      aiAgents: 50,
      apiCallsPerMonth: 1_000_000,
      storageBytes: 1024 * GB,
      apiRequestsPerWindow: 2_500,
      aiTokensPerMonth: 10_000_000,
    },
    features: ["basic", "ai", "advanced", "full_suite"],
    featureSummary: "full suite",
  },
  WHITE_LABEL: {
    tier: "WHITE_LABEL",
    label: "White label",
    limits: {
      users: null,
      aiAgents: null,
      apiCallsPerMonth: null,
      storageBytes: null,
      apiRequestsPerWindow: 10_000,
      aiTokensPerMonth: null,
    },
    features: ["basic", "ai", "advanced", "full_suite", "custom_branding"],
    featureSummary: "custom branding",
  },
};

export const TRIAL_DAYS = 14;
export const DEFAULT_TRIAL_TIER: Tier = "PROFESSIONAL";

export function tierLimits(tier: Tier): TierLimits {
  return TIER_DEFINITIONS[tier].limits;
}

export function tierHasFeature(tier: Tier, feature: Feature): boolean {
  return TIER_DEFINITIONS[tier].features.includes(feature);
}

export interface TierState {
  tier: Tier;
  trialTier: Tier | null;
  trialEndsAt: Date | null;
}

/** True while a trial is running at `now`. */
export function isTrialActive(tenant: TierState, now = new Date()): boolean {
  return tenant.trialTier !== null && tenant.trialEndsAt !== null && tenant.trialEndsAt > now;
}

/** The tier whose limits apply right now: the trial's while it runs, then the paid tier (FREE if unpaid). */
export function effectiveTier(tenant: TierState, now = new Date()): Tier {
  return isTrialActive(tenant, now) ? (tenant.trialTier as Tier) : tenant.tier;
}

export function trialEndsAtFrom(start: Date, days = TRIAL_DAYS): Date {
  return addDays(start, days);
}

export function formatLimit(value: number | null, unit: "count" | "bytes" = "count"): string {
  if (value === null) return "Unlimited";
  if (unit === "bytes") return value >= 1024 * GB ? `${value / (1024 * GB)} TB` : `${value / GB} GB`;
  return value.toLocaleString("en-US");
}

/** "Professional" for PROFESSIONAL: the tier's display name. */
export function tierLabel(tier: Tier): string {
  return TIER_DEFINITIONS[tier].label;
}
