"use client";

import * as React from "react";
import dynamic from "next/dynamic";
import { ArrowRight } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Spinner } from "@/components/ui/spinner";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BoundAction } from "@/components/workspace/action-types";
import { CURRENCIES, isCurrency, type Currency, type PaidTier } from "@/lib/billing/catalog";
import type { BillingInterval, BillingProvider } from "@/lib/db/generated/enums";
import { formatDate } from "@/lib/format";

import type { RedirectData } from "./action-types";
import { IntervalChoice, TierChoice } from "./plan-picker";
import { useAction } from "@/components/actions/use-action";

// Loaded only when PayPal is enabled (its SDK comes from PayPal's servers, in the browser only).
const PaypalSubscribeButtons = dynamic(() => import("./paypal-buttons").then((m) => m.PaypalSubscribeButtons), {
  ssr: false,
  loading: () => (
    <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
      <Spinner />
      Loading PayPal…
    </p>
  ),
});

const CURRENCY_OPTIONS = CURRENCIES.map((c) => ({ value: c, label: c.toUpperCase() }));

/**
 * The upgrade panel for workspaces without a subscription (on Free or on Tessera's trial): plan
 * cards, monthly/yearly, currency, and one way to pay per enabled provider. With no provider
 * (production without Stripe or PayPal) it says payments are not set up and offers no checkout;
 * with the simulated provider it says no money moves.
 */
export function UpgradePanel({
  slug,
  action,
  providers,
  defaultCurrency,
  trialEndsAt,
  canManage,
  paypalClientId,
}: {
  slug: string;
  action: BoundAction<RedirectData>;
  providers: BillingProvider[];
  defaultCurrency: Currency;
  /** Tessera's trial end while it runs: the subscription starts then. */
  trialEndsAt: Date | null;
  canManage: boolean;
  /** PayPal's public client id when PayPal is enabled. */
  paypalClientId: string | null;
}) {
  const [tier, setTier] = React.useState<PaidTier>("PROFESSIONAL");
  const [interval, setBillingInterval] = React.useState<BillingInterval>("MONTH");
  const [currency, setCurrency] = React.useState<Currency>(defaultCurrency);
  const { formAction, error, pending } = useAction(action, { nonce: true, followRedirect: true });
  // Stripe Checkout or the local simulated checkout; PayPal brings its own buttons.
  const checkoutProvider = providers.find((p) => p !== "PAYPAL") ?? null;
  const fieldErrors = error?.fieldErrors ?? {};

  return (
    <Card data-testid="upgrade-panel">
      <CardHeader>
        <CardTitle>Choose a plan</CardTitle>
        <CardDescription>
          {trialEndsAt
            ? `Your trial runs until ${formatDate(trialEndsAt)}. Choose a plan now: nothing is charged before the trial ends.`
            : "Upgrade for more members, API calls and storage. Change or cancel at any time."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={formAction} className="grid gap-6" aria-busy={pending || undefined}>
          <div className="flex flex-wrap items-end gap-6">
            <IntervalChoice value={interval} onChange={setBillingInterval} disabled={!canManage} />
            <Field label="Currency" name="currency" id="upgrade-currency" className="w-32" error={fieldErrors.currency}>
              {(field) => (
                <FieldSelect
                  field={field}
                  options={CURRENCY_OPTIONS}
                  value={currency}
                  onValueChange={(value) => {
                    if (isCurrency(value)) setCurrency(value);
                  }}
                />
              )}
            </Field>
          </div>
          <TierChoice value={tier} onChange={setTier} interval={interval} currency={currency} disabled={!canManage} />
          {fieldErrors.tier && <FormMessage>{fieldErrors.tier.join(" ")}</FormMessage>}
          {error && !fieldErrors.tier && <FormMessage>{fieldErrors.provider?.join(" ") ?? error.message}</FormMessage>}
          {providers.length === 0 && (
            <Alert variant="warning" data-testid="payments-unavailable">
              <AlertTitle>Payments are not set up on this installation</AlertTitle>
              <AlertDescription>
                Plans cannot be bought here until its operator configures Stripe or PayPal. Your workspace keeps its
                current plan meanwhile.
              </AlertDescription>
            </Alert>
          )}
          {providers.length === 1 && providers[0] === "LOCAL" && (
            <p className="text-sm text-muted-foreground" data-testid="simulated-checkout-note">
              Payments here are simulated: the checkout takes test cards and no money moves.
            </p>
          )}
          {canManage && (
            <div className="flex flex-wrap items-center gap-3">
              {checkoutProvider && (
                <>
                  <input type="hidden" name="provider" value={checkoutProvider} />
                  <SubmitButton pendingLabel="Opening checkout…" disabled={pending}>
                    Continue to checkout
                    <ArrowRight aria-hidden />
                  </SubmitButton>
                </>
              )}
            </div>
          )}
        </form>
        {canManage && providers.includes("PAYPAL") && paypalClientId && (
          // Outside the form: PayPal's own buttons must never submit it.
          <div className="mt-4 max-w-sm" data-testid="paypal-checkout">
            <PaypalSubscribeButtons
              slug={slug}
              tier={tier}
              interval={interval}
              currency={currency}
              clientId={paypalClientId}
            />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
