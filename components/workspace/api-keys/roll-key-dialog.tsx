"use client";

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

const GRACE_OPTIONS = GRACE_CHOICES.map((choice) => ({ value: String(choice.seconds), label: choice.label }));

export interface RollTarget {
  id: string;
  name: string;
  start: string;
}

/**
 * State for the one "Roll" dialog of a table. The dialog lives outside the rows on purpose: a
 * successful roll revokes or re-dates the old key, the page re-renders, and a dialog inside the
 * old row would vanish together with the show-once secret.
 */
export function useRollDialog() {
  const [state, setState] = React.useState<{ target: RollTarget; session: number; trigger: HTMLElement | null }>();
  const [open, setOpen] = React.useState(false);
  const start = React.useCallback((target: RollTarget, trigger: HTMLElement | null) => {
    setState((prev) => ({ target, trigger, session: (prev?.session ?? 0) + 1 }));
    setOpen(true);
  }, []);
  return { state, open, setOpen, start };
}

/** "Roll": a new secret with the same name, scopes and expiry; the old one works for a grace period. */
export function RollKeyDialog({
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

export function RollKeyButton({ apiKey, onRoll }: { apiKey: RollTarget; onRoll: RollStarter }) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Roll ${apiKey.name}`}
      aria-haspopup="dialog"
      onClick={(event) => onRoll(apiKey, event.currentTarget)}
    >
      <RefreshCw aria-hidden />
      Roll
    </Button>
  );
}

export type RollStarter = (target: RollTarget, trigger: HTMLElement | null) => void;

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
