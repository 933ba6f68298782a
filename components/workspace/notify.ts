import { toast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/** Shows an action's outcome as a toast; returns true on success. */
export function notify(state: ActionState<unknown>): boolean {
  if (state.status === "success") {
    if (state.message) toast.success(state.message);
    return true;
  }
  if (state.status === "error") toast.error(state.message);
  return false;
}
