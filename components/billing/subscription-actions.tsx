"use client";

import { CircleX, RotateCcw } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type BoundAction } from "@/components/workspace/action-types";
import { notify } from "@/components/workspace/notify";
import { formatDate } from "@/lib/format";

import { newNonce, useAction } from "@/components/actions/use-action";

/** "Cancel subscription" (at period end, after a confirmation) or "Resume subscription". */
export function CancelOrResume({
  cancelAtPeriodEnd,
  periodEnd,
  cancelAction,
  resumeAction,
}: {
  cancelAtPeriodEnd: boolean;
  periodEnd: Date | null;
  cancelAction: BoundAction;
  resumeAction: BoundAction;
}) {
  const { formAction, pending } = useAction(resumeAction, { nonce: true, followRedirect: true });
  if (cancelAtPeriodEnd) {
    return (
      <form action={formAction}>
        <SubmitButton variant="outline" pendingLabel="Resuming…" disabled={pending}>
          <RotateCcw aria-hidden />
          Resume subscription
        </SubmitButton>
      </form>
    );
  }
  const until = periodEnd ? formatDate(periodEnd) : "the end of the current period";
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" className="text-destructive hover:text-destructive">
          <CircleX aria-hidden />
          Cancel subscription
        </Button>
      }
      title="Cancel the subscription?"
      description={
        <>
          The plan stays active until {until}; after that the workspace moves to the Free plan and its limits. You can
          resume until then.
        </>
      }
      confirmLabel="Cancel at period end"
      pendingLabel="Canceling…"
      cancelLabel="Keep subscription"
      variant="destructive"
      action={async (form) => {
        // One confirmation is one operation: a fresh key per confirmed dialog.
        form.set("nonce", newNonce());
        notify(await cancelAction(IDLE, form));
      }}
    />
  );
}
