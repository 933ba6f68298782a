"use client";
// The "Create key" dialog, loaded with the first click on its button (./create-key-dialog.tsx):
// Radix Dialog, the form and the show-once panel are not part of the page's first download.

import * as React from "react";
import { KeyRound } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import type { BoundAction } from "../action-types";
import {
  EXPIRY_CHOICES,
  groupScopes,
  SCOPE_FIELD_PREFIX,
  type IssuedKey,
  type ScopeOption,
} from "@/lib/api-keys/form-contract";
import { IssuedKeyStep, useIssuingAction } from "./issued-key-panel";

export interface CreateKeyDialogProps {
  action: BoundAction<IssuedKey>;
  scopes: ScopeOption[];
  origin: string;
  title?: string;
  description?: string;
  triggerLabel?: string;
}

/** Rendered already open, in place of the button that was clicked (`trigger`, the same button). */
export function CreateKeyDialogContent({
  action,
  scopes,
  origin,
  title = "Create API key",
  description = "The key acts on this workspace with the scopes you choose, never more than your role allows.",
  trigger,
}: CreateKeyDialogProps & { trigger: React.ReactElement }) {
  const [open, setOpen] = React.useState(true);
  const [session, setSession] = React.useState(1);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // A fresh form (and no secret kept in memory) each time the dialog opens.
        if (next) setSession((n) => n + 1);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <CreateKeyForm
          key={session}
          action={action}
          scopes={scopes}
          origin={origin}
          title={title}
          description={description}
          onDone={() => setOpen(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

function CreateKeyForm({
  action,
  scopes,
  origin,
  title,
  description,
  onDone,
}: {
  action: BoundAction<IssuedKey>;
  scopes: ScopeOption[];
  origin: string;
  title: string;
  description: string;
  onDone: () => void;
}) {
  const { formAction, error, issued } = useIssuingAction(action);
  const [name, setName] = React.useState("");
  const [checked, setChecked] = React.useState<ReadonlySet<string>>(new Set());
  const [expiry, setExpiry] = React.useState<string>("90");
  const groups = React.useMemo(() => groupScopes(scopes), [scopes]);
  const ids = React.useId();

  if (issued) {
    return (
      <IssuedKeyStep
        issued={issued}
        origin={origin}
        title={<>Key “{issued.name}” created</>}
        description={
          <>
            It starts with <span className="font-mono">{issued.start}…</span>, which is how the list shows it.
          </>
        }
        onDone={onDone}
      />
    );
  }

  const fieldErrors = error?.fieldErrors ?? {};
  const scopeErrors = Object.entries(fieldErrors)
    .filter(([field]) => field === "scopes" || field.startsWith("scopes."))
    .flatMap(([, messages]) => messages);
  const shownFields = ["name", "expiresInDays", "expiresAt"];
  const formError =
    error && scopeErrors.length === 0 && !shownFields.some((field) => fieldErrors[field]) ? error.message : null;
  const scopeErrorId = `${ids}-scopes-error`;

  const toggle = (scope: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  return (
    <form action={formAction} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>

      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <Field
          label="Name"
          name="name"
          id={`${ids}-name`}
          required
          error={fieldErrors.name}
          description="What uses it, e.g. “CI deploys”."
        >
          {(props) => (
            <Input
              {...props}
              autoComplete="off"
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={64}
            />
          )}
        </Field>
        <Field
          label="Expires"
          name="expiresInDays"
          id={`${ids}-expiry`}
          error={fieldErrors.expiresInDays ?? fieldErrors.expiresAt}
        >
          {(field) => <FieldSelect field={field} options={EXPIRY_CHOICES} value={expiry} onValueChange={setExpiry} />}
        </Field>
      </div>

      <fieldset
        className="grid gap-3"
        aria-invalid={scopeErrors.length > 0 || undefined}
        aria-describedby={scopeErrors.length > 0 ? scopeErrorId : undefined}
      >
        <legend className="mb-1 flex items-center gap-2 text-sm font-medium">
          Scopes
          <span className="text-destructive" aria-hidden>
            *
          </span>
          <span className="font-normal text-muted-foreground">({checked.size} chosen)</span>
        </legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {groups.map((group) => (
            <fieldset key={group.group} className="grid content-start gap-2 rounded-md border p-3">
              <legend className="px-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                {group.label}
              </legend>
              {group.scopes.map((option) => {
                const id = `${ids}-${option.scope}`;
                return (
                  <div key={option.scope} className="flex items-start gap-2.5">
                    <input
                      id={id}
                      type="checkbox"
                      name={`${SCOPE_FIELD_PREFIX}${option.scope}`}
                      checked={checked.has(option.scope)}
                      onChange={(event) => toggle(option.scope, event.target.checked)}
                      aria-describedby={`${id}-description`}
                      className="mt-0.5 size-4 shrink-0 accent-primary"
                    />
                    <div className="grid gap-0.5">
                      <label htmlFor={id} className="font-mono text-sm leading-none">
                        {option.scope}
                      </label>
                      <p id={`${id}-description`} className="text-xs text-muted-foreground">
                        {option.description}
                      </p>
                    </div>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </div>
        {scopeErrors.length > 0 && (
          <p id={scopeErrorId} className="text-sm font-medium text-destructive">
            {scopeErrors.join(" ")}
          </p>
        )}
      </fieldset>

      {formError && <FormMessage>{formError}</FormMessage>}

      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <SubmitButton pendingLabel="Creating…">
          <KeyRound aria-hidden />
          Create key
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}
