"use client";

import * as React from "react";
import { Trash2 } from "lucide-react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionState } from "@/lib/http/action";
import { IDLE } from "@/components/workspace/action-types";

type PurgeAction = (prev: ActionState<{ purged: number }>, form: FormData) => Promise<ActionState<{ purged: number }>>;

/** "Purge deleted tenants past grace", with a confirmation and the result (how many were purged). */
export function PurgeDeletedTenants({ action, graceDays }: { action: PurgeAction; graceDays: number }) {
  const [result, setResult] = React.useState<ActionState<{ purged: number }> | null>(null);
  return (
    <div className="grid gap-3">
      <ConfirmDialog
        trigger={
          <Button variant="destructive" className="justify-self-start">
            <Trash2 aria-hidden />
            Purge deleted tenants past grace
          </Button>
        }
        title="Purge deleted tenants?"
        description={`Every tenant deleted more than ${graceDays} days ago is removed permanently with all its data (members, invitations, audit log). This cannot be undone. Tenants still in their grace period are kept.`}
        confirmLabel="Purge"
        pendingLabel="Purging…"
        variant="destructive"
        action={async (form) => {
          setResult(await action(IDLE, form));
        }}
      />
      <div aria-live="polite">
        {result?.status === "success" && (
          <Alert variant="success">
            <AlertDescription>{result.message}</AlertDescription>
          </Alert>
        )}
        {result?.status === "error" && (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{result.message}</AlertDescription>
          </Alert>
        )}
      </div>
    </div>
  );
}
