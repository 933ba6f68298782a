// The local provider's simulated payment-method page: saves a test card as the workspace's
// payment method (a past-due subscription is charged again at once). billing:manage only.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { CardForm } from "@/components/billing/card-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { enabledProviders } from "@/lib/billing/provider-registry";
import { requireTenantPage } from "@/lib/http/tenant";

import { updateLocalCardAction } from "../actions";

export const metadata: Metadata = { title: "Payment method" };

export default async function PaymentMethodPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "billing:manage");
  if (!enabledProviders().includes("LOCAL")) notFound();

  return (
    <>
      <PageHeader title="Update payment method" description="The new card is used for renewals and plan changes." />
      <Card className="max-w-xl">
        <CardHeader>
          <CardTitle>Card details</CardTitle>
          <CardDescription>
            A card ending 0002 is saved but declines every charge, so you can see what a failed renewal does.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CardForm
            action={updateLocalCardAction.bind(null, ctx.tenant.slug)}
            submitLabel="Save card"
            pendingLabel="Saving…"
            cancelHref={`/t/${ctx.tenant.slug}/billing`}
            cardholder={ctx.user.name ?? ""}
          />
        </CardContent>
      </Card>
    </>
  );
}
