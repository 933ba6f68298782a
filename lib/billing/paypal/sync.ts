// The PayPal side of the catalog (catalog.ts): one product per paid tier (our own product id) and
// one plan per catalog price, named by its price key, monthly or yearly at a fixed price. A
// missing plan is created, an inactive one activated, a changed amount updated in place (PayPal
// applies it to the plan's subscriptions from their next billing). Running it again changes
// nothing; every create carries a PayPal-Request-Id derived from what it creates.
import "server-only";

import { IntervalUnit, PlanRequestStatus, SetupFeeFailureAction, TenureType } from "@paypal/paypal-server-sdk";

import { tierLabel } from "../../tenancy/tiers";
import { catalogPrices, PAID_TIERS, type CatalogPrice, type PaidTier } from "../catalog";
import type { SyncReport } from "../sync-types";
import { toPaypalMoney } from "./amounts";
import { isPaypalConfigured, paypalFetch, PaypalApiError, paypalSdk, sdkJson, withPaypalRequestId } from "./client";
import { clearPlanCache, listPaypalPlans, planInfo, type PlanInfo } from "./plans";

/** PayPal lets us choose product ids: one per tier, so finding it again is a GET. */
export const paypalProductIdOf = (tier: PaidTier) => `TESSERA-${tier.replaceAll("_", "-")}`;

/** Failed renewals PayPal retries before it suspends the subscription. */
const PAYMENT_FAILURE_THRESHOLD = 3;

async function ensureProduct(tier: PaidTier, report: SyncReport): Promise<void> {
  const id = paypalProductIdOf(tier);
  try {
    await paypalFetch("GET", `/v1/catalogs/products/${encodeURIComponent(id)}`);
    report.unchanged.push(`product ${id}`);
    return;
  } catch (error) {
    if (!(error instanceof PaypalApiError && error.status === 404)) throw error;
  }
  await paypalFetch("POST", "/v1/catalogs/products", {
    requestId: `tessera-product-${id}`,
    body: {
      id,
      name: `Tessera ${tierLabel(tier)}`,
      description: `The Tessera ${tierLabel(tier)} plan.`,
      type: "SERVICE",
      category: "SOFTWARE",
    },
  });
  report.created.push(`product ${id}`);
}

function fixedPrice(price: CatalogPrice) {
  const money = toPaypalMoney(price.unitAmount, price.currency);
  return { currencyCode: money.currency_code, value: money.value };
}

async function createPlan(price: CatalogPrice): Promise<void> {
  await sdkJson(() =>
    paypalSdk().subscriptions.createBillingPlan({
      paypalRequestId: `tessera-plan-${price.key}-${price.unitAmount}`,
      prefer: "return=representation",
      body: {
        productId: paypalProductIdOf(price.tier),
        name: price.key,
        status: PlanRequestStatus.Active,
        description: `Tessera ${tierLabel(price.tier)}, billed ${price.interval === "YEAR" ? "yearly" : "monthly"}.`,
        billingCycles: [
          {
            frequency: {
              intervalUnit: price.interval === "YEAR" ? IntervalUnit.Year : IntervalUnit.Month,
              intervalCount: 1,
            },
            tenureType: TenureType.Regular,
            sequence: 1,
            totalCycles: 0,
            pricingScheme: { fixedPrice: fixedPrice(price) },
          },
        ],
        paymentPreferences: {
          autoBillOutstanding: true,
          setupFeeFailureAction: SetupFeeFailureAction.Continue,
          paymentFailureThreshold: PAYMENT_FAILURE_THRESHOLD,
        },
      },
    }),
  );
}

/** Brings an existing plan in line with the catalog; true when something changed. */
async function alignPlan(plan: PlanInfo, price: CatalogPrice): Promise<boolean> {
  let changed = false;
  if (plan.status !== "ACTIVE") {
    await withPaypalRequestId(`tessera-plan-activate-${plan.id}`, () =>
      sdkJson(() => paypalSdk().subscriptions.activateBillingPlan(plan.id)),
    );
    changed = true;
  }
  if (plan.unitAmount !== price.unitAmount) {
    await withPaypalRequestId(`tessera-plan-price-${plan.id}-${price.unitAmount}`, () =>
      sdkJson(() =>
        paypalSdk().subscriptions.updateBillingPlanPricingSchemes({
          id: plan.id,
          body: {
            pricingSchemes: [
              { billingCycleSequence: plan.regularSequence, pricingScheme: { fixedPrice: fixedPrice(price) } },
            ],
          },
        }),
      ),
    );
    changed = true;
  }
  return changed;
}

export async function syncPaypalCatalog(): Promise<SyncReport> {
  if (!isPaypalConfigured()) throw new Error("PayPal is not configured (PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET).");
  const report: SyncReport = { provider: "PAYPAL", created: [], updated: [], unchanged: [] };
  for (const tier of PAID_TIERS) await ensureProduct(tier, report);

  const existing = (await listPaypalPlans()).map(planInfo).filter((plan): plan is PlanInfo => plan !== null);
  for (const price of catalogPrices()) {
    const candidates = existing.filter(
      (plan) => plan.key === price.key && plan.productId === paypalProductIdOf(price.tier),
    );
    // An active plan is preferred; an inactive one of the same name is revived rather than duplicated.
    const plan = candidates.find((p) => p.status === "ACTIVE") ?? candidates[0];
    if (!plan) {
      await createPlan(price);
      report.created.push(`plan ${price.key}`);
    } else if (await alignPlan(plan, price)) {
      report.updated.push(`plan ${price.key}`);
    } else {
      report.unchanged.push(`plan ${price.key}`);
    }
  }
  clearPlanCache();
  return report;
}
