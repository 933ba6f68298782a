// Cache warmers: one per namespace that can be filled ahead of demand. Each runs in pages (a
// cursor), so the console shows progress and a long warm never holds one request; running one
// twice changes nothing (entries already fresh are left alone). Run from the console, the API
// (POST /api/v1/redis/cache/warm) or the scheduler (POST /api/cron/cache-warm).
import "server-only";

import { z } from "zod";

import { catalogPrices, CURRENCIES, isPaidTier, priceOf } from "../billing/catalog";
import { getDb } from "../db/client";
import { AppError, parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { TIER_DEFINITIONS, TIERS } from "../tenancy/tiers";
import type { ReadThroughCache } from "../cache/cache";
import { appCache, NAMESPACES } from "../cache/namespaces";
import { writePlatformAudit } from "./console";

export interface WarmPage {
  /** Entries written now, and entries already cached. */
  written: number;
  present: number;
  /** Where the next page starts; null when done. */
  cursor: string | null;
  /** Total entries this warmer covers (for progress). */
  total: number;
}

interface Warmer {
  namespace: string;
  description: string;
  page(cache: ReadThroughCache, cursor: string | null, size: number): Promise<WarmPage>;
}

/** The plan catalog value (tiers with limits and features, and every recurring price). */
export function planCatalog() {
  return { tiers: TIERS.map((tier) => TIER_DEFINITIONS[tier]), prices: catalogPrices() };
}

/** The pricing table for one currency: monthly and yearly price per tier (null for free). */
export function pricingTable(currency: (typeof CURRENCIES)[number]) {
  return TIERS.map((tier) => ({
    tier,
    label: TIER_DEFINITIONS[tier].label,
    monthly: isPaidTier(tier) ? priceOf(tier, "MONTH", currency) : null,
    yearly: isPaidTier(tier) ? priceOf(tier, "YEAR", currency) : null,
  }));
}

export async function cachedPlanCatalog(cache = appCache()) {
  return cache.get(NAMESPACES.planCatalog, "all", async () => planCatalog());
}

export async function cachedPricingTable(currency: (typeof CURRENCIES)[number], cache = appCache()) {
  return cache.get(NAMESPACES.pricing, currency, async () => pricingTable(currency));
}

/** Active tenants in id order, one page after `cursor`. */
async function activeTenants(cursor: string | null, size: number, where: object = {}) {
  const db = await getDb();
  const filter = { status: "ACTIVE" as const, ...where };
  const [rows, total] = await Promise.all([
    db.tenant.findMany({
      where: { ...filter, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: size,
    }),
    db.tenant.count({ where: filter }),
  ]);
  return { rows, total, next: rows.length === size ? (rows[rows.length - 1]?.id ?? null) : null };
}

export const WARMERS: Warmer[] = [
  {
    namespace: NAMESPACES.tenantSlug.name,
    description: "Every active tenant's slug → id and its tenant row (the tenant context).",
    async page(cache, cursor, size) {
      const { rows, total, next } = await activeTenants(cursor, size);
      const slugs = await cache.primeMany(
        NAMESPACES.tenantSlug,
        rows.map((t) => ({ id: t.slug, value: t.id })),
      );
      await cache.primeMany(
        NAMESPACES.tenant,
        rows.map((t) => ({ id: "row", tenantId: t.id, value: t })),
      );
      return { ...slugs, cursor: next, total };
    },
  },
  {
    namespace: NAMESPACES.tenantDomain.name,
    description: "Every verified custom domain → tenant id.",
    async page(cache, cursor, size) {
      const { rows, total, next } = await activeTenants(cursor, size, { customDomain: { not: null } });
      const written = await cache.primeMany(
        NAMESPACES.tenantDomain,
        rows.flatMap((t) => (t.customDomain ? [{ id: t.customDomain, value: t.id }] : [])),
      );
      return { ...written, cursor: next, total };
    },
  },
  {
    namespace: NAMESPACES.planCatalog.name,
    description: "The plan catalog.",
    async page(cache) {
      return {
        ...(await cache.primeMany(NAMESPACES.planCatalog, [{ id: "all", value: planCatalog() }])),
        cursor: null,
        total: 1,
      };
    },
  },
  {
    namespace: NAMESPACES.pricing.name,
    description: "The pricing table in every currency.",
    async page(cache) {
      const entries = CURRENCIES.map((currency) => ({ id: currency, value: pricingTable(currency) }));
      return { ...(await cache.primeMany(NAMESPACES.pricing, entries)), cursor: null, total: entries.length };
    },
  },
];

export const warmBodySchema = z.object({
  namespace: z.enum(WARMERS.map((w) => w.namespace) as [string, ...string[]], {
    error: `One of: ${WARMERS.map((w) => w.namespace).join(", ")}.`,
  }),
  cursor: z.string().trim().min(1).max(64).nullish(),
  page_size: z.coerce.number().int().min(1).max(1_000).default(200),
});

export interface WarmResult extends WarmPage {
  namespace: string;
  pages: number;
  durationMs: number;
  done: boolean;
}

/**
 * Warms a namespace from `cursor`, page by page, until done or `budgetMs` ran out (then `cursor`
 * says where to go on). Audit-logged when it finishes.
 */
export async function warmNamespace(
  operator: Operator,
  input: z.input<typeof warmBodySchema>,
  options: { cache?: ReadThroughCache; budgetMs?: number; maxPages?: number } = {},
): Promise<WarmResult> {
  assertOperator(operator);
  const { namespace, cursor: start, page_size: size } = parseInput(warmBodySchema, input);
  const warmer = WARMERS.find((w) => w.namespace === namespace);
  if (!warmer) throw AppError.notFound("No warmer for that namespace.");
  const cache = options.cache ?? appCache();
  const started = performance.now();
  let cursor = start ?? null;
  let written = 0;
  let present = 0;
  let total = 0;
  let pages = 0;
  do {
    const page = await warmer.page(cache, cursor, size);
    written += page.written;
    present += page.present;
    total = page.total;
    cursor = page.cursor;
    pages += 1;
  } while (
    cursor !== null &&
    pages < (options.maxPages ?? Infinity) &&
    performance.now() - started < (options.budgetMs ?? 20_000)
  );
  const result: WarmResult = {
    namespace,
    written,
    present,
    total,
    cursor,
    pages,
    done: cursor === null,
    durationMs: Math.round(performance.now() - started),
  };
  if (result.done) {
    // A run resumed from a cursor (the console warms page by page) counts only its own pages.
    await writePlatformAudit(operator, "cache.warmed", namespace, {
      written,
      present,
      total,
      pages,
      resumed: Boolean(start),
    });
  }
  return result;
}

/** The scheduler's job: every warmer to the end. */
export async function warmAll(cache = appCache()): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const warmer of WARMERS) {
    let cursor: string | null = null;
    let written = 0;
    do {
      const page = await warmer.page(cache, cursor, 500);
      written += page.written;
      cursor = page.cursor;
    } while (cursor !== null);
    out[warmer.namespace] = written;
  }
  return out;
}
