"use client";

import * as React from "react";

import type { ActionState } from "@/lib/http/action";

import { IDLE, type BoundAction } from "./action-types";
import { notify } from "./notify";

/**
 * useActionState for a workspace form's bound action: on success its message is toasted and
 * `onSuccess` runs. `error` is the last result when it failed, else null.
 */
export function useNotifyingAction(action: BoundAction, onSuccess?: () => void) {
  const [state, formAction] = React.useActionState(async (prev: ActionState<unknown>, form: FormData) => {
    const next = await action(prev, form);
    if (next.status === "success") {
      notify(next);
      onSuccess?.();
    }
    return next;
  }, IDLE);
  const error = state.status === "error" ? state : null;
  return { state, formAction, error };
}
