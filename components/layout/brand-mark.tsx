import * as React from "react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { Wordmark } from "./logo";
import type { ShellBrand } from "./nav-types";

/** Tenant logo + name (or the Tessera wordmark when unbranded), linking home. */
export function BrandMark({ brand, className }: { brand?: ShellBrand; className?: string }) {
  if (!brand) {
    return (
      <Link href="/" className={cn("inline-flex rounded-md", className)}>
        <Wordmark />
      </Link>
    );
  }
  return (
    <Link
      href={brand.href ?? "/"}
      className={cn("inline-flex min-w-0 items-center gap-2 rounded-md font-semibold tracking-tight", className)}
    >
      {brand.logoUrl ? (
        // Tenant logos are arbitrary URLs; next/image would need each host allow-listed.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={brand.logoUrl} alt="" className="size-7 shrink-0 rounded-md object-contain" />
      ) : (
        <span
          aria-hidden
          className="flex size-7 shrink-0 items-center justify-center rounded-md bg-brand text-sm font-semibold text-brand-foreground"
        >
          {brand.name.trim().charAt(0).toUpperCase() || "?"}
        </span>
      )}
      <span className="truncate">{brand.name}</span>
    </Link>
  );
}
