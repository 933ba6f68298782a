"use client";

import { CreditCard } from "lucide-react";

import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BoundAction } from "@/components/workspace/action-types";
import type { PaymentMethodSummary } from "@/lib/billing/events";

import type { RedirectData } from "./action-types";
import { describeCard, describeExpiry } from "./billing-format";
import { useAction } from "@/components/actions/use-action";

/** The card on file and "Update payment method" (the provider's page, or the local one). */
export function PaymentMethodCard({
  paymentMethod,
  action,
}: {
  paymentMethod: PaymentMethodSummary | null;
  /** Omitted for members who cannot manage billing. */
  action?: BoundAction<RedirectData>;
}) {
  const expiry = paymentMethod ? describeExpiry(paymentMethod) : null;
  return (
    <Card data-testid="payment-method">
      <CardHeader>
        <CardTitle>Payment method</CardTitle>
        <CardDescription>Renewals and plan changes are charged to it.</CardDescription>
      </CardHeader>
      <CardContent>
        {paymentMethod ? (
          <p className="flex items-center gap-3 text-sm">
            <CreditCard aria-hidden className="size-5 text-muted-foreground" />
            <span className="font-medium">{describeCard(paymentMethod)}</span>
            {expiry && <span className="text-muted-foreground">expires {expiry}</span>}
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">No payment method on file yet.</p>
        )}
      </CardContent>
      {action && (
        <CardFooter>
          <UpdatePaymentMethod action={action} />
        </CardFooter>
      )}
    </Card>
  );
}

function UpdatePaymentMethod({ action }: { action: BoundAction<RedirectData> }) {
  const { formAction, pending, error } = useAction(action, { nonce: true, followRedirect: true });
  return (
    <form action={formAction} className="grid gap-2">
      <SubmitButton variant="outline" pendingLabel="Opening…" disabled={pending}>
        Update payment method
      </SubmitButton>
      {error && <FormMessage>{error.message}</FormMessage>}
    </form>
  );
}
