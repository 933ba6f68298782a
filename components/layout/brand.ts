import type { CSSProperties } from "react";

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Normalise a tenant colour to #rrggbb, or null when it isn't a plain hex colour. */
export function normalizeHexColor(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v || !HEX.test(v)) return null;
  if (v.length === 4) return `#${[...v.slice(1)].map((c) => c + c).join("")}`.toLowerCase();
  return v.toLowerCase();
}

function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on `hex` (WCAG contrast). */
export function readableTextOn(hex: string): "#09090b" | "#ffffff" {
  const l = relativeLuminance(hex);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / (relativeLuminance("#09090b") + 0.05);
  return onBlack >= onWhite ? "#09090b" : "#ffffff";
}

/** Inline style that applies a tenant's brand colour to a subtree (`--brand-primary` + foreground). */
export function brandStyle(primaryColor: string | null | undefined): CSSProperties | undefined {
  const hex = normalizeHexColor(primaryColor);
  if (!hex) return undefined;
  return { "--brand-primary": hex, "--brand-primary-foreground": readableTextOn(hex) } as CSSProperties;
}
