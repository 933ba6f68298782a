"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { signUpAction } from "../actions";
import { AuthForm, EmailInput, useAuthForm } from "../auth-form";
import { NewPasswordField } from "@/components/auth/new-password-field";

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string | null; defaultEmail: string }) {
  const { state, formAction, errors, formError } = useAuthForm(signUpAction);

  return (
    <AuthForm action={formAction} callbackUrl={callbackUrl} formError={formError}>
      <Field label="Name" name="name" error={errors?.name} required>
        {(props) => (
          <Input {...props} autoComplete="name" autoFocus maxLength={80} defaultValue={state.values?.name ?? ""} />
        )}
      </Field>
      <Field label="Email" name="email" error={errors?.email} required>
        {(props) => <EmailInput {...props} defaultValue={state.values?.email ?? defaultEmail} />}
      </Field>
      <NewPasswordField label="Password" name="password" error={errors?.password} />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </AuthForm>
  );
}
