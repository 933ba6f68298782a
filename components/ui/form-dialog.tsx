"use client";

import * as React from "react";

import { Dialog, DialogContent, DialogTrigger } from "./dialog";

/** What a form dialog's content is rendered with. */
export interface FormDialogSession {
  /** Changes at each opening (and `renew`): put it on the form as `key` so it starts fresh. */
  session: number;
  close: () => void;
  /** A fresh form without closing (e.g. "Create another"). */
  renew: () => void;
}

/**
 * A dialog holding a form that starts fresh, with fresh action state, each time it opens.
 *
 * ```tsx
 * <FormDialog trigger={<Button>New invoice</Button>} className="sm:max-w-3xl">
 *   {({ session, close }) => <InvoiceForm key={session} onCreated={close} />}
 * </FormDialog>
 * ```
 */
export function FormDialog({
  trigger,
  className,
  children,
}: {
  /** The button that opens the dialog. */
  trigger: React.ReactElement;
  /** Classes of the dialog's content (e.g. its width). */
  className?: string;
  children: (dialog: FormDialogSession) => React.ReactNode;
}) {
  const [open, setOpen] = React.useState(false);
  const [session, setSession] = React.useState(0);
  const renew = () => setSession((n) => n + 1);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) renew();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className={className}>{children({ session, close: () => setOpen(false), renew })}</DialogContent>
    </Dialog>
  );
}
