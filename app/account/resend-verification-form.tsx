"use client";

import { useActionState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

import { resendVerificationAction } from "./actions";
import { IDLE } from "@/components/workspace/action-types";

/** "Send verification link" with the outcome shown in place (success or the rate-limit message). */
export function ResendVerificationForm() {
  const [state, formAction] = useActionState(resendVerificationAction, IDLE);
  return (
    <form action={formAction} className="grid gap-3">
      {state.status === "success" && (
        <Alert variant="success" role="status">
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
      {state.status === "error" && (
        <Alert variant="destructive">
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
      <SubmitButton variant="outline" className="justify-self-start" pendingLabel="Sending…">
        Send verification link
      </SubmitButton>
    </form>
  );
}
