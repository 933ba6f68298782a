"use client";

import { useActionState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

import { acceptInvitationAction } from "./actions";
import { IDLE } from "@/components/workspace/action-types";

export function AcceptInvitationForm({ token, tenantName }: { token: string; tenantName: string }) {
  const [state, formAction] = useActionState(acceptInvitationAction.bind(null, token), IDLE);
  return (
    <form action={formAction} className="grid w-full gap-3">
      {state.status === "error" && (
        <Alert variant="destructive">
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
      <SubmitButton className="w-full" pendingLabel="Joining…">
        Accept invitation and join {tenantName}
      </SubmitButton>
    </form>
  );
}
