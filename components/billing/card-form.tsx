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
import { useAction } from "@/components/actions/use-action";

const SUCCESS_CARD = "4242 4242 4242 4242";
const DECLINE_CARD = "4000 0000 0000 0002";

/** The card's fields: label, id, whether required, and the input's own attributes. */
const CARD_FIELDS = {
  cardNumber: {
    label: "Card number",
    id: "card-number",
    required: true,
    input: { inputMode: "numeric", autoComplete: "cc-number", maxLength: 23, className: "font-mono" },
  },
  expiry: {
    label: "Expiry (MM/YY)",
    id: "card-expiry",
    required: true,
    input: { autoComplete: "cc-exp", maxLength: 7 },
  },
  cvc: {
    label: "Security code",
    id: "card-cvc",
    required: true,
    input: { inputMode: "numeric", autoComplete: "cc-csc", maxLength: 4 },
  },
  cardholder: {
    label: "Name on card",
    id: "card-name",
    required: false,
    input: { autoComplete: "cc-name", maxLength: 120 },
  },
} as const satisfies Record<
  string,
  { label: string; id: string; required: boolean; input: React.ComponentProps<typeof Input> }
>;

type CardFieldName = keyof typeof CARD_FIELDS;

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
  const { formAction, error, pending } = useAction(action, {
    onSuccess: (state) => setDeclined(state.data?.declined ?? null),
    nonce: true,
    followRedirect: true,
  });
  const [values, setValues] = React.useState<Record<CardFieldName, string>>({
    cardNumber: SUCCESS_CARD,
    expiry: "12/34",
    cvc: "123",
    cardholder,
  });
  const fieldErrors = error?.fieldErrors ?? {};
  const formError = error && !Object.keys(CARD_FIELDS).some((field) => fieldErrors[field]) ? error.message : null;
  const field = (name: CardFieldName) => {
    const { input, ...props } = CARD_FIELDS[name];
    return (
      <Field {...props} name={name} error={fieldErrors[name]}>
        {(control) => (
          <Input
            {...control}
            {...input}
            value={values[name]}
            onChange={(event) => setValues((prev) => ({ ...prev, [name]: event.target.value }))}
          />
        )}
      </Field>
    );
  };

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
      {field("cardNumber")}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("expiry")}
        {field("cvc")}
      </div>
      {field("cardholder")}
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
