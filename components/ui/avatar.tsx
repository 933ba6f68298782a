"use client";

import * as React from "react";
import { Avatar as AvatarPrimitive } from "radix-ui";
import { cn } from "./cn";

/** "Ada Lovelace" → "AL", "ada@example.com" → "AD", "" → "?". */
export function initials(name: string | null | undefined): string {
  const base = (name ?? "").trim().split("@")[0] ?? "";
  const [firstWord, ...rest] = base.split(/[\s._-]+/).filter(Boolean);
  if (firstWord === undefined) return "?";
  const lastWord = rest.at(-1);
  if (lastWord === undefined) return firstWord.slice(0, 2).toUpperCase();
  return (firstWord.charAt(0) + lastWord.charAt(0)).toUpperCase();
}

const SIZES = { sm: "size-6 text-[10px]", md: "size-8 text-xs", lg: "size-10 text-sm" } as const;

export type AvatarProps = Omit<React.ComponentProps<typeof AvatarPrimitive.Root>, "children"> & {
  /** Person or organisation name (used for initials and the image's alt text). */
  name: string;
  src?: string | null;
  size?: keyof typeof SIZES;
  /** Set when the name is already shown next to the avatar, so screen readers don't hear it twice. */
  decorative?: boolean;
};

export function Avatar({ name, src, size = "md", decorative = false, className, ...props }: AvatarProps) {
  return (
    <AvatarPrimitive.Root
      data-slot="avatar"
      className={cn("relative flex shrink-0 overflow-hidden rounded-full", SIZES[size], className)}
      {...(decorative ? { "aria-hidden": true } : {})}
      {...props}
    >
      {src ? (
        <AvatarPrimitive.Image
          className="aspect-square size-full object-cover"
          src={src}
          alt={decorative ? "" : name}
        />
      ) : null}
      <AvatarPrimitive.Fallback
        className="flex size-full items-center justify-center rounded-full bg-muted font-medium text-foreground"
        {...(decorative ? {} : { role: "img", "aria-label": name })}
      >
        <span aria-hidden>{initials(name)}</span>
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
