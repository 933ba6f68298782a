import * as React from "react";
import { cn } from "@/components/ui/cn";

/** The Tessera mark: four tiles of a mosaic. Decorative; pair it with the wordmark or a label. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden focusable="false" className={cn("size-6", className)}>
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
    <span className={cn("inline-flex items-center gap-2 text-lg font-semibold tracking-tight", className)}>
      <LogoMark />
      Tessera
    </span>
  );
}
