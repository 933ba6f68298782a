"use client";

import * as React from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { Button } from "./button";
import { Spinner } from "./spinner";
import { SubmitButton } from "./submit-button";

export type ConfirmDialogProps = {
  /** The element that opens the dialog, e.g. `<Button variant="destructive">Delete</Button>`. */
  trigger: React.ReactElement;
  title: string;
  description: React.ReactNode;
  confirmLabel?: string;
  pendingLabel?: string;
  cancelLabel?: string;
  variant?: "default" | "destructive";
  /**
   * Form action (e.g. a server action) run on confirm, with a FormData holding `fields`.
   * The dialog closes when it resolves.
   */
  action?: (formData: FormData) => void | Promise<void>;
  /** Hidden inputs submitted with `action` (e.g. `{ memberId }`). */
  fields?: Record<string, string>;
  /** Alternative to `action`: a callback run on confirm. */
  onConfirm?: () => void | Promise<void>;
  /** Extra content between the description and the buttons (e.g. a "type the name to confirm" field). */
  children?: React.ReactNode;
};

/** A confirmation step for consequential actions (delete, cancel subscription, revoke key). */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel = "Confirm",
  pendingLabel,
  cancelLabel = "Cancel",
  variant = "default",
  action,
  fields,
  onConfirm,
  children,
}: ConfirmDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [pending, setPending] = React.useState(false);

  const footer = (confirm: React.ReactNode) => (
    <AlertDialogFooter>
      <AlertDialogCancel>{cancelLabel}</AlertDialogCancel>
      {confirm}
    </AlertDialogFooter>
  );

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {action ? (
          <form
            className="grid gap-4"
            action={async (formData) => {
              await action(formData);
              setOpen(false);
            }}
          >
            {fields &&
              Object.entries(fields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
            {children}
            {footer(
              <SubmitButton variant={variant} pendingLabel={pendingLabel}>
                {confirmLabel}
              </SubmitButton>,
            )}
          </form>
        ) : (
          <>
            {children}
            {footer(
              <Button
                variant={variant}
                disabled={pending}
                aria-busy={pending || undefined}
                onClick={async () => {
                  setPending(true);
                  try {
                    await onConfirm?.();
                    setOpen(false);
                  } finally {
                    setPending(false);
                  }
                }}
              >
                {pending && <Spinner />}
                {pending ? (pendingLabel ?? confirmLabel) : confirmLabel}
              </Button>,
            )}
          </>
        )}
      </AlertDialogContent>
    </AlertDialog>
  );
}
