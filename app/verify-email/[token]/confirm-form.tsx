"use client";

import { useActionState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

import { confirmEmailAction } from "./actions";
import { IDLE } from "@/components/workspace/action-types";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(confirmEmailAction.bind(null, token), IDLE);
  return (
    <form action={formAction} className="grid w-full gap-3">
      {state.status === "error" && (
        <Alert variant="destructive">
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
      <SubmitButton className="w-full" pendingLabel="Confirming…">
        Confirm my email address
      </SubmitButton>
    </form>
  );
}
