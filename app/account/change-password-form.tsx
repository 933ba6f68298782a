"use client";

import { useActionState } from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { changePasswordAction } from "./actions";
import { IDLE } from "@/components/workspace/action-types";
import { NewPasswordField } from "@/components/auth/new-password-field";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, formAction] = useActionState(changePasswordAction, IDLE);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const formError = state.status === "error" && !errors ? state.message : null;

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {/* Lets password managers attach the new password to the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormMessage>{formError}</FormMessage>
      <Field label="Current password" name="currentPassword" error={errors?.currentPassword} required>
        {(props) => <Input {...props} type="password" autoComplete="current-password" />}
      </Field>
      <NewPasswordField label="New password" name="newPassword" error={errors?.newPassword} />
      <Field label="Confirm new password" name="confirmPassword" error={errors?.confirmPassword} required>
        {(props) => <Input {...props} type="password" autoComplete="new-password" maxLength={200} />}
      </Field>
      <SubmitButton className="justify-self-start" pendingLabel="Changing password…">
        Change password
      </SubmitButton>
    </form>
  );
}
