"use client";

import * as React from "react";

import { FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

import type { AuthFormState } from "./actions";

const initialState: AuthFormState = { status: "idle" };

/** An auth form's action state, its field errors, and the form-level error when no field error explains it. */
export function useAuthForm(action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>) {
  const [state, formAction] = React.useActionState(action, initialState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const formError = state.status === "error" && !errors ? state.message : null;
  return { state, formAction, errors, formError };
}

/** The sign-in / sign-up form: carries the callback URL and shows the form-level error first. */
export function AuthForm({
  action,
  callbackUrl,
  formError,
  formErrorId,
  children,
}: {
  action: (form: FormData) => void;
  callbackUrl: string | null;
  formError: string | null;
  formErrorId?: string;
  children: React.ReactNode;
}) {
  return (
    <form action={action} className="grid gap-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <FormMessage id={formErrorId}>{formError}</FormMessage>
      {children}
    </form>
  );
}

/** An email address input (type, autocomplete and keyboard set). */
export function EmailInput(props: React.ComponentProps<typeof Input>) {
  return <Input type="email" autoComplete="email" inputMode="email" spellCheck={false} {...props} />;
}
