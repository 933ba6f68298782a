"use client";

import { useActionState } from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { signInAction, type AuthFormState } from "../actions";

const initialState: AuthFormState = { status: "idle" };

/** Links the form-level error ("Email or password is incorrect.") to both fields. */
const describedBy = (own: string | undefined, formError: string | null) =>
  [own, formError ? "sign-in-error" : undefined].filter(Boolean).join(" ") || undefined;

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string | null; defaultEmail: string }) {
  const [state, formAction] = useActionState(signInAction, initialState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const formError = state.status === "error" && !errors ? state.message : null;

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <FormMessage id="sign-in-error">{formError}</FormMessage>
      <Field label="Email" name="email" error={errors?.email} required>
        {(props) => (
          <Input
            {...props}
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
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
    </form>
  );
}
