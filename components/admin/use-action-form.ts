"use client";
// useActionState for operator forms: keeps the submitted values (React resets a form after its
// action runs, so fields are re-filled from them on error), exposes field errors, and toasts
// success when the app's Toaster is mounted.
import * as React from "react";

import { toast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

export type ServerFormAction<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export type FormResult<T> = ActionState<T> & {
  /** What was submitted (strings only), to refill the form after an error. */
  values?: Record<string, string>;
  /** Increments per completed submission, so effects can react to each result once. */
  seq?: number;
};

const IDLE = { status: "idle" } as const;

export function useActionForm<T>(
  action: ServerFormAction<T>,
  {
    onSuccess,
    toastOnSuccess = true,
  }: { onSuccess?: (state: Extract<ActionState<T>, { status: "success" }>) => void; toastOnSuccess?: boolean } = {},
) {
  const onSuccessRef = React.useRef(onSuccess);
  React.useEffect(() => {
    onSuccessRef.current = onSuccess;
  });

  const [state, formAction, pending] = React.useActionState<FormResult<T>, FormData>(async (prev, form) => {
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries())
      if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
    // The previous state is not sent back: the server actions ignore it.
    const result = await action(IDLE, form);
    // Side effects here rather than in an effect: a successful change often re-renders the page
    // so that this form unmounts (e.g. "Suspend" turns into "Reactivate"), and the toast must
    // still appear.
    if (result.status === "success") {
      if (toastOnSuccess && result.message) toast.success(result.message);
      onSuccessRef.current?.(result);
    }
    return { ...result, values, seq: (prev.seq ?? 0) + 1 };
  }, IDLE);

  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return {
    state,
    formAction,
    pending,
    /** Field errors of the last submission for `name`. */
    fieldError: (name: string): string[] | undefined => errors?.[name],
    /** A message for the whole form: the error when no field error explains it. */
    formError:
      state.status === "error" && (!errors || Object.keys(errors).length === 0 || errors._)
        ? (errors?._?.join(" ") ?? state.message)
        : undefined,
    /** The submitted value of `name` after an error, else `fallback` (for defaultValue). */
    value: (name: string, fallback = ""): string =>
      state.status === "error" ? (state.values?.[name] ?? fallback) : fallback,
  };
}
