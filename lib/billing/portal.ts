// Everything the billing portal shows, read in one place under the workspace's tenant scope:
// the subscription, plan limits and usage, payment method, invoices, one-time orders, dunning,
// metered usage and the payment providers on offer.
import "server-only";

import type { BillingProvider, Tier } from "../db/generated/enums";
import { withTenant } from "../db/tenant";
import { env } from "../env";
import { logger } from "../observability/logger";
import { assertCan, type TenantContext } from "../tenancy/context";
import { assertOperator, type Operator } from "../tenancy/operator";
import { can } from "../tenancy/permissions";
import { isTrialActive, TIER_DEFINITIONS, type TierLimits } from "../tenancy/tiers";
import { getUsageSummary, type UsageDimension } from "../usage/summary";
import { AppError } from "@/lib/errors";
import { getBillingProfile, readAddress, type BillingProfile } from "./account";
import { countryOptions } from "./schemas/billing-profile";
import type { Currency } from "./catalog";
import {
  readInvoiceLines,
  type InvoiceState,
  type OrderState,
  type PaymentMethodSummary,
  type SubscriptionState,
} from "./events";
import { renderInvoicePdf } from "./invoice-pdf";
import { LIVE_STATUSES } from "./ledger";
import { meteredUsageForPortal, type PortalMeteredUsage } from "./metering";
import { enabledProviders } from "./provider-registry";
import { readPaymentMethod } from "./local/cards";

export interface PortalSubscription extends Pick<
  SubscriptionState,
  | "provider"
  | "tier"
  | "interval"
  | "status"
  | "currency"
  | "unitAmount"
  | "currentPeriodStart"
  | "currentPeriodEnd"
  | "trialEnd"
  | "cancelAtPeriodEnd"
> {
  id: string;
}

export interface PortalInvoice extends Pick<
  InvoiceState,
  "status" | "currency" | "total" | "amountDue" | "periodStart" | "periodEnd"
> {
  id: string;
  number: string;
  issuedAt: Date;
  /** Metered usage billed on this invoice (its overage lines), minor units. */
  overage: number;
  /** Tessera's PDF route (which redirects to the provider's PDF when there is one). */
  pdfHref: string;
}

export interface PortalOrder extends Pick<OrderState, "provider" | "status" | "currency" | "amount"> {
  id: string;
  description: string;
  createdAt: Date;
}

export interface DunningState {
  pastDueSince: Date;
  graceEndsAt: Date | null;
}

export interface BillingPortal {
  /** The tier the workspace pays for, and the tier whose limits apply now (a trial's). */
  paidTier: Tier;
  effectiveTier: Tier;
  /** Tessera's own trial, while it runs (no provider subscription yet). */
  trial: { tier: Tier; endsAt: Date } | null;
  subscription: PortalSubscription | null;
  limits: TierLimits;
  usage: UsageDimension[];
  usagePeriodEnd: Date;
  paymentMethod: PaymentMethodSummary | null;
  invoices: PortalInvoice[];
  orders: PortalOrder[];
  dunning: DunningState | null;
  /** null until metering reports something for this workspace (or while it is unavailable). */
  metered: PortalMeteredUsage | null;
  providers: BillingProvider[];
  /** PayPal's public client id for its buttons, when PayPal is enabled. */
  paypalClientId: string | null;
  profile: BillingProfile;
  /** The currency new subscriptions are offered in. */
  currency: Currency;
  countries: { code: string; name: string }[];
  canManage: boolean;
}

async function meteredUsage(tenantId: string, now: Date): Promise<PortalMeteredUsage | null> {
  try {
    return await meteredUsageForPortal(tenantId, now);
  } catch (error) {
    // Metering may not be available (or not built yet): the portal shows the rest.
    if (!(error instanceof Error && error.message === "not implemented yet")) {
      logger.warn("billing portal: metered usage unavailable", { tenantId, error });
    }
    return null;
  }
}

/** A trial the workspace is in: Tessera's own, or the provider's on a subscription (checkout carries
 * the remaining days over to it, so the workspace is still on trial although its own has ended). */
export interface WorkspaceTrial {
  tier: Tier;
  endsAt: Date;
  /** true when the trial runs on a subscription: the first payment is taken at endsAt. */
  subscribed: boolean;
}

/** The provider's trial on the workspace's newest trialing subscription, while it runs. */
async function providerTrial(tenantId: string, now: Date): Promise<{ tier: Tier; endsAt: Date } | null> {
  const subscription = await withTenant(tenantId, (tx) =>
    tx.subscription.findFirst({
      where: { status: "TRIALING", trialEnd: { gt: now } },
      orderBy: { providerCreatedAt: "desc" },
      select: { tier: true, trialEnd: true },
    }),
  );
  return subscription?.trialEnd ? { tier: subscription.tier, endsAt: subscription.trialEnd } : null;
}

/** The trial every workspace page shows (overview, sidebar), the same one the billing page shows. */
export async function workspaceTrial(ctx: TenantContext, now = new Date()): Promise<WorkspaceTrial | null> {
  const { tenant } = ctx;
  if (isTrialActive(tenant, now) && tenant.trialTier && tenant.trialEndsAt) {
    return { tier: tenant.trialTier, endsAt: tenant.trialEndsAt, subscribed: false };
  }
  const trial = await providerTrial(tenant.id, now);
  return trial && { ...trial, subscribed: true };
}

/** The operator's view of the same: a subscription's provider trial, for the tenant page. */
export async function subscriptionTrialFor(
  operator: Operator,
  tenantId: string,
  now = new Date(),
): Promise<{ tier: Tier; endsAt: Date } | null> {
  assertOperator(operator);
  return providerTrial(tenantId, now);
}

export async function loadBillingPortal(ctx: TenantContext, now = new Date()): Promise<BillingPortal> {
  assertCan(ctx, "billing:read");
  const tenantId = ctx.tenant.id;
  const base = `/t/${ctx.tenant.slug}/billing`;
  const ledger = await withTenant(tenantId, async (tx) => ({
    tenant: await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { tier: true, trialTier: true, trialEndsAt: true },
    }),
    account: await tx.billingAccount.findFirst({}),
    subscription: await tx.subscription.findFirst({
      where: { status: { in: [...LIVE_STATUSES] } },
      orderBy: { providerCreatedAt: "desc" },
    }),
    invoices: await tx.invoice.findMany({ orderBy: { providerCreatedAt: "desc" }, take: 200 }),
    orders: await tx.order.findMany({ orderBy: { providerCreatedAt: "desc" }, take: 100 }),
  }));
  const [usage, metered, profile] = await Promise.all([
    getUsageSummary(ctx, now),
    meteredUsage(tenantId, now),
    getBillingProfile(ctx),
  ]);
  const { tenant, account, subscription } = ledger;
  const trial =
    isTrialActive(tenant, now) && tenant.trialTier && tenant.trialEndsAt
      ? { tier: tenant.trialTier, endsAt: tenant.trialEndsAt }
      : null;
  const effectiveTier = trial ? trial.tier : tenant.tier;
  const providers = enabledProviders();

  return {
    paidTier: tenant.tier,
    effectiveTier,
    trial,
    subscription: subscription && {
      id: subscription.id,
      provider: subscription.provider,
      tier: subscription.tier,
      interval: subscription.interval,
      status: subscription.status,
      currency: subscription.currency,
      unitAmount: subscription.unitAmount,
      currentPeriodStart: subscription.currentPeriodStart,
      currentPeriodEnd: subscription.currentPeriodEnd,
      trialEnd: subscription.trialEnd,
      cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    },
    limits: TIER_DEFINITIONS[effectiveTier].limits,
    usage: usage.dimensions,
    usagePeriodEnd: usage.periodEnd,
    paymentMethod: readPaymentMethod(account?.paymentMethod),
    invoices: ledger.invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number ?? invoice.providerId,
      status: invoice.status,
      currency: invoice.currency,
      total: invoice.total,
      amountDue: invoice.amountDue,
      overage: readInvoiceLines(invoice.lines)
        .filter((line) => line.meter)
        .reduce((total, line) => total + line.amount, 0),
      issuedAt: invoice.providerCreatedAt,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      pdfHref: `${base}/invoices/${encodeURIComponent(invoice.id)}/pdf`,
    })),
    orders: ledger.orders.map((order) => ({
      id: order.id,
      provider: order.provider,
      description: order.description ?? "One-time purchase",
      status: order.status,
      currency: order.currency,
      amount: order.amount,
      createdAt: order.providerCreatedAt,
    })),
    dunning: account?.pastDueSince ? { pastDueSince: account.pastDueSince, graceEndsAt: account.graceEndsAt } : null,
    metered,
    providers,
    paypalClientId: providers.includes("PAYPAL") ? (env.PAYPAL_CLIENT_ID ?? null) : null,
    profile,
    currency: profile.currency,
    countries: countryOptions(),
    canManage: can(ctx.role, "billing:manage"),
  };
}

export interface DunningNotice {
  graceEndsAt: Date | null;
  tier: Tier;
}

/**
 * The past-due notice for the workspace banner: only for members who can fix it (billing:manage)
 * and only while a paid plan is at stake.
 */
export async function dunningNotice(ctx: TenantContext): Promise<DunningNotice | null> {
  if (!can(ctx.role, "billing:manage") || ctx.tenant.tier === "FREE") return null;
  const account = await withTenant(ctx.tenant.id, (tx) =>
    tx.billingAccount.findFirst({ select: { pastDueSince: true, graceEndsAt: true } }),
  );
  if (!account?.pastDueSince) return null;
  return { graceEndsAt: account.graceEndsAt, tier: ctx.tenant.tier };
}

export type InvoiceDownload = { kind: "redirect"; url: string } | { kind: "pdf"; filename: string; bytes: Uint8Array };

/**
 * An invoice of this workspace as a download: the provider's PDF when it hosts one (Stripe),
 * otherwise rendered here. Another workspace's invoice id is simply not found.
 */
export async function invoiceDownload(ctx: TenantContext, invoiceId: string): Promise<InvoiceDownload> {
  assertCan(ctx, "billing:read");
  const found = await withTenant(ctx.tenant.id, async (tx) => ({
    invoice: invoiceId.length <= 64 ? await tx.invoice.findFirst({ where: { id: invoiceId } }) : null,
    tenant: await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { name: true } }),
    account: await tx.billingAccount.findFirst({}),
  }));
  const { invoice, tenant, account } = found;
  if (!invoice) throw AppError.notFound("Invoice not found.");
  if (invoice.pdfUrl && /^https:\/\//.test(invoice.pdfUrl)) return { kind: "redirect", url: invoice.pdfUrl };
  const number = invoice.number ?? invoice.providerId;
  const bytes = await renderInvoicePdf({
    issuer: "Tessera",
    tenantName: tenant.name,
    billTo: { name: account?.name ?? null, email: account?.email ?? null, address: readAddress(account?.address) },
    invoice: {
      number,
      status: invoice.status,
      currency: invoice.currency,
      subtotal: invoice.subtotal,
      tax: invoice.tax,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      amountDue: invoice.amountDue,
      lines: readInvoiceLines(invoice.lines),
      issuedAt: invoice.providerCreatedAt,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      dueAt: invoice.dueAt,
      paidAt: invoice.paidAt,
    },
  });
  return { kind: "pdf", filename: `invoice-${number.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`, bytes };
}
