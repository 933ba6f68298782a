// The local provider's simulated checkout (the embedded default when no Stripe or PayPal keys are
// set): the order summary of a signed session and a test card form. billing:manage only; the
// session must belong to this workspace and not have expired.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { CheckoutView } from "@/components/billing/checkout-view";
import { PageHeader } from "@/components/ui/page-header";
import { describeLocalCheckout } from "@/lib/billing/local/checkout";
import { enabledProviders } from "@/lib/billing/provider-registry";
import { isAppError } from "@/lib/errors";
import { requireTenantPage } from "@/lib/http/tenant";

import { completeCheckoutAction } from "../actions";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { session } = await searchParams;
  const ctx = await requireTenantPage(slug, "billing:manage");
  if (!enabledProviders().includes("LOCAL")) notFound();
  const token = typeof session === "string" ? session : "";
  const billingHref = `/t/${ctx.tenant.slug}/billing`;
  const summary = await describeLocalCheckout(ctx, token).catch((error: unknown) => {
    if (isAppError(error) && error.code !== "forbidden") return error.message;
    throw error;
  });
  if (typeof summary !== "string" && summary.completed) redirect(`${billingHref}?checkout=success`);

  return (
    <>
      <PageHeader title="Checkout" description="Review the plan and pay with a test card." />
      <CheckoutView
        summary={summary}
        billingHref={billingHref}
        session={token}
        cardholder={ctx.user.name ?? ""}
        action={completeCheckoutAction.bind(null, ctx.tenant.slug)}
      />
    </>
  );
}
