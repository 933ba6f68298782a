import * as React from "react";
import Link from "next/link";
import { Button, type ButtonProps } from "@/components/ui/button";
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

/** A status page's way out: a button link to the home page. */
export function HomeButton({ variant }: { variant?: ButtonProps["variant"] }) {
  return (
    <Button asChild variant={variant}>
      <Link href="/">Go to the home page</Link>
    </Button>
  );
}
