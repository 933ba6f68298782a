"use client";

import { LogOut } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE } from "@/components/workspace/action-types";
import { notify } from "@/components/workspace/notify";

import { signOutEverywhereAction } from "./actions";

/** "Sign out of all sessions" with a confirmation; the action ends this session too and goes to sign-in. */
export function SignOutEverywhereButton() {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <LogOut aria-hidden />
          Sign out of all sessions
        </Button>
      }
      title="Sign out of all sessions?"
      description="Every browser and device signed in to your account is signed out at once, this one included. You will need your password (or GitHub/Google) to sign in again."
      confirmLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      variant="destructive"
      action={async () => {
        notify(await signOutEverywhereAction(IDLE));
      }}
    />
  );
}
