"use client";
// The dialog of FormDialog (./form-dialog.tsx), loaded with its first use: Radix Dialog is not part
// of the first download of the pages that have one.
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

export function FormDialogFrame({
  trigger,
  className,
  defaultOpen = false,
  children,
}: {
  trigger: React.ReactElement;
  className?: string;
  /** Rendered already open (loaded by the trigger's first click). */
  defaultOpen?: boolean;
  children: (dialog: FormDialogSession) => React.ReactNode;
}) {
  const [open, setOpen] = React.useState(defaultOpen);
  const [session, setSession] = React.useState(defaultOpen ? 1 : 0);
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
