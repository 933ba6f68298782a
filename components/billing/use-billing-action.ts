"use client";

import * as React from "react";

import type { BoundAction } from "@/components/workspace/action-types";
import { IDLE } from "@/components/workspace/action-types";
import { notify } from "@/components/workspace/notify";
import type { ActionState } from "@/lib/http/action";

import type { RedirectData } from "./action-types";

/** A random operation key (getRandomValues works outside secure contexts too, unlike randomUUID). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * useActionState for a billing form. Each submission carries a `nonce` that stays the same until
 * the action succeeds, so a double submit reaches the provider as one operation. On success the
 * message is toasted, `onSuccess` runs, and a returned redirectUrl is followed (a provider's page
 * or the local checkout).
 */
export function useBillingAction<T>(action: BoundAction<T>, onSuccess?: (state: ActionState<T>) => void) {
  const nonce = React.useRef<string | null>(null);
  // Stays busy while the browser leaves for the redirect.
  const [redirecting, setRedirecting] = React.useState(false);
  const [state, formAction, pending] = React.useActionState(async (prev: ActionState<T>, form: FormData) => {
    nonce.current ??= newNonce();
    form.set("nonce", nonce.current);
    const next = await action(prev, form);
    if (next.status === "success") {
      nonce.current = null;
      notify(next);
      onSuccess?.(next);
      const redirectUrl = (next.data as Partial<RedirectData> | undefined)?.redirectUrl;
      if (redirectUrl) {
        setRedirecting(true);
        window.location.assign(redirectUrl);
      }
    }
    return next;
  }, IDLE);
  const error = state.status === "error" ? state : null;
  return { state, formAction, pending: pending || redirecting, error };
}
