"use client";

import * as React from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input, inputClassName } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BoundAction } from "@/components/workspace/action-types";
import { useAction } from "@/components/actions/use-action";
import type { BillingProfile } from "@/lib/billing/account";
import { CURRENCIES } from "@/lib/billing/catalog";

const CURRENCY_OPTIONS = CURRENCIES.map((c) => ({ value: c, label: c.toUpperCase() }));

const TEXT_FIELDS = [
  { name: "email", label: "Billing email", autoComplete: "email", type: "email", wide: true, maxLength: 254 },
  { name: "name", label: "Name on invoices", autoComplete: "organization", type: "text", wide: true, maxLength: 120 },
  { name: "line1", label: "Address line 1", autoComplete: "address-line1", type: "text", wide: true, maxLength: 200 },
  { name: "line2", label: "Address line 2", autoComplete: "address-line2", type: "text", wide: true, maxLength: 200 },
  { name: "city", label: "City", autoComplete: "address-level2", type: "text", wide: false, maxLength: 100 },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code", type: "text", wide: false, maxLength: 20 },
  {
    name: "state",
    label: "State or region",
    autoComplete: "address-level1",
    type: "text",
    wide: false,
    maxLength: 100,
  },
] as const;

type TextField = (typeof TEXT_FIELDS)[number]["name"];

/** Billing email, the name and address printed on invoices, and the preferred currency. */
export function BillingProfileForm({
  action,
  profile,
  countries,
  disabled,
}: {
  action: BoundAction;
  profile: BillingProfile;
  countries: { code: string; name: string }[];
  disabled?: boolean;
}) {
  const { formAction, error } = useAction(action);
  const initial: Record<TextField, string> = {
    email: profile.email ?? "",
    name: profile.name ?? "",
    line1: profile.address?.line1 ?? "",
    line2: profile.address?.line2 ?? "",
    city: profile.address?.city ?? "",
    postalCode: profile.address?.postalCode ?? "",
    state: profile.address?.state ?? "",
  };
  const [values, setValues] = React.useState(initial);
  const [country, setCountry] = React.useState(profile.address?.country ?? "");
  const [currency, setCurrency] = React.useState<string>(profile.currency);
  const fieldErrors = error?.fieldErrors ?? {};
  const shown = [...TEXT_FIELDS.map((f) => f.name), "country", "currency"];
  const formError = error && !shown.some((field) => fieldErrors[field]) ? error.message : null;

  return (
    <form action={formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate>
      {TEXT_FIELDS.map((field) => (
        <Field
          key={field.name}
          label={field.label}
          name={field.name}
          id={`billing-${field.name}`}
          error={fieldErrors[field.name]}
          className={field.wide ? "sm:col-span-2" : undefined}
        >
          {(props) => (
            <Input
              {...props}
              type={field.type}
              autoComplete={field.autoComplete}
              maxLength={field.maxLength}
              value={values[field.name]}
              onChange={(event) => setValues((prev) => ({ ...prev, [field.name]: event.target.value }))}
              disabled={disabled}
            />
          )}
        </Field>
      ))}
      <Field label="Country" name="country" id="billing-country" error={fieldErrors.country}>
        {(props) => (
          <select
            {...props}
            value={country}
            onChange={(event) => setCountry(event.target.value)}
            autoComplete="country"
            disabled={disabled}
            className={inputClassName}
          >
            <option value="">No address</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Preferred currency"
        name="currency"
        id="billing-currency"
        error={fieldErrors.currency}
        description="For new subscriptions."
      >
        {(field) => (
          <FieldSelect field={field} options={CURRENCY_OPTIONS} value={currency} onValueChange={setCurrency} />
        )}
      </Field>
      {formError && <FormMessage className="sm:col-span-2">{formError}</FormMessage>}
      {!disabled && (
        <SubmitButton className="w-fit sm:col-span-2" pendingLabel="Saving…">
          Save billing details
        </SubmitButton>
      )}
    </form>
  );
}
