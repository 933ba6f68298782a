"use client";

import * as React from "react";
import dynamic from "next/dynamic";
import { RefreshCw } from "lucide-react";

import { Button } from "@/components/ui/button";

import type { BoundAction } from "../action-types";
import type { IssuedKey } from "@/lib/api-keys/form-contract";

export interface RollTarget {
  id: string;
  name: string;
  start: string;
}

/**
 * State for the one "Roll" dialog of a table. The dialog lives outside the rows on purpose: a
 * successful roll revokes or re-dates the old key, the page re-renders, and a dialog inside the
 * old row would vanish together with the show-once secret.
 */
export function useRollDialog() {
  const [state, setState] = React.useState<{ target: RollTarget; session: number; trigger: HTMLElement | null }>();
  const [open, setOpen] = React.useState(false);
  const start = React.useCallback((target: RollTarget, trigger: HTMLElement | null) => {
    setState((prev) => ({ target, trigger, session: (prev?.session ?? 0) + 1 }));
    setOpen(true);
  }, []);
  return { state, open, setOpen, start };
}

// The dialog loads with the first "Roll" click (./roll-key-dialog-content.tsx).
const RollKeyDialogContent = dynamic(() => import("./roll-key-dialog-content").then((m) => m.RollKeyDialogContent), {
  ssr: false,
});

/** "Roll": a new secret with the same name, scopes and expiry; the old one works for a grace period. */
export function RollKeyDialog(props: {
  dialog: ReturnType<typeof useRollDialog>;
  action: BoundAction<IssuedKey>;
  origin: string;
}) {
  return props.dialog.state ? <RollKeyDialogContent {...props} /> : null;
}

export function RollKeyButton({ apiKey, onRoll }: { apiKey: RollTarget; onRoll: RollStarter }) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Roll ${apiKey.name}`}
      aria-haspopup="dialog"
      onClick={(event) => onRoll(apiKey, event.currentTarget)}
    >
      <RefreshCw aria-hidden />
      Roll
    </Button>
  );
}

export type RollStarter = (target: RollTarget, trigger: HTMLElement | null) => void;
