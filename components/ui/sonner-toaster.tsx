"use client";

import * as React from "react";
import { useTheme } from "@/components/theme/theme-store";
import { Toaster as Sonner, type ToasterProps } from "sonner";

/** Sonner's Toaster following the app theme and the design tokens (mounted by ./toaster on first toast). */
export function SonnerToaster(props: ToasterProps) {
  const { theme } = useTheme();
  return (
    <Sonner
      theme={theme}
      className="toaster group"
      closeButton
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--border-radius": "var(--radius)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}
