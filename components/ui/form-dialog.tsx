"use client";

import * as React from "react";

import type { FormDialogSession } from "./form-dialog-frame";
import { onDemandTrigger, useOnDemand } from "./use-on-demand";

export type { FormDialogSession } from "./form-dialog-frame";

const loadFrame = () => import("./form-dialog-frame").then((m) => m.FormDialogFrame);

/**
 * A dialog holding a form that starts fresh, with fresh action state, each time it opens. The
 * dialog (Radix Dialog, ./form-dialog-frame.tsx) and the form (`load`, a module of its own) are
 * not part of the page's first download: until the first click `trigger` is rendered as is
 * (prefetching both on pointer-over or focus), then the dialog renders already open with that
 * button as its trigger, and Radix moves focus into it and back to the button on close.
 *
 * ```tsx
 * const loadForm = () => import("./invoice-form-content").then((m) => m.InvoiceForm);
 * <FormDialog trigger={<Button>New invoice</Button>} load={loadForm} className="sm:max-w-3xl">
 *   {(InvoiceForm, { session, close }) => <InvoiceForm key={session} onCreated={close} />}
 * </FormDialog>
 * ```
 */
export function FormDialog<P extends object>({
  trigger,
  load,
  className,
  children,
}: {
  /** The button that opens the dialog. */
  trigger: React.ReactElement;
  /** Imports the form component (a module-level function, so it stays the same across renders). */
  load: () => Promise<React.ComponentType<P>>;
  /** Classes of the dialog's content (e.g. its width). */
  className?: string;
  children: (Form: React.ComponentType<P>, dialog: FormDialogSession) => React.ReactNode;
}) {
  const loadBoth = React.useCallback(
    () =>
      Promise.all([loadFrame(), load()]).then(([Frame, Form]) => {
        // The loaded dialog, bound to its form: rendered already open, in place of the trigger.
        function Loaded(props: { trigger: React.ReactElement; className?: string; render: typeof children }) {
          return (
            <Frame trigger={props.trigger} className={props.className} defaultOpen>
              {(dialog) => props.render(Form, dialog)}
            </Frame>
          );
        }
        return Loaded;
      }),
    [load],
  );
  const { Component: Loaded, prefetch, open } = useOnDemand(loadBoth);
  if (Loaded) return <Loaded trigger={trigger} className={className} render={children} />;
  return onDemandTrigger(trigger, prefetch, open);
}
