// The self-service billing portal: plan and status, upgrade or change plan (with the prorated
// amount), cancel at period end and resume, usage against limits, metered usage, payment method,
// invoices (PDF), one-time purchases and billing details. billing:read to see it; the actions need
// billing:manage (owners and billing members), which they check again.
import type { Metadata } from "next";

import { BillingPortalView, type PortalNotice } from "@/components/billing/billing-portal";
import { PageHeader } from "@/components/ui/page-header";
import { loadBillingPortal } from "@/lib/billing/portal";
import { requireTenantPage } from "@/lib/http/tenant";

import {
  cancelSubscriptionAction,
  changePlanAction,
  paymentMethodAction,
  previewPlanChangeAction,
  resumeSubscriptionAction,
  startCheckoutAction,
  updateBillingProfileAction,
} from "./actions";

export const metadata: Metadata = { title: "Billing" };

const NOTICES: Record<string, PortalNotice> = {
  "checkout:success": "checkout-success",
  "checkout:canceled": "checkout-canceled",
  "card:updated": "card-updated",
};

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const ctx = await requireTenantPage(slug, "billing:read");
  const portal = await loadBillingPortal(ctx);
  const notice = NOTICES[`checkout:${String(query.checkout)}`] ?? NOTICES[`card:${String(query.card)}`] ?? null;
  const tenantSlug = ctx.tenant.slug;

  return (
    <>
      <PageHeader title="Billing" description="Your plan, payment method, invoices and billing details." />
      <BillingPortalView
        portal={portal}
        slug={tenantSlug}
        notice={notice}
        actions={{
          startCheckout: startCheckoutAction.bind(null, tenantSlug),
          previewPlanChange: previewPlanChangeAction.bind(null, tenantSlug),
          changePlan: changePlanAction.bind(null, tenantSlug),
          cancel: cancelSubscriptionAction.bind(null, tenantSlug),
          resume: resumeSubscriptionAction.bind(null, tenantSlug),
          paymentMethod: paymentMethodAction.bind(null, tenantSlug),
          updateProfile: updateBillingProfileAction.bind(null, tenantSlug),
        }}
      />
    </>
  );
}
