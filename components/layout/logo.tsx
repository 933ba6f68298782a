import * as React from "react";

// No `cn` (tailwind-merge) here: the error boundary, on every page, draws the wordmark in the browser.

/** The Tessera mark: four tiles of a mosaic. Decorative; pair it with the wordmark or a label. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden focusable="false" className={className ?? "size-6"}>
      <rect x="2" y="2" width="13" height="13" rx="3" className="fill-primary" />
      <rect x="17" y="2" width="13" height="13" rx="3" className="fill-primary/40" />
      <rect x="2" y="17" width="13" height="13" rx="3" className="fill-foreground/80" />
      <rect x="17" y="17" width="13" height="13" rx="3" className="fill-primary" />
    </svg>
  );
}

/** Mark + "Tessera" wordmark (text, so it is the accessible name of a surrounding link). */
export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className ?? "text-lg"}`}>
      <LogoMark />
      Tessera
    </span>
  );
}
