"use client";
// The theme choice for client components (the workspace's theme menu, the toaster): read from
// <html data-theme> (set by the inline script, ./theme-script.ts), changed through the script's
// `__tesseraSetTheme`, re-read on its `tessera:theme` event.
import * as React from "react";

export type Theme = "light" | "dark" | "system";

const read = (): Theme => {
  const theme = document.documentElement.dataset.theme;
  return theme === "light" || theme === "dark" ? theme : "system";
};

const subscribe = (onChange: () => void) => {
  addEventListener("tessera:theme", onChange);
  return () => removeEventListener("tessera:theme", onChange);
};

export function setTheme(theme: Theme) {
  (window as Window & { __tesseraSetTheme?: (theme: Theme) => void }).__tesseraSetTheme?.(theme);
}

/** The current choice ("system" on the server and before hydration) and a setter. */
export function useTheme(): { theme: Theme; setTheme: (theme: Theme) => void } {
  const theme = React.useSyncExternalStore(subscribe, read, () => "system" as const);
  return { theme, setTheme };
}
