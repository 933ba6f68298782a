"use client";

import { useActionState } from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { signUpAction, type AuthFormState } from "../actions";

const initialState: AuthFormState = { status: "idle" };

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string | null; defaultEmail: string }) {
  const [state, formAction] = useActionState(signUpAction, initialState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const formError = state.status === "error" && !errors ? state.message : null;

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <FormMessage>{formError}</FormMessage>
      <Field label="Name" name="name" error={errors?.name} required>
        {(props) => (
          <Input {...props} autoComplete="name" autoFocus maxLength={80} defaultValue={state.values?.name ?? ""} />
        )}
      </Field>
      <Field label="Email" name="email" error={errors?.email} required>
        {(props) => (
          <Input
            {...props}
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            defaultValue={state.values?.email ?? defaultEmail}
          />
        )}
      </Field>
      <Field label="Password" name="password" error={errors?.password} description="At least 10 characters." required>
        {(props) => <Input {...props} type="password" autoComplete="new-password" minLength={10} maxLength={200} />}
      </Field>
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
