import { BookOpen } from "lucide-react";

import { Button } from "@/components/ui/button";

/** "API reference" in the header of the API keys pages. */
export function ApiReferenceButton() {
  return (
    <Button asChild variant="outline">
      {/* A plain link: /api/docs is a route handler, not an app page (no client navigation or prefetch).
          The lint rule takes the API's catch-all 404 route (app/api/[[...path]]) for pages under /api. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/api/docs">
        <BookOpen aria-hidden />
        API reference
      </a>
    </Button>
  );
}
