// The subscription operations the billing portal offers, provider-neutral: each checks
// billing:manage, validates its input (field errors), finds the workspace's subscription in the
// ledger and asks the provider that manages it (subscriptionProvider) to act. The provider's
// answer comes back as domain events through the webhook pipeline; these functions only record
// who asked for what (audit log).
import "server-only";

import type { z } from "zod";

import type { Subscription } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { env } from "../env";
import { AppError, parseInput } from "@/lib/errors";
import { writeAudit, type AuditEntry } from "../tenancy/audit";
import { actorOf, assertCan, type TenantContext } from "../tenancy/context";
import { isTrialActive } from "../tenancy/tiers";
import { PROVIDER_LABELS } from "./catalog";
import { withCheckoutLease } from "./checkout-lease";
import { LIVE_STATUSES } from "./ledger";
import type { PlanChangePreview, SubscriptionRef } from "./provider";
import { assertLocalProviderEnabled } from "./provider-mode";
import { enabledProviders, subscriptionProvider } from "./provider-registry";
import { subscriptionRefOf } from "./stored-subscription";
import {
  checkoutSchema,
  operationSchema,
  planChangeSchema,
  planTargetSchema,
  type RawInput,
} from "./schemas/subscriptions";

/** The workspace's current subscription: the newest live one, or null. */
export async function currentSubscription(tenantId: string): Promise<Subscription | null> {
  return withTenant(tenantId, (tx) =>
    tx.subscription.findFirst({
      where: { status: { in: [...LIVE_STATUSES] } },
      orderBy: { providerCreatedAt: "desc" },
    }),
  );
}

function refOf(row: Subscription): SubscriptionRef {
  return subscriptionRefOf(
    row,
    () => new AppError("bad_request", "This subscription cannot be changed from the portal; contact support."),
  );
}

async function requireSubscription(ctx: TenantContext): Promise<Subscription> {
  const row = await currentSubscription(ctx.tenant.id);
  if (!row) throw AppError.notFound("This workspace has no active subscription.");
  return row;
}

/** Provider idempotency key: the same submitted form (nonce) is the same operation. */
function idempotencyKey(ctx: TenantContext, operation: string, value: string): string {
  return `tessera:${ctx.tenant.id}:${operation}:${value}`;
}

async function audit(ctx: TenantContext, entry: AuditEntry): Promise<void> {
  await withTenant(ctx.tenant.id, (tx) => writeAudit(tx, ctx.tenant.id, actorOf(ctx), entry));
}

const portalUrl = (ctx: TenantContext, query = "") =>
  new URL(`/t/${ctx.tenant.slug}/billing${query}`, env.APP_URL).toString();

/** Starts a subscription: where to send the browser (the provider's checkout or the local one). */
export async function startCheckout(
  ctx: TenantContext,
  input: RawInput<typeof checkoutSchema>,
  now = new Date(),
): Promise<{ redirectUrl: string }> {
  assertCan(ctx, "billing:manage");
  const data = parseInput(checkoutSchema, input);
  if (!enabledProviders().includes(data.provider)) {
    throw new AppError("validation_failed", "That payment method is not available.", {
      provider: [`${PROVIDER_LABELS[data.provider]} is not enabled here.`],
    });
  }
  // One checkout at a time per workspace: the second sees the first's subscription (or, with
  // Stripe, replaces its still-open Checkout Session) instead of both becoming payable.
  return withCheckoutLease(ctx.tenant.id, async () => {
    if (await currentSubscription(ctx.tenant.id)) {
      throw new AppError("conflict", "This workspace already has a subscription. Change its plan instead.");
    }
    const account = await withTenant(ctx.tenant.id, (tx) =>
      tx.billingAccount.findFirst({ select: { email: true, name: true, stripeCustomerId: true } }),
    );
    const trialEnd = isTrialActive(ctx.tenant, now) ? ctx.tenant.trialEndsAt : null;
    const start = await subscriptionProvider(data.provider).startCheckout({
      tenant: { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name },
      account: {
        email: account?.email ?? null,
        name: account?.name ?? null,
        stripeCustomerId: account?.stripeCustomerId ?? null,
      },
      tier: data.tier,
      interval: data.interval,
      currency: data.currency,
      trialEnd,
      successUrl: portalUrl(ctx, "?checkout=success"),
      cancelUrl: portalUrl(ctx, "?checkout=canceled"),
      idempotencyKey: idempotencyKey(ctx, "checkout", data.nonce),
      actorEmail: ctx.user.email,
    });
    await audit(ctx, {
      action: "billing.checkout_started",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      after: { tier: data.tier, interval: data.interval, currency: data.currency, provider: data.provider, trialEnd },
    });
    return { redirectUrl: start.url };
  });
}

function assertChangeable(row: Subscription, target: z.output<typeof planTargetSchema>): void {
  if (row.tier === target.tier && row.interval === target.interval) {
    throw new AppError("validation_failed", "That is the current plan.", { tier: ["That is the current plan."] });
  }
  if (row.status === "PAST_DUE") {
    throw new AppError("conflict", "The last payment failed. Update the payment method before changing plans.");
  }
}

export async function previewPlanChange(
  ctx: TenantContext,
  input: RawInput<typeof planTargetSchema>,
  now = new Date(),
): Promise<PlanChangePreview> {
  assertCan(ctx, "billing:manage");
  const target = parseInput(planTargetSchema, input);
  const row = await requireSubscription(ctx);
  assertChangeable(row, target);
  return subscriptionProvider(row.provider).previewPlanChange(refOf(row), target, now);
}

export async function changePlan(
  ctx: TenantContext,
  input: RawInput<typeof planChangeSchema>,
): Promise<{ redirectUrl: string | null }> {
  assertCan(ctx, "billing:manage");
  const data = parseInput(planChangeSchema, input);
  const row = await requireSubscription(ctx);
  const target = { tier: data.tier, interval: data.interval };
  assertChangeable(row, target);
  const result = await subscriptionProvider(row.provider).changePlan(
    refOf(row),
    target,
    idempotencyKey(ctx, "change", data.nonce),
  );
  await audit(ctx, {
    action: "billing.plan_changed",
    targetType: "subscription",
    targetId: row.id,
    before: { tier: row.tier, interval: row.interval, unitAmount: row.unitAmount },
    after: { ...target, pendingApproval: result.redirectUrl !== null },
  });
  return result;
}

/** Cancels at the end of the current period (the workspace keeps its plan until then). */
export async function cancelSubscription(ctx: TenantContext, input: RawInput<typeof operationSchema>): Promise<void> {
  assertCan(ctx, "billing:manage");
  const data = parseInput(operationSchema, input);
  const row = await requireSubscription(ctx);
  if (row.cancelAtPeriodEnd) return;
  await subscriptionProvider(row.provider).cancelAtPeriodEnd(refOf(row), idempotencyKey(ctx, "cancel", data.nonce));
  await audit(ctx, {
    action: "billing.cancel_requested",
    targetType: "subscription",
    targetId: row.id,
    after: { cancelAtPeriodEnd: true, endsAt: row.currentPeriodEnd },
  });
}

export async function resumeSubscription(ctx: TenantContext, input: RawInput<typeof operationSchema>): Promise<void> {
  assertCan(ctx, "billing:manage");
  const data = parseInput(operationSchema, input);
  const row = await requireSubscription(ctx);
  if (!row.cancelAtPeriodEnd) return;
  await subscriptionProvider(row.provider).resume(refOf(row), idempotencyKey(ctx, "resume", data.nonce));
  await audit(ctx, {
    action: "billing.resumed",
    targetType: "subscription",
    targetId: row.id,
    after: { cancelAtPeriodEnd: false },
  });
}

/** Where the member updates the payment method: the provider's page or the local one. */
export async function paymentMethodUrl(ctx: TenantContext): Promise<string> {
  assertCan(ctx, "billing:manage");
  const { latest, account } = await withTenant(ctx.tenant.id, async (tx) => ({
    latest:
      (await tx.subscription.findFirst({
        where: { status: { in: [...LIVE_STATUSES] } },
        orderBy: { providerCreatedAt: "desc" },
      })) ?? (await tx.subscription.findFirst({ orderBy: { providerCreatedAt: "desc" } })),
    account: await tx.billingAccount.findFirst({ select: { stripeCustomerId: true, paypalPayerId: true } }),
  }));
  const provider = latest?.provider ?? enabledProviders()[0];
  // The simulated card form serves only where the simulated provider does (not for a demo leftover).
  if (!provider || provider === "LOCAL") assertLocalProviderEnabled();
  if (!provider) throw new AppError("bad_request", "Payments are not configured on this installation.");
  const customerId =
    provider === "STRIPE"
      ? (account?.stripeCustomerId ?? null)
      : provider === "PAYPAL"
        ? (account?.paypalPayerId ?? null)
        : null;
  const url = await subscriptionProvider(provider).paymentMethodUrl({
    tenantId: ctx.tenant.id,
    customerId,
    returnUrl: portalUrl(ctx),
  });
  if (!url) {
    throw new AppError(
      "bad_request",
      `${PROVIDER_LABELS[provider]} manages this payment method; update it in your ${PROVIDER_LABELS[provider]} account.`,
    );
  }
  return url;
}
