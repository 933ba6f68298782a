import * as React from "react";
import Link from "next/link";
import { Wordmark } from "./logo";

export type StatusPageProps = {
  /** Short code shown above the title, e.g. "404". */
  code?: string;
  title: string;
  description: React.ReactNode;
  /** Actions (links/buttons) under the description; by default a "Go to the home page" button. */
  children?: React.ReactNode;
};

/**
 * Full-page message for not-found / forbidden / error states. Renders its own header and
 * `<main id="main">` because these pages replace every layout below the root one.
 */
export function StatusPage({ code, title, description, children = <HomeButton /> }: StatusPageProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b">
        <div className="mx-auto flex h-16 max-w-6xl items-center px-4 sm:px-6">
          <Link href="/" className="rounded-md">
            <Wordmark />
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 items-center justify-center px-4 py-16">
        <div className="max-w-md text-center">
          {code && <p className="text-sm font-semibold tracking-wide text-primary">{code}</p>}
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance">{title}</h1>
          <div className="mt-3 text-muted-foreground">{description}</div>
          {children && <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{children}</div>}
        </div>
      </main>
    </div>
  );
}

// Button looks as plain class names (ui/button's `default` and `outline`), not <Button>: the
// error boundary renders this page in the browser and is part of every page's first download, so
// it stays free of class-variance-authority, tailwind-merge and Radix's Slot.
const BUTTON =
  "inline-flex h-9 shrink-0 cursor-pointer items-center justify-center gap-2 rounded-md px-4 text-sm font-medium whitespace-nowrap shadow-xs transition-colors select-none [&_svg]:size-4 [&_svg]:shrink-0";
export const STATUS_BUTTON = {
  default: `${BUTTON} bg-primary text-primary-foreground hover:bg-primary/90`,
  outline: `${BUTTON} border border-input bg-background hover:bg-accent hover:text-accent-foreground`,
} as const;

/** A status page's way out: a button link to the home page. */
export function HomeButton({ variant = "default" }: { variant?: keyof typeof STATUS_BUTTON }) {
  return (
    <Link href="/" className={STATUS_BUTTON[variant]}>
      Go to the home page
    </Link>
  );
}
