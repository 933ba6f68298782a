"use client";
// The workspace's 403: rendered inside the workspace layout (its navigation stays), with a way
// back to the overview rather than to the marketing home page.
import Link from "next/link";
import { useParams } from "next/navigation";

import { Button } from "@/components/ui/button";

export function WorkspaceForbidden() {
  // Never null under the App Router (the type allows it since pages/ holds the public pages).
  const slug = useParams<{ slug: string }>()?.slug ?? "";
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold tracking-wide text-primary">403</p>
      <h1 id="forbidden-title" className="mt-2 text-2xl font-semibold tracking-tight text-balance">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-3 text-muted-foreground">
        Your role in this workspace doesn&apos;t include it. If you think it should, ask an owner or admin of the
        workspace.
      </p>
      <div className="mt-8 flex justify-center">
        <Button asChild>
          <Link href={`/t/${slug}`}>Go to the workspace overview</Link>
        </Button>
      </div>
    </section>
  );
}
