"use client";

import { useEffect } from "react";
import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { HomeButton, StatusPage } from "@/components/layout/status-page";

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
      <Button onClick={() => retry()}>
        <RefreshCw aria-hidden />
        Try again
      </Button>
      <HomeButton variant="outline" />
    </StatusPage>
  );
}
