"use client";

import { useEffect } from "react";
import { HomeButton, STATUS_BUTTON, StatusPage } from "@/components/layout/status-page";

/** Server errors carry a `digest` that matches the server log entry; the message is never shown. */
function errorDigest(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigest(error);

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusPage
      title="Something went wrong"
      description={
        <>
          <p>An unexpected error stopped this page from loading. Please try again.</p>
          {digest && (
            <p className="mt-3 text-sm">
              If it keeps happening, contact support and quote reference{" "}
              <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{digest}</code>.
            </p>
          )}
        </>
      }
    >
      <button type="button" className={STATUS_BUTTON.default} onClick={() => retry()}>
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M3 12a9 9 0 0 1 9-9 9.75 9.75 0 0 1 6.74 2.74L21 8" />
          <path d="M21 3v5h-5" />
          <path d="M21 12a9 9 0 0 1-9 9 9.75 9.75 0 0 1-6.74-2.74L3 16" />
          <path d="M8 16H3v5" />
        </svg>
        Try again
      </button>
      <HomeButton variant="outline" />
    </StatusPage>
  );
}
