"use client";

import * as React from "react";
import { Lock } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BoundAction } from "@/components/workspace/action-types";

import type { RedirectData } from "./action-types";
import { useBillingAction } from "./use-billing-action";

const SUCCESS_CARD = "4242 4242 4242 4242";
const DECLINE_CARD = "4000 0000 0000 0002";

/**
 * The simulated card form of the local provider (checkout and payment-method pages), prefilled
 * with the test card that succeeds. A declined payment is reported here and the form stays.
 */
export function CardForm<T extends RedirectData & { declined?: string | null }>({
  action,
  submitLabel,
  pendingLabel,
  cancelHref,
  hidden,
  cardholder,
}: {
  action: BoundAction<T>;
  submitLabel: string;
  pendingLabel: string;
  cancelHref: string;
  hidden?: Record<string, string>;
  cardholder: string;
}) {
  const [declined, setDeclined] = React.useState<string | null>(null);
  const { formAction, error, pending } = useBillingAction(action, (state) => {
    setDeclined(state.status === "success" ? (state.data?.declined ?? null) : null);
  });
  const [values, setValues] = React.useState({ cardNumber: SUCCESS_CARD, expiry: "12/34", cvc: "123", cardholder });
  const set = (name: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((prev) => ({ ...prev, [name]: event.target.value }));
  const fieldErrors = error?.fieldErrors ?? {};
  const fields = ["cardNumber", "expiry", "cvc", "cardholder"];
  const formError = error && !fields.some((field) => fieldErrors[field]) ? error.message : null;

  return (
    <form action={formAction} className="grid gap-4" noValidate onSubmit={() => setDeclined(null)}>
      {hidden &&
        Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <Alert variant="info">
        <AlertTitle>Test mode: no real card is charged</AlertTitle>
        <AlertDescription>
          <p>
            <span className="font-mono">{SUCCESS_CARD}</span> is accepted;{" "}
            <span className="font-mono">{DECLINE_CARD}</span> is declined. Any future expiry date and any 3-digit code
            work.
          </p>
        </AlertDescription>
      </Alert>
      {declined && (
        <Alert variant="destructive" data-testid="card-declined">
          <AlertTitle>Payment declined</AlertTitle>
          <AlertDescription>
            <p>{declined} Nothing was charged; try another card.</p>
          </AlertDescription>
        </Alert>
      )}
      <Field label="Card number" name="cardNumber" id="card-number" error={fieldErrors.cardNumber} required>
        {(props) => (
          <Input
            {...props}
            inputMode="numeric"
            autoComplete="cc-number"
            value={values.cardNumber}
            onChange={set("cardNumber")}
            maxLength={23}
            className="font-mono"
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Expiry (MM/YY)" name="expiry" id="card-expiry" error={fieldErrors.expiry} required>
          {(props) => (
            <Input {...props} autoComplete="cc-exp" value={values.expiry} onChange={set("expiry")} maxLength={7} />
          )}
        </Field>
        <Field label="Security code" name="cvc" id="card-cvc" error={fieldErrors.cvc} required>
          {(props) => (
            <Input
              {...props}
              inputMode="numeric"
              autoComplete="cc-csc"
              value={values.cvc}
              onChange={set("cvc")}
              maxLength={4}
            />
          )}
        </Field>
      </div>
      <Field label="Name on card" name="cardholder" id="card-name" error={fieldErrors.cardholder}>
        {(props) => (
          <Input
            {...props}
            autoComplete="cc-name"
            value={values.cardholder}
            onChange={set("cardholder")}
            maxLength={120}
          />
        )}
      </Field>
      {formError && <FormMessage>{formError}</FormMessage>}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={pendingLabel} disabled={pending}>
          <Lock aria-hidden />
          {submitLabel}
        </SubmitButton>
        <Button asChild variant="ghost">
          <a href={cancelHref}>Cancel</a>
        </Button>
      </div>
    </form>
  );
}
