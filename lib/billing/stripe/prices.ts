// Price ids by lookup key (catalog.ts names them; `npm run billing:sync` creates them), cached
// for a few minutes: checkout and plan changes need one per request.
import "server-only";

import { AppError } from "@/lib/errors";
import { stripe } from "./client";

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { id: string; expires: number }>();

export async function priceIdByLookupKey(key: string): Promise<string> {
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.id;
  const list = await stripe().prices.list({ lookup_keys: [key], active: true, limit: 1 });
  const price = list.data[0];
  if (!price) throw new AppError("unavailable", `Stripe has no active price "${key}"; run npm run billing:sync.`);
  cache.set(key, { id: price.id, expires: Date.now() + TTL_MS });
  return price.id;
}

/** Forgets cached ids (after the catalog sync moved a lookup key to a new price). */
export function clearPriceCache(): void {
  cache.clear();
}
