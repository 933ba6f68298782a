"use client";

import { useActionState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/http/action";

import { acceptInvitationAction } from "./actions";

const initialState: ActionState = { status: "idle" };

export function AcceptInvitationForm({ token, tenantName }: { token: string; tenantName: string }) {
  const [state, formAction] = useActionState(acceptInvitationAction.bind(null, token), initialState);
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
