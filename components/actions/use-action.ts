"use client";
// The one client hook for server actions (operator forms, workspace forms, billing forms):
// useActionState around a bound server action. On success the action's message is toasted and
// `onSuccess` runs — inside the transition rather than in an effect, because a successful change
// often re-renders the page so that the form unmounts (e.g. "Suspend" turns into "Reactivate")
// and the toast must still appear. The submitted values are kept so that a form re-fills its
// fields after an error (React resets a form after its action runs). Billing forms add a `nonce`
// that stays the same until the action succeeds (a double submit reaches the provider as one
// operation) and follow a returned redirectUrl (a provider's page, the local checkout).
import * as React from "react";

import { toast } from "@/components/ui/toast";
import { IDLE, type BoundAction } from "@/components/workspace/action-types";
import type { ActionState } from "@/lib/http/action";

export type ActionResult<T> = ActionState<T> & {
  /** What was submitted (strings only), to refill the form after an error. */
  values?: Record<string, string>;
  /** Increments per completed submission, so effects can react to each result once. */
  seq?: number;
};

export type ActionSuccess<T> = Extract<ActionState<T>, { status: "success" }>;

export interface UseActionOptions<T> {
  onSuccess?: (state: ActionSuccess<T>) => void;
  /** Toast the success message (default true). */
  toastOnSuccess?: boolean;
  /** Send a `nonce` field that stays the same until the action succeeds (billing operations). */
  nonce?: boolean;
  /** Follow `data.redirectUrl` on success; `pending` stays true while the browser leaves. */
  followRedirect?: boolean;
}

/** A random operation key (getRandomValues works outside secure contexts too, unlike randomUUID). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function useAction<T>(action: BoundAction<T>, options: UseActionOptions<T> = {}) {
  const { toastOnSuccess = true, nonce: useNonce = false, followRedirect = false } = options;
  const onSuccessRef = React.useRef(options.onSuccess);
  React.useEffect(() => {
    onSuccessRef.current = options.onSuccess;
  });
  const nonce = React.useRef<string | null>(null);
  const [redirecting, setRedirecting] = React.useState(false);

  const [state, formAction, pending] = React.useActionState<ActionResult<T>, FormData>(async (prev, form) => {
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
    }
    if (useNonce) {
      nonce.current ??= newNonce();
      form.set("nonce", nonce.current);
    }
    // The previous state is not sent back: the server actions ignore it.
    const result = await action(IDLE, form);
    if (result.status === "success") {
      nonce.current = null;
      if (toastOnSuccess && result.message) toast.success(result.message);
      onSuccessRef.current?.(result);
      const redirectUrl = followRedirect
        ? (result.data as { redirectUrl?: string | null } | undefined)?.redirectUrl
        : undefined;
      if (redirectUrl) {
        setRedirecting(true);
        window.location.assign(redirectUrl);
      }
    }
    return { ...result, values, seq: (prev.seq ?? 0) + 1 };
  }, IDLE);

  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return {
    state,
    formAction,
    pending: pending || redirecting,
    /** The last result when it failed, else null. */
    error: state.status === "error" ? state : null,
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
