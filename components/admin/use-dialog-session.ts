"use client";

import * as React from "react";

/**
 * Open state for a dialog whose content is keyed by `session`: each opening (and `renew`) gives
 * a new key, so the form inside starts fresh, with fresh action state. `initiallyOpen` for a
 * dialog loaded on demand, rendered already open.
 */
export function useDialogSession(initiallyOpen = false) {
  const [open, setOpen] = React.useState(initiallyOpen);
  const [session, setSession] = React.useState(initiallyOpen ? 1 : 0);
  const renew = () => setSession((n) => n + 1);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) renew();
  };
  return { open, setOpen, onOpenChange, session, renew };
}
