"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { signUpAction } from "../actions";
import { AuthForm, EmailInput, useAuthForm } from "../auth-form";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

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
      <Field
        label="Password"
        name="password"
        error={errors?.password}
        description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        required
      >
        {(props) => (
          <Input
            {...props}
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
          />
        )}
      </Field>
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </AuthForm>
  );
}
