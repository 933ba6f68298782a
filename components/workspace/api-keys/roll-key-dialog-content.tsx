"use client";
// The "Roll" dialog, loaded with the first roll (./roll-key-dialog.tsx): Radix Dialog, the form
// and the show-once panel are not part of the API keys page's first download.
import * as React from "react";
import { RefreshCw } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { SubmitButton } from "@/components/ui/submit-button";

import type { BoundAction } from "../action-types";
import { GRACE_CHOICES, type IssuedKey } from "@/lib/api-keys/form-contract";
import { IssuedKeyStep, useIssuingAction } from "./issued-key-panel";
import type { RollTarget, useRollDialog } from "./roll-key-dialog";

const GRACE_OPTIONS = GRACE_CHOICES.map((choice) => ({ value: String(choice.seconds), label: choice.label }));

/** "Roll": a new secret with the same name, scopes and expiry; the old one works for a grace period. */
export function RollKeyDialogContent({
  dialog,
  action,
  origin,
}: {
  dialog: ReturnType<typeof useRollDialog>;
  action: BoundAction<IssuedKey>;
  origin: string;
}) {
  const { state, open, setOpen } = dialog;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent
        className="sm:max-w-xl"
        onCloseAutoFocus={(event) => {
          // Back to the row's "Roll" button when it is still there (not after a roll without grace).
          event.preventDefault();
          if (state?.trigger?.isConnected) state.trigger.focus();
        }}
      >
        {state && (
          <RollKeyForm
            key={state.session}
            apiKey={state.target}
            action={action}
            origin={origin}
            onDone={() => setOpen(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function RollKeyForm({
  apiKey,
  action,
  origin,
  onDone,
}: {
  apiKey: RollTarget;
  action: BoundAction<IssuedKey>;
  origin: string;
  onDone: () => void;
}) {
  const { formAction, error, issued } = useIssuingAction(action);
  const [grace, setGrace] = React.useState("3600");
  const id = React.useId();

  if (issued) {
    return (
      <IssuedKeyStep
        issued={issued}
        origin={origin}
        title={<>Key “{issued.name}” rolled</>}
        description={
          <>
            The new secret starts with <span className="font-mono">{issued.start}…</span>.{" "}
            {grace === "0"
              ? "The old secret has stopped working."
              : `The old secret keeps working for ${GRACE_OPTIONS.find((o) => o.value === grace)?.label ?? "a while"}.`}
          </>
        }
        onDone={onDone}
      />
    );
  }

  const fieldError = error?.fieldErrors?.graceSeconds;
  return (
    <form action={formAction} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Roll “{apiKey.name}”?</DialogTitle>
        <DialogDescription>
          A new secret replaces <span className="font-mono">{apiKey.start}…</span> with the same name, scopes and
          expiry. Give running programs time to switch over.
        </DialogDescription>
      </DialogHeader>
      <input type="hidden" name="keyId" value={apiKey.id} />
      <Field label="Old key keeps working for" name="graceSeconds" id={`${id}-grace`} error={fieldError}>
        {(field) => <FieldSelect field={field} options={GRACE_OPTIONS} value={grace} onValueChange={setGrace} />}
      </Field>
      {error && !fieldError && <FormMessage>{error.message}</FormMessage>}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pendingLabel="Rolling…">
          <RefreshCw aria-hidden />
          Roll key
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}
