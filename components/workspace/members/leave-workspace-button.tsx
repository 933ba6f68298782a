"use client";

import { LogOut } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

import { plural } from "@/lib/format";

import { IDLE, type BoundAction } from "../action-types";
import { notify } from "../notify";

/**
 * "Leave workspace" with a confirmation; the action redirects to /dashboard on success. The API
 * keys the member created are revoked when they leave, and the dialog says so.
 */
export function LeaveWorkspaceButton({
  workspaceName,
  action,
  activeKeys = 0,
}: {
  workspaceName: string;
  action: BoundAction;
  activeKeys?: number;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <LogOut aria-hidden />
          Leave workspace
        </Button>
      }
      title={`Leave ${workspaceName}?`}
      description={
        <>
          You lose access to this workspace at once. To come back, someone has to invite you again.
          {activeKeys > 0 && (
            <>
              {" "}
              <strong className="font-medium text-foreground" data-testid="leave-keys-warning">
                The {plural(activeKeys, "API key")} you created will be revoked.
              </strong>
            </>
          )}
        </>
      }
      confirmLabel="Leave workspace"
      pendingLabel="Leaving…"
      variant="destructive"
      action={async (form) => {
        notify(await action(IDLE, form));
      }}
    />
  );
}
