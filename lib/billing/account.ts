// The workspace's billing profile: the email invoices go to, the name and address printed on them,
// and the currency new subscriptions are offered in. When the workspace has a Stripe customer, a
// change is pushed to Stripe first (so both agree, and a Stripe failure writes nothing here).
import "server-only";

import { createHash } from "node:crypto";

import { Prisma } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { logger } from "../observability/logger";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertCan, type TenantContext } from "../tenancy/context";
import { isCurrency, type Currency } from "./catalog";
import type { Address } from "./events";
import { isStripeConfigured } from "./stripe/client";
import { pushCustomerProfile } from "./stripe/customer-profile";
import { billingProfileSchema, type BillingProfileInput } from "./schemas/billing-profile";

export interface BillingProfile {
  email: string | null;
  name: string | null;
  address: Address | null;
  currency: Currency;
}

/** A stored address (JSON) back as an Address, or null when it holds nothing. */
export function readAddress(value: unknown): Address | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === "string" && v[key] ? (v[key] as string) : null);
  const address = {
    line1: text("line1"),
    line2: text("line2"),
    city: text("city"),
    postalCode: text("postalCode"),
    state: text("state"),
    country: text("country"),
  };
  return Object.values(address).some(Boolean) ? address : null;
}

export async function getBillingProfile(ctx: TenantContext): Promise<BillingProfile> {
  assertCan(ctx, "billing:read");
  const account = await withTenant(ctx.tenant.id, (tx) => tx.billingAccount.findFirst({}));
  return {
    email: account?.email ?? null,
    name: account?.name ?? null,
    address: readAddress(account?.address),
    currency: account && isCurrency(account.currency) ? account.currency : "usd",
  };
}

export async function updateBillingProfile(ctx: TenantContext, input: BillingProfileInput): Promise<BillingProfile> {
  assertCan(ctx, "billing:manage");
  const data = parseInput(billingProfileSchema, input);
  const address: Address | null = data.line1
    ? {
        line1: data.line1,
        line2: data.line2,
        city: data.city,
        postalCode: data.postalCode,
        state: data.state,
        country: data.country,
      }
    : null;
  const profile: BillingProfile = { email: data.email, name: data.name, address, currency: data.currency };
  const before = await withTenant(ctx.tenant.id, (tx) => tx.billingAccount.findFirst({}));

  if (before?.stripeCustomerId && isStripeConfigured()) {
    // Same content, same key: a retried save is one update at Stripe.
    const key = createHash("sha256")
      .update(JSON.stringify([before.stripeCustomerId, profile.email, profile.name, profile.address]))
      .digest("hex");
    try {
      await pushCustomerProfile(before.stripeCustomerId, profile, `tessera-profile-${key.slice(0, 40)}`);
    } catch (error) {
      logger.warn("billing profile: Stripe customer update failed", { tenantId: ctx.tenant.id, error });
      throw new AppError("unavailable", "Stripe could not be updated right now, so nothing was saved. Try again.");
    }
  }

  const stored = {
    email: profile.email,
    name: profile.name,
    address: address ? { ...address } : Prisma.DbNull,
    currency: data.currency,
  };
  await withTenant(ctx.tenant.id, async (tx) => {
    await tx.billingAccount.upsert({
      where: { tenantId: ctx.tenant.id },
      create: { tenantId: ctx.tenant.id, ...stored },
      update: stored,
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "billing.profile_updated",
      targetType: "billing_account",
      targetId: ctx.tenant.id,
      before: before
        ? { email: before.email, name: before.name, address: before.address, currency: before.currency }
        : null,
      after: profile,
    });
  });
  return profile;
}
