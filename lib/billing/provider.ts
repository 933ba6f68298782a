// One interface for every payment provider's subscription operations. lib/billing/subscriptions.ts
// calls it; pages only choose which checkout buttons to show (enabledProviders()).
import type { BillingInterval, BillingProvider, SubscriptionStatus } from "../db/generated/enums";
import type { Currency, PaidTier } from "./catalog";

export interface CheckoutInput {
  tenant: { id: string; slug: string; name: string };
  account: { email: string | null; name: string | null; stripeCustomerId: string | null };
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  /** While Tessera's own trial runs, the provider's trial ends when it would have. */
  trialEnd: Date | null;
  successUrl: string;
  cancelUrl: string;
  /** Sent as Idempotency-Key / PayPal-Request-Id: the same checkout attempt never creates two. */
  idempotencyKey: string;
  /** The signed-in member starting checkout (becomes the customer's email when none is on file). */
  actorEmail: string;
}

export type CheckoutStart =
  /** Send the browser here (Stripe Checkout, the local simulated checkout, PayPal's approval page). */
  { kind: "redirect"; url: string };

/** The subscription as the ledger holds it: what an operation acts on. */
export interface SubscriptionRef {
  tenantId: string;
  provider: BillingProvider;
  providerId: string;
  tier: PaidTier;
  interval: BillingInterval;
  status: SubscriptionStatus;
  currency: Currency;
  unitAmount: number;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
}

export interface PlanTarget {
  tier: PaidTier;
  interval: BillingInterval;
}

export interface ProrationLine {
  description: string;
  /** Minor units; negative for a credit. */
  amount: number;
}

export interface PlanChangePreview {
  currency: Currency;
  lines: ProrationLine[];
  /** What is charged (positive) or credited (negative) now. */
  dueNow: number;
  /** The new recurring price per interval. */
  nextAmount: number;
  nextBillingAt: Date | null;
}

export interface SubscriptionProvider {
  readonly id: BillingProvider;
  startCheckout(input: CheckoutInput): Promise<CheckoutStart>;
  previewPlanChange(subscription: SubscriptionRef, target: PlanTarget, now: Date): Promise<PlanChangePreview>;
  /** Changes the plan; a redirect URL when the buyer must approve the change at the provider (PayPal). */
  changePlan(
    subscription: SubscriptionRef,
    target: PlanTarget,
    idempotencyKey: string,
  ): Promise<{ redirectUrl: string | null }>;
  cancelAtPeriodEnd(subscription: SubscriptionRef, idempotencyKey: string): Promise<void>;
  resume(subscription: SubscriptionRef, idempotencyKey: string): Promise<void>;
  /** Ends the subscription now (dunning downgrade after the grace period). */
  cancelNow(subscription: SubscriptionRef, idempotencyKey: string): Promise<void>;
  /** A provider-hosted page to manage payment methods (Stripe's Customer Portal); null when there is none. */
  paymentMethodUrl(input: { tenantId: string; customerId: string | null; returnUrl: string }): Promise<string | null>;
}
