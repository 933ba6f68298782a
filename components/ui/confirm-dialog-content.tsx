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
import type { ConfirmDialogProps } from "./confirm-dialog";
import { SubmitButton } from "./submit-button";

/** The confirmation dialog itself (Radix), loaded by ConfirmDialog on first use and rendered open. */
export function ConfirmDialogContent({
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
  defaultOpen = false,
}: ConfirmDialogProps & { defaultOpen?: boolean }) {
  const [open, setOpen] = React.useState(defaultOpen);
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
