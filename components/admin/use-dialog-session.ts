"use client";

import * as React from "react";

/**
 * Open state for a dialog whose content is keyed by `session`: each opening (and `renew`) gives
 * a new key, so the form inside starts fresh, with fresh action state.
 */
export function useDialogSession() {
  const [open, setOpen] = React.useState(false);
  const [session, setSession] = React.useState(0);
  const renew = () => setSession((n) => n + 1);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) renew();
  };
  return { open, setOpen, onOpenChange, session, renew };
}
