"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { signInAction } from "../actions";
import { AuthForm, EmailInput, useAuthForm } from "../auth-form";

/** Links the form-level error ("Email or password is incorrect.") to both fields. */
const describedBy = (own: string | undefined, formError: string | null) =>
  [own, formError ? "sign-in-error" : undefined].filter(Boolean).join(" ") || undefined;

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string | null; defaultEmail: string }) {
  const { state, formAction, errors, formError } = useAuthForm(signInAction);

  return (
    <AuthForm action={formAction} callbackUrl={callbackUrl} formError={formError} formErrorId="sign-in-error">
      <Field label="Email" name="email" error={errors?.email} required>
        {(props) => (
          <EmailInput
            {...props}
            autoFocus={!defaultEmail}
            defaultValue={state.values?.email ?? defaultEmail}
            aria-describedby={describedBy(props["aria-describedby"], formError)}
          />
        )}
      </Field>
      <Field label="Password" name="password" error={errors?.password} required>
        {(props) => (
          <Input
            {...props}
            type="password"
            autoComplete="current-password"
            autoFocus={Boolean(defaultEmail)}
            aria-describedby={describedBy(props["aria-describedby"], formError)}
          />
        )}
      </Field>
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </AuthForm>
  );
}
