"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { onDemandTriggerProps, useOnDemand } from "@/components/ui/use-on-demand";
import { ThemeIcons } from "./theme-icons";

export interface ThemeToggleProps {
  className?: string;
  align?: "start" | "center" | "end";
}

const loadThemeMenu = () => import("./theme-menu").then((m) => m.ThemeMenu);

/**
 * Theme menu: Light / Dark / System. The menu (Radix, with its positioning code) loads on first
 * use; until then this is the same button, which opens it on click, Enter or Space.
 */
export function ThemeToggle({ className, align = "end" }: ThemeToggleProps) {
  const { Component: ThemeMenu, prefetch, open } = useOnDemand(loadThemeMenu);
  if (ThemeMenu) return <ThemeMenu className={className} align={align} defaultOpen />;
  return (
    <Button
      variant="ghost"
      size="icon"
      className={cn("relative", className)}
      aria-label="Change theme"
      aria-haspopup="menu"
      aria-expanded={false}
      {...onDemandTriggerProps(prefetch, open)}
    >
      <ThemeIcons />
    </Button>
  );
}
