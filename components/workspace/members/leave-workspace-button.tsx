"use client";

import { LogOut } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

import { IDLE, type BoundAction } from "../action-types";
import { notify } from "../notify";

/** "Leave workspace" with a confirmation; the action redirects to /dashboard on success. */
export function LeaveWorkspaceButton({ workspaceName, action }: { workspaceName: string; action: BoundAction }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <LogOut aria-hidden />
          Leave workspace
        </Button>
      }
      title={`Leave ${workspaceName}?`}
      description="You lose access to this workspace at once. To come back, someone has to invite you again."
      confirmLabel="Leave workspace"
      pendingLabel="Leaving…"
      variant="destructive"
      action={async (form) => {
        notify(await action(IDLE, form));
      }}
    />
  );
}
