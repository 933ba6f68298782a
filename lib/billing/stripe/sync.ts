// The Stripe side of the catalog (catalog.ts): one product per paid tier, a recurring price per
// catalog entry (found by lookup key; a changed amount gets a new price that takes the key over),
// a Billing Meter per METERS entry and a metered price per meter and currency. Running it again
// creates nothing; every create carries an idempotency key.
import "server-only";

import { createHash } from "node:crypto";

import Stripe from "stripe";

import {
  catalogPrices,
  CURRENCIES,
  METERS,
  meterPriceKey,
  PAID_TIERS,
  type CatalogPrice,
  type MeterId,
  type PaidTier,
} from "../catalog";
import type { SyncReport } from "../sync-types";
import { stripe } from "./client";
import { clearPriceCache } from "./prices";

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);

export const productIdOf = (tier: PaidTier) => `tessera_${tier.toLowerCase()}`;
export const meterProductIdOf = (meter: MeterId) => `tessera_meter_${meter}`;
/** The Billing Meter payload key that names the customer (lib/billing/stripe/meter.ts sends it). */
export const METER_CUSTOMER_KEY = "stripe_customer_id";

function tierName(tier: PaidTier): string {
  const words = tier.toLowerCase().split("_");
  return `Tessera ${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ")}`;
}

function isMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.statusCode === 404;
}

async function ensureProduct(id: string, name: string, metadata: Record<string, string>, report: SyncReport) {
  const client = stripe();
  let product: Stripe.Product | null = null;
  try {
    product = await client.products.retrieve(id);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  if (!product) {
    await client.products.create({ id, name, metadata }, { idempotencyKey: `sync:product:${id}` });
    report.created.push(`product ${id}`);
  } else if (product.name !== name || !product.active) {
    await client.products.update(
      id,
      { name, active: true },
      { idempotencyKey: `sync:product:${id}:update:${digest(name)}:${product.updated}` },
    );
    report.updated.push(`product ${id}`);
  } else {
    report.unchanged.push(`product ${id}`);
  }
}

/** Active prices by lookup key (Stripe takes ten keys per request). */
async function pricesByLookupKey(keys: string[]): Promise<Map<string, Stripe.Price>> {
  const found = new Map<string, Stripe.Price>();
  for (let i = 0; i < keys.length; i += 10) {
    const chunk = keys.slice(i, i + 10);
    for await (const price of stripe().prices.list({ lookup_keys: chunk, active: true, limit: 100 })) {
      if (price.lookup_key) found.set(price.lookup_key, price);
    }
  }
  return found;
}

function sameRecurringPrice(price: Stripe.Price | undefined, wanted: CatalogPrice): boolean {
  return (
    price !== undefined &&
    price.unit_amount === wanted.unitAmount &&
    price.currency === wanted.currency &&
    price.recurring?.interval === wanted.interval.toLowerCase() &&
    price.recurring.usage_type !== "metered"
  );
}

async function syncRecurringPrices(existing: Map<string, Stripe.Price>, report: SyncReport) {
  for (const wanted of catalogPrices()) {
    const current = existing.get(wanted.key);
    if (sameRecurringPrice(current, wanted)) {
      report.unchanged.push(`price ${wanted.key}`);
      continue;
    }
    // Prices are immutable: a new one takes the lookup key over from the old.
    await stripe().prices.create(
      {
        product: productIdOf(wanted.tier),
        currency: wanted.currency,
        unit_amount: wanted.unitAmount,
        recurring: { interval: wanted.interval === "YEAR" ? "year" : "month" },
        lookup_key: wanted.key,
        transfer_lookup_key: true,
        metadata: { tier: wanted.tier },
      },
      { idempotencyKey: `sync:price:${wanted.key}:${wanted.unitAmount}:${current?.id ?? "new"}` },
    );
    report[current ? "updated" : "created"].push(`price ${wanted.key}`);
  }
}

async function ensureMeters(report: SyncReport): Promise<Map<MeterId, string>> {
  const client = stripe();
  const all: Stripe.Billing.Meter[] = [];
  for await (const meter of client.billing.meters.list({ limit: 100 })) all.push(meter);
  const ids = new Map<MeterId, string>();
  for (const [id, spec] of Object.entries(METERS) as [MeterId, (typeof METERS)[MeterId]][]) {
    const found = all.find((m) => m.event_name === spec.eventName);
    if (!found) {
      const created = await client.billing.meters.create(
        {
          display_name: spec.displayName,
          event_name: spec.eventName,
          default_aggregation: { formula: "sum" },
          customer_mapping: { type: "by_id", event_payload_key: METER_CUSTOMER_KEY },
          value_settings: { event_payload_key: "value" },
        },
        { idempotencyKey: `sync:meter:${spec.eventName}` },
      );
      ids.set(id, created.id);
      report.created.push(`meter ${spec.eventName}`);
    } else if (found.status !== "active") {
      await client.billing.meters.reactivate(found.id, {}, { idempotencyKey: `sync:meter:${found.id}:reactivate` });
      ids.set(id, found.id);
      report.updated.push(`meter ${spec.eventName}`);
    } else {
      ids.set(id, found.id);
      report.unchanged.push(`meter ${spec.eventName}`);
    }
  }
  return ids;
}

async function syncMeteredPrices(
  meterIds: Map<MeterId, string>,
  existing: Map<string, Stripe.Price>,
  report: SyncReport,
) {
  for (const [id, spec] of Object.entries(METERS) as [MeterId, (typeof METERS)[MeterId]][]) {
    const meter = meterIds.get(id);
    if (!meter) continue;
    for (const currency of CURRENCIES) {
      const key = meterPriceKey(id, currency);
      // Minor units per single unit, e.g. 50 per 1,000 calls = 0.05.
      const unitDecimal = Stripe.Decimal.from(spec.unitPrice[currency]).div(
        Stripe.Decimal.from(spec.per),
        12,
        "half-even",
      );
      const current = existing.get(key);
      const same =
        current !== undefined &&
        current.currency === currency &&
        current.recurring?.usage_type === "metered" &&
        current.recurring.meter === meter &&
        current.unit_amount_decimal !== null &&
        Stripe.Decimal.from(String(current.unit_amount_decimal)).eq(unitDecimal);
      if (same) {
        report.unchanged.push(`price ${key}`);
        continue;
      }
      await stripe().prices.create(
        {
          product: meterProductIdOf(id),
          currency,
          unit_amount_decimal: unitDecimal,
          recurring: { interval: "month", usage_type: "metered", meter },
          lookup_key: key,
          transfer_lookup_key: true,
          metadata: { meter: id },
        },
        { idempotencyKey: `sync:price:${key}:${unitDecimal.toString()}:${meter}:${current?.id ?? "new"}` },
      );
      report[current ? "updated" : "created"].push(`price ${key}`);
    }
  }
}

export async function syncStripeCatalog(): Promise<SyncReport> {
  const report: SyncReport = { provider: "STRIPE", created: [], updated: [], unchanged: [] };
  for (const tier of PAID_TIERS) await ensureProduct(productIdOf(tier), tierName(tier), { tier }, report);
  for (const [id, spec] of Object.entries(METERS) as [MeterId, (typeof METERS)[MeterId]][]) {
    await ensureProduct(meterProductIdOf(id), spec.displayName, { meter: id }, report);
  }
  const keys = [
    ...catalogPrices().map((p) => p.key),
    ...(Object.keys(METERS) as MeterId[]).flatMap((id) => CURRENCIES.map((c) => meterPriceKey(id, c))),
  ];
  const existing = await pricesByLookupKey(keys);
  await syncRecurringPrices(existing, report);
  const meterIds = await ensureMeters(report);
  await syncMeteredPrices(meterIds, existing, report);
  clearPriceCache();
  return report;
}
