import * as React from "react";

import { signOutAction } from "@/app/(auth)/actions";
import { SubmitButton, type SubmitButtonProps } from "@/components/ui/submit-button";

export type SignOutButtonProps = Omit<SubmitButtonProps, "children" | "form"> & {
  /** Where to go afterwards (a relative path; default "/"). */
  redirectTo?: string;
  children?: React.ReactNode;
};

/** A self-contained sign-out form + button (works without JavaScript). */
export function SignOutButton({
  redirectTo,
  children = "Sign out",
  variant = "outline",
  ...props
}: SignOutButtonProps) {
  return (
    <form action={signOutAction}>
      {redirectTo && <input type="hidden" name="redirectTo" value={redirectTo} />}
      <SubmitButton variant={variant} pendingLabel="Signing out…" {...props}>
        {children}
      </SubmitButton>
    </form>
  );
}
