"use client";

import { Trash2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

import { IDLE, type BoundAction } from "../action-types";
import { notify } from "../notify";

/** The uploaded logo as the header shows it, with "Remove" for those who may change branding. */
export function LogoPreview({ src, name, remove }: { src: string | null; name: string | null; remove?: BoundAction }) {
  if (!src)
    return (
      <p className="text-sm text-muted-foreground">No logo uploaded: the header shows the workspace&apos;s initial.</p>
    );
  return (
    <div className="flex flex-wrap items-center gap-3">
      {/* Served by the app to members only; next/image would fetch it without the session. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt="Current logo" className="size-12 rounded-md border object-contain" />
      <span className="text-sm break-all text-muted-foreground">{name}</span>
      {remove && (
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
              <Trash2 aria-hidden />
              Remove logo
            </Button>
          }
          title="Remove the logo?"
          description="The header shows the workspace's initial again."
          confirmLabel="Remove logo"
          pendingLabel="Removing…"
          variant="destructive"
          action={async (form) => {
            notify(await remove(IDLE, form));
          }}
        />
      )}
    </div>
  );
}
