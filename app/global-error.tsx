"use client";

import { useEffect } from "react";
import "./globals.css";

function errorDigest(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return undefined;
}

/**
 * Replaces the root layout when it fails, so it renders its own document and can't rely on the
 * theme provider: it follows the stored theme (the "theme" key of the inline theme script, components/theme/theme-script.ts) or the OS setting.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigest(error);

  useEffect(() => {
    console.error(error);
    try {
      const stored = window.localStorage.getItem("theme");
      const dark =
        stored === "dark" ||
        ((stored === null || stored === "system") && matchMedia("(prefers-color-scheme: dark)").matches);
      document.documentElement.classList.toggle("dark", dark);
      document.documentElement.classList.toggle("light", !dark);
    } catch {
      // Storage unavailable: the stylesheet already follows the OS.
    }
  }, [error]);

  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Tessera</title>
        <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-16">
          <div className="max-w-md text-center">
            <h1 className="text-3xl font-semibold tracking-tight">Something went wrong</h1>
            <p className="mt-3 text-muted-foreground">
              Tessera couldn&apos;t load this page. Please try again in a moment.
            </p>
            {digest && (
              <p className="mt-3 text-sm text-muted-foreground">
                Reference: <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{digest}</code>
              </p>
            )}
            <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
              <button
                type="button"
                onClick={() => retry()}
                className="inline-flex h-9 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90"
              >
                Try again
              </button>
              {/* A full page load: the app's router may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a
                href="/"
                className="inline-flex h-9 items-center rounded-md border border-input px-4 text-sm font-medium hover:bg-accent"
              >
                Go to the home page
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
