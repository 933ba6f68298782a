// Tells the root layout's Toaster that a toast was asked for, so it can load Sonner's. Tiny on
// purpose: both the Toaster (on every page) and `toast` (where used) import it.
let requested = false;
const listeners = new Set<() => void>();

export function requestToaster() {
  if (requested) return;
  requested = true;
  for (const listener of listeners) listener();
}

/** Calls `listener` once a toast is asked for (now, if one already was); returns an unsubscribe. */
export function onToasterRequested(listener: () => void): () => void {
  if (requested) {
    listener();
    return () => undefined;
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}
