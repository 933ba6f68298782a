"use client";

import * as React from "react";

/**
 * Loads a component the first time it is used, so its code (and its dependencies: Radix menus,
 * dialogs, sheets) is not part of the page's first download. `prefetch` (pointer over, focus)
 * starts the import early; `open` (the click) imports it and returns it once loaded, to be
 * rendered already open in place of the placeholder trigger. Until then `Component` is null.
 */
export function useOnDemand<P>(load: () => Promise<React.ComponentType<P>>) {
  const [Component, setComponent] = React.useState<React.ComponentType<P> | null>(null);
  const pending = React.useRef<Promise<React.ComponentType<P>> | null>(null);
  const prefetch = React.useCallback(() => {
    pending.current ??= load().catch((error: unknown) => {
      pending.current = null; // a failed chunk load (offline, deploy) is retried on the next use
      throw error;
    });
    return pending.current;
  }, [load]);
  const open = React.useCallback(() => {
    prefetch().then(
      (loaded) => setComponent(() => loaded),
      (error: unknown) => console.error(error),
    );
  }, [prefetch]);
  return { Component, prefetch, open };
}

/** Props of the placeholder trigger: prefetch on intent, load and open on click. */
export function onDemandTriggerProps(prefetch: () => Promise<unknown>, open: () => void) {
  const warm = () => void prefetch().catch(() => undefined); // open() reports a failure
  return {
    onPointerEnter: warm,
    onFocus: warm,
    onClick: open,
  };
}

/**
 * `trigger` (a button element) as the placeholder of a dialog loaded on demand: prefetch on intent,
 * load and open on click; the element's own handlers still run first.
 */
export function onDemandTrigger(trigger: React.ReactElement, prefetch: () => Promise<unknown>, open: () => void) {
  const handlers = onDemandTriggerProps(prefetch, open);
  const own = trigger.props as React.HTMLAttributes<HTMLElement>;
  return React.cloneElement(trigger as React.ReactElement<React.HTMLAttributes<HTMLElement>>, {
    "aria-haspopup": "dialog",
    onPointerEnter: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerEnter?.(event);
      handlers.onPointerEnter();
    },
    onFocus: (event: React.FocusEvent<HTMLElement>) => {
      own.onFocus?.(event);
      handlers.onFocus();
    },
    onClick: (event: React.MouseEvent<HTMLElement>) => {
      own.onClick?.(event);
      if (!event.defaultPrevented) handlers.onClick();
    },
  });
}
