// The price list: what each paid tier costs, per interval and currency, in minor units. The one
// place these numbers live; `npm run billing:sync` creates the matching Stripe prices (by lookup
// key) and PayPal plans, and the pricing page, checkout and revenue report all read from here.
import type { BillingInterval, Tier } from "../db/generated/enums";
import { group } from "@/lib/indexed";
import type { BillingProvider } from "../db/generated/enums";

export const CURRENCIES = ["usd", "eur"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const INTERVALS = ["MONTH", "YEAR"] as const satisfies readonly BillingInterval[];

export type PaidTier = Exclude<Tier, "FREE">;
export const PAID_TIERS = [
  "STARTER",
  "PROFESSIONAL",
  "ENTERPRISE",
  "WHITE_LABEL",
] as const satisfies readonly PaidTier[];

/** Monthly price per tier and currency; a year costs ten months (two months free). */
const MONTHLY: Record<PaidTier, Record<Currency, number>> = {
  STARTER: { usd: 2_900, eur: 2_700 },
  PROFESSIONAL: { usd: 9_900, eur: 9_200 },
  ENTERPRISE: { usd: 49_900, eur: 46_900 },
  WHITE_LABEL: { usd: 149_900, eur: 139_900 },
};

const YEARLY_MONTHS_CHARGED = 10;

export function isPaidTier(tier: Tier): tier is PaidTier {
  return tier !== "FREE";
}

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

/** The price of one interval of `tier` in minor units. */
export function priceOf(tier: PaidTier, interval: BillingInterval, currency: Currency): number {
  const monthly = MONTHLY[tier][currency];
  return interval === "YEAR" ? monthly * YEARLY_MONTHS_CHARGED : monthly;
}

/** Stripe price lookup key and PayPal plan key, e.g. "tessera_professional_month_usd". */
export function priceKey(tier: PaidTier, interval: BillingInterval, currency: Currency): string {
  return `tessera_${tier.toLowerCase()}_${interval.toLowerCase()}_${currency}`;
}

export interface CatalogPrice {
  key: string;
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  unitAmount: number;
}

/** Every recurring price, in a stable order. */
export function catalogPrices(): CatalogPrice[] {
  return PAID_TIERS.flatMap((tier) =>
    INTERVALS.flatMap((interval) =>
      CURRENCIES.map((currency) => ({
        key: priceKey(tier, interval, currency),
        tier,
        interval,
        currency,
        unitAmount: priceOf(tier, interval, currency),
      })),
    ),
  );
}

/** Reverses priceKey(); null for keys that are not ours. */
export function parsePriceKey(key: string): Omit<CatalogPrice, "key" | "unitAmount"> | null {
  const match = /^tessera_([a-z_]+)_(month|year)_([a-z]{3})$/.exec(key);
  if (!match) return null;
  const tier = group(match, 1).toUpperCase() as PaidTier;
  const currency = group(match, 3);
  if (!(PAID_TIERS as readonly string[]).includes(tier) || !isCurrency(currency)) return null;
  return { tier, interval: group(match, 2) === "year" ? "YEAR" : "MONTH", currency };
}

// ─── Metered usage ────────────────────────────────────────────────────────────

/** The Stripe Billing Meters Tessera reports to (lib/billing/metering.ts). */
export const METERS = {
  api_calls: {
    eventName: "tessera_api_calls",
    /** What Stripe bills: the calls beyond the quota. */
    displayName: "API calls over the plan's quota",
    /** The usage table's row: it shows every call (used), the quota (included) and what is billable. */
    label: "API calls",
    /** Price per `per` units beyond the quota, in minor units of each currency. */
    unitPrice: { usd: 50, eur: 45 } satisfies Record<Currency, number>,
    per: 1_000,
  },
  ai_tokens: {
    eventName: "tessera_ai_tokens",
    displayName: "AI tokens",
    label: "AI tokens",
    unitPrice: { usd: 20, eur: 18 } satisfies Record<Currency, number>,
    per: 100_000,
  },
} as const;

export type MeterId = keyof typeof METERS;

export function meterPriceKey(meter: MeterId, currency: Currency): string {
  return `tessera_meter_${meter}_${currency}`;
}

/** The charge for `units` of a meter, rounded to the nearest minor unit (packages pro rata). */
export function meteredCharge(meter: MeterId, units: number, currency: Currency): number {
  const { unitPrice, per } = METERS[meter];
  return Math.round((units * unitPrice[currency]) / per);
}

export const PROVIDER_LABELS: Record<BillingProvider, string> = {
  STRIPE: "Stripe",
  PAYPAL: "PayPal",
  LOCAL: "Local (simulated)",
};
