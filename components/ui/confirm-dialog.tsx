"use client";

import * as React from "react";
import { onDemandTrigger, useOnDemand } from "./use-on-demand";

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

const loadDialog = () => import("./confirm-dialog-content").then((m) => m.ConfirmDialogContent);

/**
 * A confirmation step for consequential actions (delete, cancel subscription, revoke key). The
 * dialog (Radix) loads on first use: until then `trigger` is rendered as is, and opens it on click.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { Component: Dialog, prefetch, open } = useOnDemand(loadDialog);
  if (Dialog) return <Dialog {...props} defaultOpen />;
  return onDemandTrigger(props.trigger, prefetch, open);
}
