"use client";
// Operator buttons on webhook events: "Replay" (one event, through the same pipeline as a
// delivery) and "Retry due now". Each outcome is announced: a toast in the list, and a status line
// that stays on the event's own page.
import { RefreshCw, RotateCcw } from "lucide-react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { toast } from "@/components/ui/toast";
import type { ReplayResult } from "@/lib/billing/admin";
import type { ActionState } from "@/lib/http/action";

import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";

function announce(result: ReplayResult | undefined, message: string | undefined) {
  if (!message) return;
  if (result?.outcome === "failed") toast.error(message);
  else toast.success(message);
}

/** A compact "Replay" for one row of the list. */
export function WebhookReplayButton({
  eventId,
  label,
  action,
}: {
  eventId: string;
  /** What the button replays, for its accessible name (e.g. the event type and id). */
  label: string;
  action: BoundAction<ReplayResult>;
}) {
  const form = useAction(action, {
    toastOnSuccess: false,
    onSuccess: (state) => announce(state.data, state.message),
  });
  return (
    <form action={form.formAction}>
      <input type="hidden" name="eventId" value={eventId} />
      <SubmitButton variant="outline" size="sm" aria-label={`Replay ${label}`} pendingLabel="Replaying…">
        <RotateCcw aria-hidden />
        Replay
      </SubmitButton>
      <FormMessage className="mt-1 text-xs">{form.formError}</FormMessage>
    </form>
  );
}

function outcomeOf(state: ActionState<ReplayResult>): { failed: boolean; message: string } | null {
  if (state.status === "success" && state.message) {
    return { failed: state.data?.outcome === "failed", message: state.message };
  }
  return null;
}

/** The event page's replay: the button (while the event can be replayed) and the last outcome. */
export function WebhookReplayPanel({
  eventId,
  replayable,
  action,
}: {
  eventId: string;
  replayable: boolean;
  action: BoundAction<ReplayResult>;
}) {
  const form = useAction(action, { toastOnSuccess: false });
  const outcome = outcomeOf(form.state);
  return (
    <div className="grid gap-3">
      {replayable ? (
        <form action={form.formAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="eventId" value={eventId} />
          <SubmitButton pendingLabel="Replaying…">
            <RotateCcw aria-hidden />
            Replay event
          </SubmitButton>
          <p className="text-sm text-muted-foreground">
            Runs the stored event through its handler and the ledger again. A processed event never changes.
          </p>
        </form>
      ) : (
        !outcome && (
          <p className="text-sm text-muted-foreground">
            This event needs no replay: it was processed or deliberately ignored.
          </p>
        )
      )}
      <div aria-live="polite">
        {outcome && (
          <Alert variant={outcome.failed ? "destructive" : "success"} role="status">
            <AlertDescription>{outcome.message}</AlertDescription>
          </Alert>
        )}
      </div>
      <FormMessage>{form.formError}</FormMessage>
    </div>
  );
}

/** "Retry due now": every failed event whose next attempt is due (and stuck received ones). */
export function RetryDueButton({ action }: { action: BoundAction<Record<string, number>> }) {
  const form = useAction(action, {
    toastOnSuccess: false,
    onSuccess: (state) => {
      if (!state.message) return;
      if ((state.data?.failed ?? 0) > 0) toast.warning(state.message);
      else toast.success(state.message);
    },
  });
  return (
    <form action={form.formAction} className="grid justify-items-end gap-1">
      <SubmitButton variant="outline" pendingLabel="Retrying…">
        <RefreshCw aria-hidden />
        Retry due now
      </SubmitButton>
      <FormMessage>{form.formError}</FormMessage>
    </form>
  );
}
