// PayPal plans ⇄ the catalog. A plan is named by its price key (catalog.ts priceKey), so a plan
// id resolves to (tier, interval, currency) by reading the plan (cached), and a price key resolves
// to the plan id through a cached list of the account's plans (refreshed once on a miss).
import "server-only";

import type { BillingInterval } from "../../db/generated/enums";
import { AppError } from "@/lib/errors";
import { parsePriceKey, type Currency, type PaidTier } from "../catalog";
import { fromPaypalMoney } from "./amounts";
import { paypalSdk, PaypalApiError, sdkJson } from "./client";
import { paypalPlan, type PaypalPlan } from "./resources";

export interface PlanInfo {
  id: string;
  productId: string | null;
  key: string;
  status: string;
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  /** The REGULAR cycle's fixed price, in minor units. */
  unitAmount: number;
  /** The REGULAR cycle's sequence (pricing updates name it). */
  regularSequence: number;
}

/** Plans change price rarely (billing:sync); a reading is trusted this long. */
const PLAN_TTL_MS = 10 * 60_000;

const byId = new Map<string, { plan: PlanInfo | null; until: number }>();
let byKey: { plans: Map<string, string>; until: number } | null = null;

export function clearPlanCache(): void {
  byId.clear();
  byKey = null;
}

/** The plan as Tessera understands it; null for plans that are not ours (name not a price key). */
export function planInfo(plan: PaypalPlan): PlanInfo | null {
  const parsed = plan.name ? parsePriceKey(plan.name) : null;
  if (!parsed || !plan.name) return null;
  const regular = plan.billing_cycles?.find((cycle) => cycle.tenure_type === "REGULAR");
  const price = regular?.pricing_scheme?.fixed_price;
  if (!price) return null;
  const money = fromPaypalMoney(price);
  if (money.currency !== parsed.currency) return null;
  return {
    id: plan.id,
    productId: plan.product_id ?? null,
    key: plan.name,
    status: plan.status ?? "ACTIVE",
    ...parsed,
    unitAmount: money.amount,
    regularSequence: regular?.sequence ?? 1,
  };
}

/** Reads plan `planId` (cached); null when PayPal does not know it or it is not one of ours. */
export async function planById(planId: string): Promise<PlanInfo | null> {
  const cached = byId.get(planId);
  if (cached && cached.until > Date.now()) return cached.plan;
  let plan: PlanInfo | null;
  try {
    const json = await sdkJson(() => paypalSdk().subscriptions.getBillingPlan(planId));
    plan = planInfo(paypalPlan.parse(json));
  } catch (error) {
    if (!(error instanceof PaypalApiError && error.status === 404)) throw error;
    plan = null;
  }
  byId.set(planId, { plan, until: Date.now() + PLAN_TTL_MS });
  return plan;
}

/** Every plan of the account (optionally of one product), full representation, all pages. */
export async function listPaypalPlans(productId?: string): Promise<PaypalPlan[]> {
  const plans: PaypalPlan[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const json = (await sdkJson(() =>
      paypalSdk().subscriptions.listBillingPlans({
        productId,
        pageSize: 20,
        page,
        totalRequired: true,
        prefer: "return=representation",
      }),
    )) as { plans?: unknown[]; total_pages?: number } | null;
    const batch = (json?.plans ?? []).map((raw) => paypalPlan.parse(raw));
    plans.push(...batch);
    const totalPages = typeof json?.total_pages === "number" ? json.total_pages : page;
    if (batch.length === 0 || page >= totalPages) break;
  }
  return plans;
}

async function loadKeys(): Promise<Map<string, string>> {
  const plans = new Map<string, string>();
  for (const raw of await listPaypalPlans()) {
    const plan = planInfo(raw);
    if (!plan || plan.status !== "ACTIVE") continue;
    plans.set(plan.key, plan.id);
    byId.set(plan.id, { plan, until: Date.now() + PLAN_TTL_MS });
  }
  byKey = { plans, until: Date.now() + PLAN_TTL_MS };
  return plans;
}

/** The active plan named `key`; 503 when there is none (the catalog was never synced). */
export async function planIdForKey(key: string): Promise<string> {
  const cached = byKey && byKey.until > Date.now() ? byKey.plans.get(key) : undefined;
  if (cached) return cached;
  const id = (await loadKeys()).get(key);
  if (!id) {
    throw new AppError(
      "unavailable",
      `PayPal has no active plan ${key} yet: run "npm run billing:sync" to create the catalog.`,
    );
  }
  return id;
}
