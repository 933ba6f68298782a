"use client";

import * as React from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

import type { BoundAction } from "../action-types";
import { CopyButton } from "../copy-button";
import { useAction } from "@/components/actions/use-action";
import type { IssuedKey } from "@/lib/api-keys/form-contract";

/** useAction for an action that issues a key: `issued` is set once it succeeded. */
export function useIssuingAction(action: BoundAction<IssuedKey>) {
  const { state, formAction, error } = useAction(action as BoundAction);
  const issued = state.status === "success" ? (state.data as IssuedKey | undefined) : undefined;
  return { formAction, error, issued };
}

/** The last step of the create and roll dialogs: what happened, the show-once panel, "I have copied it". */
export function IssuedKeyStep({
  issued,
  origin,
  title,
  description,
  onDone,
}: {
  issued: IssuedKey;
  origin: string;
  title: React.ReactNode;
  description: React.ReactNode;
  onDone: () => void;
}) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <IssuedKeyPanel issued={issued} origin={origin} />
      <DialogFooter>
        <Button type="button" onClick={onDone}>
          I have copied it
        </Button>
      </DialogFooter>
    </>
  );
}

/**
 * The show-once panel after a key is created or rolled: the secret with a copy button, the
 * warning that it is not shown again, and a ready-to-run curl call against `origin`.
 */
export function IssuedKeyPanel({
  issued,
  origin,
  path = "/api/v1/ping",
}: {
  issued: IssuedKey;
  origin: string;
  path?: string;
}) {
  const id = React.useId();
  const command = `curl -H "Authorization: Bearer ${issued.secret}" ${origin}${path}`;
  return (
    <div className="grid gap-4" data-testid="issued-key">
      <Alert variant="warning">
        <AlertTitle>Copy the secret now</AlertTitle>
        <AlertDescription>
          <p>
            It will not be shown again: Tessera stores only a hash of it. If you lose it, roll the key to get a new one.
          </p>
        </AlertDescription>
      </Alert>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-secret`}>Secret for {issued.name}</Label>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            id={`${id}-secret`}
            readOnly
            value={issued.secret}
            className="min-w-0 flex-1 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
            autoComplete="off"
            spellCheck={false}
            data-testid="issued-secret"
          />
          <CopyButton value={issued.secret} label="Copy secret" />
        </div>
      </div>
      <div className="grid gap-2">
        <p className="text-sm font-medium">Try it</p>
        <pre className="rounded-md border bg-muted px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-foreground">
          <code>{command}</code>
        </pre>
        <div>
          <CopyButton value={command} label="Copy command" />
        </div>
      </div>
    </div>
  );
}
